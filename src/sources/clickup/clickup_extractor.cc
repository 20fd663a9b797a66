#include "sources/clickup/clickup_extractor.h"

#include <chrono>
#include <optional>
#include <set>

#include "core/log.h"
#include "sources/clickup/carried_pages.h"
#include "sources/resuming_fetcher.h"
#include "sources/clickup/task_pages.h"
#include "sources/page_fetcher.h"

namespace sprintetl::sources {
namespace {

using nlohmann::json;

PageRequest Get(std::string path, std::string query, std::string kind,
                std::map<std::string, std::string> context = {}) {
  PageRequest request;
  request.http.path = std::move(path);
  request.http.query = std::move(query);
  request.kind = std::move(kind);
  request.context = std::move(context);
  return request;
}

// Ids are strings in most payloads but numbers in some (team members).
std::string IdOf(const json& object) {
  const json& id = object.at("id");
  return id.is_string() ? id.get<std::string>() : id.dump();
}

// Names are shown in warnings only, so a name of another JSON type is shown as JSON.
std::string NameOf(const json& object) {
  auto name = object.find("name");
  if (name == object.end()) return "";
  return name->is_string() ? name->get<std::string>() : name->dump();
}

Result<std::string> ChooseTeam(const config::ClickUp& config, const json& teams_body) {
  std::vector<std::string> visible;
  for (const auto& team : teams_body.at("teams")) visible.push_back(IdOf(team));

  std::string names;
  for (const auto& id : visible) names += (names.empty() ? "" : ", ") + id;
  if (!config.team_id.empty()) {
    for (const auto& id : visible) {
      if (id == config.team_id) return id;
    }
    return NotFound("clickup.team_id " + config.team_id + " is not a workspace this token can "
                    "see (visible: " + (names.empty() ? "none" : names) + "); fix the config");
  }
  if (visible.size() == 1) return visible.front();
  return InvalidArgument("the ClickUp token sees " + std::to_string(visible.size()) +
                         " workspaces (" + names + "); set clickup.team_id to one of them");
}

// The workspace's hierarchy: every list to read, active and archived.
struct Workspace {
  std::string team_id;
  long long spaces = 0;
  std::vector<ClickUpList> lists;
};

class HierarchyWalk {
 public:
  HierarchyWalk(ResumingFetcher& fetcher, Workspace& workspace)
      : fetcher_(fetcher), workspace_(workspace) {}

  // Lands the lists of GET `path` (a folder's or a space's), active and archived ones.
  // `sprint` marks the lists of the sprint folder.
  Status Lists(const std::string& path, const std::map<std::string, std::string>& context,
               bool sprint) {
    for (bool archived : {false, true}) {
      std::string flag = archived ? "archived=true" : "archived=false";
      SPRINTETL_ASSIGN_OR_RETURN(json body,
                                 fetcher_.Fetch(Get(path, flag, "clickup.lists", context)));
      for (const auto& list : body.at("lists")) {
        std::string id = IdOf(list);
        // The query that returned the list decides whether it counts as archived, because
        // the list's own flag is not always sent.
        if (!seen_.insert(id).second) continue;
        workspace_.lists.push_back({id, NameOf(list), archived, sprint});
      }
    }
    return Status::Ok();
  }

 private:
  ResumingFetcher& fetcher_;
  Workspace& workspace_;
  std::set<std::string> seen_;
};

Result<Workspace> WalkHierarchy(const config::ClickUp& config, const std::string& skip_folder,
                                ResumingFetcher& fetcher) {
  Workspace workspace;
  SPRINTETL_RETURN_IF_ERROR(fetcher.Fetch(Get("/v2/user", "", "clickup.user")).status());
  SPRINTETL_ASSIGN_OR_RETURN(json teams, fetcher.Fetch(Get("/v2/team", "", "clickup.teams")));
  SPRINTETL_ASSIGN_OR_RETURN(workspace.team_id, ChooseTeam(config, teams));
  const std::string& team_id = workspace.team_id;

  std::map<std::string, std::string> team_context{{"team_id", team_id}};
  SPRINTETL_RETURN_IF_ERROR(
      fetcher.Fetch(Get("/v2/group", "team_id=" + team_id, "clickup.groups", team_context))
          .status());
  SPRINTETL_ASSIGN_OR_RETURN(
      json spaces, fetcher.Fetch(Get("/v2/team/" + team_id + "/space", "archived=false",
                                     "clickup.spaces", team_context)));

  HierarchyWalk walk(fetcher, workspace);
  for (const auto& space : spaces.at("spaces")) {
    ++workspace.spaces;
    std::string space_id = IdOf(space);
    std::map<std::string, std::string> context{{"space_id", space_id}};

    // Archived folders hold lists whose tasks still count, so both kinds are walked.
    for (const char* flag : {"archived=false", "archived=true"}) {
      SPRINTETL_ASSIGN_OR_RETURN(
          json folders, fetcher.Fetch(Get("/v2/space/" + space_id + "/folder", flag,
                                          "clickup.folders", context)));
      for (const auto& folder : folders.at("folders")) {
        if (NameOf(folder) == skip_folder) continue;
        std::string folder_id = IdOf(folder);
        bool sprint = NameOf(folder) == config.sprint_folder;
        SPRINTETL_RETURN_IF_ERROR(
            walk.Lists("/v2/folder/" + folder_id + "/list", {{"folder_id", folder_id}}, sprint));
      }
    }
    SPRINTETL_RETURN_IF_ERROR(walk.Lists("/v2/space/" + space_id + "/list", context, false));
  }
  return workspace;
}

// Reads the tasks. A full read fetches every list's pages. An incremental read fetches the
// active sprint lists in full, because ClickUp does not document whether adding a task to a
// second list changes its date_updated, and the archive copies these lists. For the other lists it fetches the
// workspace's changed tasks, the changed tasks of archived lists (which the workspace-wide
// endpoint omits) and the fields of lists the base run did not have.
Status ReadTasks(const config::ClickUp& config, const ClickUpReadPlan& plan,
                 const Workspace& workspace, ResumingFetcher& fetcher, landing::RunFolder& run,
                 ClickUpSummary& summary, TaskPageTally& tally) {
  ListReadOptions options;
  options.workers = config.workers;
  if (!plan.incremental) return ReadLists(fetcher, workspace.lists, options, tally);

  std::vector<ClickUpList> sprint_lists;
  std::set<std::string> carried_lists;
  for (const ClickUpList& list : workspace.lists) {
    if (list.sprint && !list.archived) {
      sprint_lists.push_back(list);
    } else {
      carried_lists.insert(list.id);
    }
  }
  SPRINTETL_ASSIGN_OR_RETURN(CarriedPages carried,
                             CarryBasePages(*plan.base, carried_lists, run));
  summary.carried_pages = carried.pages;
  SPRINTETL_RETURN_IF_ERROR(ReadLists(fetcher, sprint_lists, options, tally));

  std::vector<ClickUpList> archived;
  std::vector<ClickUpList> without_fields;
  for (const ClickUpList& list : workspace.lists) {
    if (carried_lists.count(list.id) == 0) continue;
    if (list.archived) {
      archived.push_back(list);
    } else if (carried.lists_with_fields.count(list.id) == 0) {
      without_fields.push_back(list);
    }
  }
  options.changed_since_ms = plan.changed_since_ms;
  options.lists_with_fields = carried.lists_with_fields;
  SPRINTETL_RETURN_IF_ERROR(ReadLists(fetcher, archived, options, tally));
  options.read_tasks = false;
  SPRINTETL_RETURN_IF_ERROR(ReadLists(fetcher, without_fields, options, tally));
  return ReadChangedTasks(fetcher, workspace.team_id, plan.changed_since_ms, tally);
}

}  // namespace

http::ClientOptions ClickUpClientOptions(const config::ClickUp& config, const std::string& token) {
  http::ClientOptions options;
  options.name = "clickup";
  options.base_url = config.base_url;
  options.authorization = token;  // ClickUp personal tokens are sent without "Bearer"
  options.max_attempts = config.max_attempts;
  options.timeout = std::chrono::seconds(config.timeout_seconds);
  options.rate_headers.api = "clickup";
  options.rate_headers.limit = "x-ratelimit-limit";
  options.rate_headers.remaining = "x-ratelimit-remaining";
  options.rate_headers.reset_epoch_seconds = "x-ratelimit-reset";
  return options;
}

Result<ClickUpSummary> ExtractClickUp(const config::ClickUp& config,
                                      const std::string& skip_folder,
                                      const ClickUpReadPlan& plan, http::HttpClient& client,
                                      landing::RunFolder& run) {
  auto started = std::chrono::steady_clock::now();
  log::Get("extract")->info("extract.mode source=clickup mode={} reason=\"{}\"",
                            plan.incremental ? "incremental" : "full", plan.reason);
  if (plan.incremental && !plan.base) {
    return Internal("an incremental ClickUp read was planned without a base run");
  }

  PageFetcher pages("clickup", "CLICKUP_API_TOKEN", client, run);
  SPRINTETL_ASSIGN_OR_RETURN(ResumingFetcher fetcher, ResumingFetcher::Create(pages, run));
  ClickUpSummary summary;
  summary.incremental = plan.incremental;
  TaskPageTally tally;

  std::optional<Workspace> workspace;
  SPRINTETL_RETURN_IF_ERROR(RunWalk("ClickUp", [&]() -> Status {
    SPRINTETL_ASSIGN_OR_RETURN(Workspace walked, WalkHierarchy(config, skip_folder, fetcher));
    workspace = std::move(walked);
    return Status::Ok();
  }));
  summary.spaces = workspace->spaces;
  summary.lists = static_cast<long long>(workspace->lists.size());
  for (const ClickUpList& list : workspace->lists) summary.archived_lists += list.archived;

  SPRINTETL_RETURN_IF_ERROR(
      ReadTasks(config, plan, *workspace, fetcher, run, summary, tally));
  SPRINTETL_RETURN_IF_ERROR(WriteClickUpReadRecord(run, plan));

  summary.task_pages = tally.task_pages();
  summary.tasks = tally.tasks();
  summary.warnings = tally.warnings();
  summary.pages = pages.stats().pages;
  summary.bytes = pages.stats().bytes;
  summary.reused_pages = fetcher.reused_pages();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  log::Get("extract")->info(
      "extract.done source=clickup mode={} spaces={} lists={} archived_lists={} task_pages={} "
      "tasks={} pages={} reused_pages={} carried_pages={} skipped_lists={} bytes={} ms={}",
      plan.incremental ? "incremental" : "full", summary.spaces, summary.lists,
      summary.archived_lists, summary.task_pages, summary.tasks, summary.pages,
      summary.reused_pages, summary.carried_pages, summary.warnings.size(), summary.bytes, ms);
  return summary;
}

Result<ClickUpSummary> ExtractClickUp(const config::ClickUp& config,
                                      const std::string& skip_folder, http::HttpClient& client,
                                      landing::RunFolder& run) {
  ClickUpReadPlan plan;
  plan.reason = "the caller asked for a full read";
  return ExtractClickUp(config, skip_folder, plan, client, run);
}

}  // namespace sprintetl::sources
