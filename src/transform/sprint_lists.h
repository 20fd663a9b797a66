// ClickUp lists and the sprints among them.
//
// A sprint is a list of the configured sprint folder whose name matches
// clickup.sprint_name_pattern ("Sprint 41 (11/3 - 11/16)"). Its dates come
// from the list's own start and due dates when both are set, else from the
// name, which has no year.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "transform/landing_pages.h"
#include "transform/time_zone.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

struct SprintDates {
  date::year_month_day start;
  date::year_month_day end;  // inclusive
};

struct ListInfo {
  std::string source_page;
  std::string list_id;
  std::string name;
  std::optional<std::string> folder_id;  // null for folderless lists
  std::optional<std::string> folder_name;
  std::optional<std::string> space_id;
  std::optional<bool> is_archived;
  bool is_sprint = false;
  std::optional<int> sprint_number;
  std::optional<SprintDates> dates;  // set for sprints whose dates could be read
};

// The day and month parts a sprint name gives for its start and end.
struct SprintNameDays {
  int number = 0;
  unsigned start_month = 0, start_day = 0, end_month = 0, end_day = 0;
};

// Matches `name` against the configured pattern, whose groups are the sprint
// number, then two day parts of the start and two of the end in the order of
// sprint_date_order. nullopt when the name does not match. Fails with
// kInvalidArgument when the pattern is not a regex with at least five groups.
Result<std::optional<SprintNameDays>> MatchSprintName(const config::ClickUp& clickup,
                                                      const std::string& name);

// Places a year-less sprint name on the calendar. The start takes the year
// (this, last or next) that puts it nearest to `today`, so it lands within
// about six months of the run. An end before the start falls in the
// following year. nullopt when a day does not exist (e.g. 2/30).
std::optional<SprintDates> SprintDatesFromName(const SprintNameDays& days,
                                               date::year_month_day today);

// Collects every list of the clickup.lists pages and the lists embedded in
// clickup.folders pages, once each, and finds the sprints. `today` is the
// run's date in the workspace zone. Fails with kDataLoss for a page without
// its "lists" or "folders" array or a list without an id.
Result<std::vector<ListInfo>> CollectLists(const LandingPages& pages, const config::Config& config,
                                           const WorkspaceZone& zone, date::year_month_day today,
                                           WarningList& warnings);

// The stg_list row of `list`.
nlohmann::json ListRow(const ListInfo& list);

}  // namespace sprintetl::transform
