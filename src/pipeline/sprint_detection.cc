#include "pipeline/sprint_detection.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "pipeline/api_probe.h"
#include "pipeline/run_state.h"
#include "transform/sprint_lists.h"
#include "transform/time_zone.h"
#include "transform/warning_list.h"

namespace sprintetl::pipeline {
namespace {

using nlohmann::json;
using transform::LandingPage;

std::string IdOf(const json& object) {
  const json& id = object.at("id");
  return id.is_string() ? id.get<std::string>() : id.dump();
}

// Folder names compare without case, as the transform compares them.
bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

// The detection's pages take the manifest kinds the transform reads, so
// CollectLists treats them as it treats landed pages.
LandingPage Page(const std::string& kind, const std::string& endpoint, json body) {
  LandingPage page;
  page.record.source = "clickup";
  page.record.kind = kind;
  page.record.endpoint = endpoint;
  page.record.file = "(sprint-end detection, not landed)";
  page.body = std::move(body);
  return page;
}

class CalendarReader {
 public:
  CalendarReader(const config::Config& config, http::HttpClient& client, CalendarScope scope)
      : config_(config), client_(client) {
    archived_flags_ = {"archived=false"};
    if (scope == CalendarScope::kAllLists) archived_flags_.push_back("archived=true");
  }

  Status Read() {
    SPRINTETL_ASSIGN_OR_RETURN(json user, Get("/v2/user", ""));
    user_ = user;
    SPRINTETL_ASSIGN_OR_RETURN(json teams, Get("/v2/team", ""));
    SPRINTETL_ASSIGN_OR_RETURN(std::string team_id, TeamId(teams));
    SPRINTETL_ASSIGN_OR_RETURN(json spaces,
                               Get("/v2/team/" + team_id + "/space", "archived=false"));
    for (const json& space : spaces.at("spaces")) {
      std::string path = "/v2/space/" + IdOf(space) + "/folder";
      for (const std::string& folder_flag : archived_flags_) {
        SPRINTETL_ASSIGN_OR_RETURN(json folders, Get(path, folder_flag));
        for (const json& folder : folders.at("folders")) {
          std::string name = folder.value("name", "");
          if (!SameName(name, config_.clickup.sprint_folder)) {
            folder_names_.insert(name);
            continue;
          }
          found_sprint_folder_ = true;
          std::string lists_path = "/v2/folder/" + IdOf(folder) + "/list";
          for (const std::string& list_flag : archived_flags_) {
            SPRINTETL_ASSIGN_OR_RETURN(json lists, Get(lists_path, list_flag));
            pages_.push_back(Page("clickup.lists", lists_path, std::move(lists)));
          }
        }
        pages_.push_back(Page("clickup.folders", path, std::move(folders)));
      }
    }
    return CheckSprintFolderFound();
  }

  const json& user() const { return user_; }
  std::vector<LandingPage>& pages() { return pages_; }

 private:
  Result<json> Get(const std::string& path, const std::string& query) {
    http::Request request;
    request.path = path;
    request.query = query;
    return GetJson(client_, "CLICKUP_API_TOKEN", request);
  }

  Result<std::string> TeamId(const json& teams) {
    std::vector<std::string> visible;
    for (const json& team : teams.at("teams")) visible.push_back(IdOf(team));
    if (config_.clickup.team_id.empty() && visible.size() == 1) return visible.front();
    for (const auto& id : visible) {
      if (id == config_.clickup.team_id) return id;
    }
    return InvalidArgument("clickup.team_id '" + config_.clickup.team_id + "' is not one of the " +
                           std::to_string(visible.size()) + " workspaces the token sees; set it "
                           "to one of them");
  }

  // A misspelled folder name would otherwise look like a workspace with no sprint at all, and a
  // daily run would report "nothing to do" forever.
  Status CheckSprintFolderFound() const {
    if (found_sprint_folder_) return Status::Ok();
    std::string names;
    for (const std::string& name : folder_names_) names += (names.empty() ? "" : ", ") + name;
    return InvalidArgument("clickup.sprint_folder '" + config_.clickup.sprint_folder +
                           "' matches no folder in the workspace's spaces (folders: " +
                           (names.empty() ? "none" : names) +
                           "); set it to the folder that holds the sprint lists");
  }

  const config::Config& config_;
  http::HttpClient& client_;
  bool found_sprint_folder_ = false;
  std::set<std::string> folder_names_;  // folders seen that are not the sprint folder
  json user_;
  std::vector<std::string> archived_flags_;  // the `archived` query values to read
  std::vector<LandingPage> pages_;
};

// The configured zone, else the ClickUp user's, else UTC: the transform's rule.
std::string ZoneName(const config::Config& config, const json& user) {
  if (!config.timezone.empty()) return config.timezone;
  auto account = user.find("user");
  if (account != user.end() && account->is_object()) {
    auto zone = account->find("timezone");
    if (zone != account->end() && zone->is_string() && !zone->get<std::string>().empty()) {
      return zone->get<std::string>();
    }
  }
  return "UTC";
}

}  // namespace

Result<SprintCalendar> ReadSprintCalendar(const config::Config& config,
                                          http::HttpClient& clickup,
                                          std::chrono::system_clock::time_point now,
                                          CalendarScope scope) {
  CalendarReader reader(config, clickup, scope);
  try {
    SPRINTETL_RETURN_IF_ERROR(reader.Read());
  } catch (const json::exception& e) {
    return DataLoss(std::string("a ClickUp response read by sprint-end detection lacks an "
                                "expected field (") + e.what() + ")");
  }

  SprintCalendar calendar;
  calendar.timezone = ZoneName(config, reader.user());
  SPRINTETL_ASSIGN_OR_RETURN(auto zone, transform::WorkspaceZone::Locate(calendar.timezone));
  auto today = zone.LocalDate(std::chrono::time_point_cast<std::chrono::milliseconds>(now));

  auto pages = transform::LandingPages::FromPages(std::move(reader.pages()));
  transform::WarningList warnings;
  SPRINTETL_ASSIGN_OR_RETURN(auto lists, transform::CollectLists(pages, config, zone, today,
                                                                 warnings));
  for (const auto& list : lists) calendar.lists.push_back(transform::ListRow(list));
  calendar.warnings = warnings.messages();
  return calendar;
}

Result<SprintEndDecision> DecideSprintEnd(const SprintCalendar& calendar,
                                          warehouse::Warehouse& warehouse,
                                          std::chrono::system_clock::time_point now) {
  SprintEndDecision decision;
  std::string today = LocalDate(now, calendar.timezone);

  // The next sprint to end, for the message when nothing is due.
  std::string next;
  std::string next_end;
  for (const json& row : calendar.lists) {
    if (!row.value("is_sprint", false) || !row.contains("end_date") ||
        !row["end_date"].is_string()) {
      continue;
    }
    std::string end = row["end_date"].get<std::string>();
    if (end >= today && (next_end.empty() || end < next_end)) {
      next_end = end;
      next = row.value("name", "");
    }
  }
  std::string upcoming = next.empty() ? "no later sprint is planned yet"
                                      : "the next one, " + next + ", ends on " + next_end;

  auto latest = ChooseSprintFromRows(calendar.lists, "", now, calendar.timezone);
  if (!latest.ok()) {
    if (latest.status().code() != StatusCode::kFailedPrecondition) return latest.status();
    decision.reason = "no sprint has ended before " + today + " (" + calendar.timezone + "); " +
                      upcoming;
    return decision;
  }
  decision.sprint = *latest;

  SPRINTETL_ASSIGN_OR_RETURN(auto closed, ClosedSprintIds(warehouse));
  if (closed.count(latest->sprint_id)) {
    decision.reason = latest->name + " (ended " + latest->end_date + ") is already closed; " +
                      upcoming;
    return decision;
  }
  decision.due = true;
  decision.reason = latest->name + " ended on " + latest->end_date + " and is not closed yet";
  return decision;
}

}  // namespace sprintetl::pipeline
