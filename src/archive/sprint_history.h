// Sprint History: recreates an ended sprint's tasks in a list of the ClickUp
// folder "Sprint History", because ClickUp's v2 API cannot move a task.
//
// Reads the sprint's tasks from the run's landing folder (the raw task pages
// of the sprint list), writes copies through the ClickUp API and records each
// copy in the warehouse table archive_map right after it is created, so a
// rerun creates nothing twice and a killed run resumes where it stopped.
// Runs last in a run and never touches the star schema. One thread.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "warehouse/warehouse.h"

namespace sprintetl::archive {

struct ArchiveSummary {
  std::string folder_id;
  std::string list_id;
  bool created_folder = false;
  bool created_list = false;
  int copied = 0;
  int already_copied = 0;
  std::vector<std::string> failed;   // "task_id: reason", tasks not copied
  std::vector<std::string> dropped;  // values that could not be copied, per task
};

// Copies every task of sprint list `sprint_id` into its Sprint History list.
// Fails only when the folder or list cannot be found or created, or the
// archive map cannot be read; a task that fails to copy is listed in
// `failed` and the others are still copied.
Result<ArchiveSummary> ArchiveSprint(const config::Config& config, http::HttpClient& clickup,
                                     warehouse::Warehouse& warehouse,
                                     const landing::RunFolder& run, const std::string& sprint_id);

}  // namespace sprintetl::archive
