// Chooses the sprint a run closes, from the sprint lists the transform wrote
// (stage/stg_list.ndjson of the run).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace sprintetl::pipeline {

struct SprintChoice {
  std::string sprint_id;  // the ClickUp list id
  std::string name;
  std::string start_date;  // YYYY-MM-DD in the workspace time zone
  std::string end_date;
};

// With `requested` empty: the sprint whose end date is the latest one before
// `now`'s calendar day in `timezone`. Otherwise the sprint whose list id,
// full name, name up to " (", or number equals `requested`.
// Fails with kInvalidArgument listing the known sprints when `requested`
// matches none, or kFailedPrecondition when no sprint has ended yet.
Result<SprintChoice> ChooseSprint(const std::string& stg_list_path, const std::string& requested,
                                  std::chrono::system_clock::time_point now,
                                  const std::string& timezone);

// ChooseSprint on stg_list rows already in memory (sprint-end detection
// builds them without a landing folder).
Result<SprintChoice> ChooseSprintFromRows(const std::vector<nlohmann::json>& stg_list_rows,
                                          const std::string& requested,
                                          std::chrono::system_clock::time_point now,
                                          const std::string& timezone);

// The calendar day of `now` in `timezone` as YYYY-MM-DD; UTC when the zone is unknown.
std::string LocalDate(std::chrono::system_clock::time_point now, const std::string& timezone);

}  // namespace sprintetl::pipeline
