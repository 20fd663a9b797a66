// The ended sprint as a run landed it: the input of the Sprint History copy.
//
// Reads only the run's landing folder (raw ClickUp pages), so the copy is a
// snapshot of the sprint at extraction time, whatever changed since.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "landing/run_folder.h"

namespace sprintetl::archive {

struct SprintSource {
  std::string sprint_id;
  std::string name;      // the sprint list's name, which carries its dates
  std::string space_id;  // the space of the sprint list
  // The sprint list's tasks, unique by id, every parent before its subtasks.
  std::vector<nlohmann::json> tasks;
  // Ids of tasks caught in a parent cycle; they cannot be placed, so they are not copied.
  std::vector<std::string> unplaced;
  // User ids of the workspace's members; nullopt when the run landed no team page.
  std::optional<std::set<long long>> members;
  std::string timezone;  // the ClickUp user's IANA time zone, empty when not landed
  // Statuses of the sprint's space, which a new list in a plain folder inherits.
  std::vector<std::string> space_statuses;
};

// Collects the sprint list `sprint_id` from the landed ClickUp pages of
// `run`. `team_id` limits the members to one workspace (empty: every
// landed workspace). Fails with kNotFound when the sprint list was not
// landed, or kDataLoss naming a page that is not JSON.
Result<SprintSource> ReadSprintSource(const landing::RunFolder& run, const std::string& sprint_id,
                                      const std::string& team_id);

}  // namespace sprintetl::archive
