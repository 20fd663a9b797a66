// Builds the ClickUp create-task body for a Sprint History copy of a task.
//
// Pure functions, no I/O: the source task comes from a landed clickup.tasks
// page, the target list's statuses and fields from the ClickUp API. Values
// are converted from ClickUp's read form to its write form (a drop-down is
// read as the option's position but written as the option's id; users are
// written as {"add": [ids]}).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sprintetl::archive {

struct TargetList {
  std::vector<std::string> statuses;  // status names of the history list
  nlohmann::json fields;              // the history list's field definitions
};

struct CopyOptions {
  std::string fallback_status;  // used when the source status is not on the list
  std::string parent_copy_id;   // copy id of the task's parent, empty for top level
};

struct TaskCopy {
  nlohmann::json body;                // POST /v2/list/{id}/task body
  std::vector<std::string> dropped;   // what could not be copied, and why
};

// Builds the copy of `task` for `target`.
TaskCopy BuildTaskCopy(const nlohmann::json& task, const TargetList& target,
                       const CopyOptions& options);

}  // namespace sprintetl::archive
