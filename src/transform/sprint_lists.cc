#include "transform/sprint_lists.h"

#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

bool EqualsIgnoringCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<unsigned> SmallNumber(const std::string& digits) {
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  unsigned value = 0;
  for (char ch : digits) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(ch - '0');
  }
  return value;
}

// Reads one list object; `folder_names` gives the folder's name when the list
// object carries only the folder id.
Result<ListInfo> ReadList(const LandingPage& page, const nlohmann::json& list,
                          const std::map<std::string, std::string>& folder_names) {
  ListInfo info;
  info.source_page = page.record.file;
  std::optional<std::string> id = TextOf(Member(list, "id"));
  if (!id) return ShapeError(page.record, "a list has no \"id\"");
  info.list_id = *id;
  info.name = TextOf(Member(list, "name")).value_or("");
  info.is_archived = BoolOf(Member(list, "archived"));

  const nlohmann::json* folder = Member(list, "folder");
  // Folderless lists report a pseudo-folder marked hidden; it is no real folder.
  bool hidden = folder != nullptr && BoolOf(Member(*folder, "hidden")).value_or(false);
  if (!hidden) {
    info.folder_id = TextOf(Member(list, "folder", "id"));
    if (!info.folder_id) {
      auto context = page.record.context.find("folder_id");
      if (context != page.record.context.end()) info.folder_id = context->second;
    }
    info.folder_name = TextOf(Member(list, "folder", "name"));
    if (!info.folder_name && info.folder_id) {
      auto known = folder_names.find(*info.folder_id);
      if (known != folder_names.end()) info.folder_name = known->second;
    }
  }

  info.space_id = TextOf(Member(list, "space", "id"));
  if (!info.space_id) {
    auto context = page.record.context.find("space_id");
    if (context != page.record.context.end()) info.space_id = context->second;
  }
  return info;
}

Status FindSprint(const config::Config& config, const WorkspaceZone& zone,
                  date::year_month_day today, const nlohmann::json& list, ListInfo& info,
                  WarningList& warnings) {
  if (!info.folder_name || !EqualsIgnoringCase(*info.folder_name, config.clickup.sprint_folder)) {
    return Status::Ok();
  }
  SPRINTETL_ASSIGN_OR_RETURN(std::optional<SprintNameDays> days,
                             MatchSprintName(config.clickup, info.name));
  if (!days) return Status::Ok();

  info.is_sprint = true;
  info.sprint_number = days->number;

  // The list's own dates win: they carry the year. Date-only list dates sit at
  // 04:00 local time, so the local calendar day is the one the user picked.
  std::optional<UtcTime> start_at = MillisTimeOf(Member(list, "start_date"));
  std::optional<UtcTime> due_at = MillisTimeOf(Member(list, "due_date"));
  if (start_at && due_at) {
    info.dates = SprintDates{zone.LocalDate(*start_at), zone.LocalDate(*due_at)};
    return Status::Ok();
  }

  info.dates = SprintDatesFromName(*days, today);
  if (!info.dates) {
    warnings.Add("sprint list '" + info.name + "' (" + info.list_id +
                 ") names a day that does not exist; set the list's start and due dates");
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<SprintNameDays>> MatchSprintName(const config::ClickUp& clickup,
                                                      const std::string& name) {
  std::regex pattern;
  try {
    pattern = std::regex(clickup.sprint_name_pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return InvalidArgument("clickup.sprint_name_pattern is not a valid regex: " +
                           std::string(e.what()));
  }
  if (pattern.mark_count() < 5) {
    return InvalidArgument(
        "clickup.sprint_name_pattern needs five groups: the sprint number, two day parts of the "
        "start and two of the end");
  }

  std::smatch match;
  if (!std::regex_search(name, match, pattern)) return std::optional<SprintNameDays>();

  std::optional<unsigned> number = SmallNumber(match[1].str());
  std::optional<unsigned> parts[4];
  for (int i = 0; i < 4; ++i) parts[i] = SmallNumber(match[i + 2].str());
  if (!number || !parts[0] || !parts[1] || !parts[2] || !parts[3]) {
    return std::optional<SprintNameDays>();
  }

  SprintNameDays days;
  days.number = static_cast<int>(*number);
  bool month_first = clickup.sprint_date_order == config::DateOrder::kMonthDay;
  days.start_month = month_first ? *parts[0] : *parts[1];
  days.start_day = month_first ? *parts[1] : *parts[0];
  days.end_month = month_first ? *parts[2] : *parts[3];
  days.end_day = month_first ? *parts[3] : *parts[2];
  return std::optional<SprintNameDays>(days);
}

std::optional<SprintDates> SprintDatesFromName(const SprintNameDays& days,
                                               date::year_month_day today) {
  date::sys_days today_days(today);
  std::optional<date::year_month_day> best_start;
  long long best_distance = 0;
  for (int offset : {-1, 0, 1}) {
    date::year_month_day start{today.year() + date::years(offset), date::month(days.start_month),
                               date::day(days.start_day)};
    if (!start.ok()) continue;
    long long distance = (date::sys_days(start) - today_days).count();
    if (distance < 0) distance = -distance;
    if (!best_start || distance < best_distance) {
      best_start = start;
      best_distance = distance;
    }
  }
  if (!best_start) return std::nullopt;

  date::year_month_day end{best_start->year(), date::month(days.end_month),
                           date::day(days.end_day)};
  if (!end.ok()) return std::nullopt;
  if (date::sys_days(end) < date::sys_days(*best_start)) {
    end = date::year_month_day{end.year() + date::years(1), end.month(), end.day()};
    if (!end.ok()) return std::nullopt;
  }
  return SprintDates{*best_start, end};
}

Result<std::vector<ListInfo>> CollectLists(const LandingPages& pages, const config::Config& config,
                                           const WorkspaceZone& zone, date::year_month_day today,
                                           WarningList& warnings) {
  // Folder names by id, for list objects that carry only a folder id.
  std::map<std::string, std::string> folder_names;
  std::vector<std::pair<const LandingPage*, const nlohmann::json*>> list_objects;
  for (const LandingPage& page : pages.OfKind("clickup.folders")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* folders, PageArray(page, "folders"));
    for (const nlohmann::json& folder : *folders) {
      std::optional<std::string> id = TextOf(Member(folder, "id"));
      std::optional<std::string> name = TextOf(Member(folder, "name"));
      if (id && name) folder_names[*id] = *name;
    }
  }

  // The list pages come first so their copy of a list, the fuller one, wins
  // over the summary embedded in its folder.
  for (const LandingPage& page : pages.OfKind("clickup.lists")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* lists, PageArray(page, "lists"));
    for (const nlohmann::json& list : *lists) list_objects.emplace_back(&page, &list);
  }
  for (const LandingPage& page : pages.OfKind("clickup.folders")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* folders, PageArray(page, "folders"));
    for (const nlohmann::json& folder : *folders) {
      const nlohmann::json* lists = Member(folder, "lists");
      if (lists == nullptr || !lists->is_array()) continue;
      for (const nlohmann::json& list : *lists) list_objects.emplace_back(&page, &list);
    }
  }

  std::vector<ListInfo> result;
  std::set<std::string> seen;
  for (const auto& [page, list] : list_objects) {
    SPRINTETL_ASSIGN_OR_RETURN(ListInfo info, ReadList(*page, *list, folder_names));
    if (!seen.insert(info.list_id).second) continue;
    SPRINTETL_RETURN_IF_ERROR(FindSprint(config, zone, today, *list, info, warnings));
    result.push_back(std::move(info));
  }
  return result;
}

nlohmann::json ListRow(const ListInfo& list) {
  return {
      {"source_page", list.source_page},
      {"list_id", list.list_id},
      {"name", list.name},
      {"folder_id", JsonOrNull(list.folder_id)},
      {"folder_name", JsonOrNull(list.folder_name)},
      {"space_id", JsonOrNull(list.space_id)},
      {"is_archived", JsonOrNull(list.is_archived)},
      {"is_sprint", list.is_sprint},
      {"sprint_number", JsonOrNull(list.sprint_number)},
      {"start_date", DateOrNull(list.dates ? std::optional(list.dates->start) : std::nullopt)},
      {"end_date", DateOrNull(list.dates ? std::optional(list.dates->end) : std::nullopt)},
  };
}

}  // namespace sprintetl::transform
