// Checks which landed tasks of a sprint were deleted at the source after the
// run extracted them.
//
// The copy is a snapshot of the landed data, so a deleted task is still
// copied; the check only lets the report (and the copy's description) say
// so. It costs one GET per 100 tasks of the sprint list (ClickUp's page
// size) plus one GET per landed task no longer in the list, at most
// kMaxTaskChecks of them, which tells a deleted task (404) from one that only
// left the list.
#pragma once

#include <set>
#include <string>

#include "archive/sprint_source.h"
#include "http/http_client.h"

namespace sprintetl::archive {

inline constexpr int kMaxTaskChecks = 100;

struct SourceCheck {
  bool checked = false;  // false when the sprint list could not be read
  std::string error;     // why, when not checked
  std::set<std::string> deleted;  // ClickUp returns 404 for these
  std::set<std::string> moved;    // still exist, but not in the sprint list any more
  // Absent from the list beyond kMaxTaskChecks, so not checked one by one.
  std::set<std::string> unchecked;
};

// Lists the sprint list's tasks now and compares them with `sprint.tasks`.
// Never fails: a failed request leaves `checked` false with `error` set.
SourceCheck CheckSourceTasks(http::HttpClient& client, const SprintSource& sprint);

}  // namespace sprintetl::archive
