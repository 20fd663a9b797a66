// Finds or creates the Sprint History folder and the sprint's list in it,
// and reads the list's statuses and custom fields.
#pragma once

#include <string>

#include "archive/sprint_source.h"
#include "archive/task_copy.h"
#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"

namespace sprintetl::archive {

struct HistoryList {
  std::string folder_id;  // empty when the folder does not exist (dry run)
  std::string list_id;    // empty when the list does not exist (dry run)
  std::string list_name;  // the sprint list's name, which carries its dates
  bool created_folder = false;  // in a dry run: the folder would be created
  bool created_list = false;    // in a dry run: the list would be created
  TargetList target;
  // False in a dry run whose list does not exist yet: its fields are only
  // known once ClickUp creates it, and `target` then holds the space's statuses.
  bool fields_known = true;
};

// Finds the folder config.archive.folder_name in the configured space (else
// the sprint's space) and the list named after the sprint in it, creating
// each when missing unless `dry_run`, which sends GET requests only. Fails
// when a request fails or ClickUp returns no id.
Result<HistoryList> FindOrCreateHistoryList(const config::Config& config,
                                            http::HttpClient& client, const SprintSource& sprint,
                                            bool dry_run);

}  // namespace sprintetl::archive
