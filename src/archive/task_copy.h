// Builds the ClickUp create-task body for a Sprint History copy of a task.
//
// Pure functions, no I/O: the source task comes from a landed clickup.tasks
// page, the target list's statuses and fields from the ClickUp API. Values
// are converted from ClickUp's read form to its write form (a drop-down is
// read as the option's position but written as the option's id; users are
// written as {"add": [ids]}).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "transform/time_zone.h"

namespace sprintetl::archive {

struct TargetList {
  std::vector<std::string> statuses;  // status names of the history list
  nlohmann::json fields;              // the history list's field definitions
};

struct CopyOptions {
  std::string fallback_status;  // used when the source status is not on the list
  // Lower-cased source status -> history status (config archive.status_map).
  std::map<std::string, std::string> status_map;
  config::ArchiveLink link_mode = config::ArchiveLink::kDescription;
  std::string link_field;  // name of the history list's link field (kCustomField)
  // User ids of the workspace members; ids outside it are dropped and reported.
  // nullopt keeps every id (membership unknown).
  std::optional<std::set<long long>> members;
  // The workspace's time zone. Task payloads omit due_date_time and
  // start_date_time, so the flags are inferred from it; nullopt sends true.
  std::optional<transform::WorkspaceZone> zone;
  std::string parent_copy_id;  // copy id of the task's parent, empty for top level
  bool deleted_at_source = false;  // adds a note beside the link to the original
};

struct ChecklistItemCopy {
  std::string name;
  std::optional<long long> assignee;  // a workspace member, or none
  bool resolved = false;
};

struct ChecklistCopy {
  std::string name;
  std::vector<ChecklistItemCopy> items;  // in the source's order
};

struct TaskCopy {
  nlohmann::json body;                 // POST /v2/list/{id}/task body
  std::vector<ChecklistCopy> checklists;  // created after the task, in the source's order
  std::vector<std::string> dropped;    // what could not be copied, and why
};

// Builds the copy of `task` for `target`. Never fails: each value that
// cannot be written is left out and described in `dropped`.
TaskCopy BuildTaskCopy(const nlohmann::json& task, const TargetList& target,
                       const CopyOptions& options);

// Returns the history list status for `source_status`: the mapped status,
// else the same name, else the fallback. A status that is not on the history
// list is reported in `dropped`.
std::string MapStatus(const std::string& source_status, const TargetList& target,
                      const CopyOptions& options, std::vector<std::string>& dropped);

}  // namespace sprintetl::archive
