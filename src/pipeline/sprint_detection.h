// Sprint-end detection: decides, before any full extract, whether a sprint
// has ended that no successful run has closed yet, so a daily timer can call
// `sprintetl run` and only the day after a sprint ends does real work.
//
// It reads only what sprint dates need: the ClickUp user (its time zone),
// the workspaces, the spaces, their folders and the sprint folder's lists.
// No task is read and nothing is written to the landing zone. The dates come
// from the same code the transform uses, so the sprint found here is the one
// the full run then closes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "pipeline/sprint_choice.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

// The sprint lists as the detection reads them.
struct SprintCalendar {
  std::string timezone;                // the workspace zone the dates are in
  std::vector<nlohmann::json> lists;   // stg_list rows of every list read
  std::vector<std::string> warnings;
};

struct SprintEndDecision {
  bool due = false;      // a sprint ended that no successful run has closed
  std::optional<SprintChoice> sprint;  // the latest ended sprint, when one has ended
  std::string reason;    // why nothing is due, or which sprint is due
};

// Scope of the sprint lists the calendar reads. Detection needs the active
// ones. Checking a `run --sprint` name needs the archived ones too, because
// the full extraction reads archived folders and lists as well.
enum class CalendarScope { kActiveLists, kAllLists };

// Reads the sprint calendar from ClickUp through `clickup` (requests paced
// by its rate budget). Fails with the first request's error, or kDataLoss
// when a response lacks the expected shape.
Result<SprintCalendar> ReadSprintCalendar(const config::Config& config,
                                          http::HttpClient& clickup,
                                          std::chrono::system_clock::time_point now,
                                          CalendarScope scope = CalendarScope::kActiveLists);

// Compares the latest sprint ended before `now`'s local day with the sprints
// already closed by successful runs (run_state). Not due when no sprint has
// ended yet or the latest one is already closed.
Result<SprintEndDecision> DecideSprintEnd(const SprintCalendar& calendar,
                                          warehouse::Warehouse& warehouse,
                                          std::chrono::system_clock::time_point now);

}  // namespace sprintetl::pipeline
