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

struct ArchiveOptions {
  // Plans without writing: only GET requests, no warehouse writes.
  bool dry_run = false;
  // Checks that each mapped copy still exists and recreates the ones deleted
  // by hand. Without it a mapped task is never copied again.
  bool repair = false;
};

// One line of the archive's account, in the order the work was done.
// kind: folder, list, copy, skip, recreate, missing, deleted, moved,
// unchecked, dropped, failed, note.
struct ArchiveItem {
  std::string kind;
  std::string task_id;  // empty for folder, list and note lines
  std::string text;
};

struct ArchiveSummary {
  bool dry_run = false;
  std::string folder_id;  // empty in a dry run that would create the folder
  std::string list_id;    // empty in a dry run that would create the list
  std::string list_name;
  bool created_folder = false;  // in a dry run: would be created
  bool created_list = false;
  int tasks = 0;           // landed tasks of the sprint
  int copied = 0;          // in a dry run: tasks that would be copied
  int already_copied = 0;  // mapped in archive_map and not recreated
  int recreated = 0;       // copies deleted by hand and recreated (--repair)
  int missing = 0;         // copies deleted by hand, left alone without --repair
  int checklists = 0;      // checklists and items created
  int checklist_items = 0;
  std::vector<std::string> failed;      // "task_id: reason", tasks not copied
  std::vector<std::string> failed_ids;  // the same tasks' ids
  std::vector<std::string> dropped;     // "task_id: value and why", values not copied
  std::vector<std::string> deleted_at_source;  // task ids, copied from the landing data
  std::vector<ArchiveItem> items;
};

// Copies every task of sprint list `sprint_id`, as landed in `run`, into its
// Sprint History list. Fails only when the folder or list cannot be found or
// created, or archive_map cannot be read or written. A task that fails to
// copy is listed in `failed` and the others are still copied.
Result<ArchiveSummary> ArchiveSprint(const config::Config& config, http::HttpClient& clickup,
                                     warehouse::Warehouse& warehouse,
                                     const landing::RunFolder& run, const std::string& sprint_id,
                                     const ArchiveOptions& options = {});

// The run log message of an archive that did not copy every task: the count
// and the first `max_ids` task ids, then the first reason.
std::string NotCopiedMessage(const ArchiveSummary& summary, size_t max_ids = 20);

}  // namespace sprintetl::archive
