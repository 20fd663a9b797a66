#include "sources/clickup/clickup_extractor.h"

#include <chrono>

#include "core/log.h"
#include "core/progress.h"
#include "sources/page_fetcher.h"

namespace sprintetl::sources {
namespace {

using nlohmann::json;

PageRequest Get(std::string path, std::string query, std::string kind,
                std::map<std::string, std::string> context = {}, int page = 0) {
  PageRequest request;
  request.http.path = std::move(path);
  request.http.query = std::move(query);
  request.kind = std::move(kind);
  request.context = std::move(context);
  request.page = page;
  return request;
}

// Ids are strings in most payloads but numbers in some (team members).
std::string IdOf(const json& object) {
  const json& id = object.at("id");
  return id.is_string() ? id.get<std::string>() : id.dump();
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

class ClickUpWalk {
 public:
  ClickUpWalk(PageFetcher& fetcher, ClickUpSummary& summary)
      : fetcher_(fetcher), summary_(summary) {}

  Status Lists(const json& lists_body) {
    // Each list needs at least its fields and one task page.
    progress::ExpectPages(2 * static_cast<long long>(lists_body.at("lists").size()));
    for (const auto& list : lists_body.at("lists")) {
      SPRINTETL_RETURN_IF_ERROR(List(IdOf(list)));
    }
    return Status::Ok();
  }

 private:
  Status List(const std::string& list_id) {
    ++summary_.lists;
    std::map<std::string, std::string> context{{"list_id", list_id}};
    SPRINTETL_RETURN_IF_ERROR(
        fetcher_.Fetch(Get("/v2/list/" + list_id + "/field", "", "clickup.fields", context))
            .status());

    // ClickUp pages hold up to 100 tasks; last_page marks the end. An empty
    // page also ends the loop in case an older server omits the flag.
    for (int page = 0;; ++page) {
      // Markdown descriptions let Sprint History copies keep their formatting.
      std::string query = "page=" + std::to_string(page) +
                          "&include_closed=true&subtasks=true&include_timl=true&archived=false"
                          "&include_markdown_description=true";
      SPRINTETL_ASSIGN_OR_RETURN(
          json body, fetcher_.Fetch(Get("/v2/list/" + list_id + "/task", query, "clickup.tasks",
                                        context, page)));
      ++summary_.task_pages;
      const json& tasks = body.at("tasks");
      summary_.tasks += static_cast<long long>(tasks.size());
      if (tasks.empty() || body.value("last_page", false)) break;
    }
    return Status::Ok();
  }

  PageFetcher& fetcher_;
  ClickUpSummary& summary_;
};

Status Walk(const config::ClickUp& config, const std::string& skip_folder, PageFetcher& fetcher,
            ClickUpSummary& summary) {
  SPRINTETL_RETURN_IF_ERROR(fetcher.Fetch(Get("/v2/user", "", "clickup.user")).status());
  SPRINTETL_ASSIGN_OR_RETURN(json teams, fetcher.Fetch(Get("/v2/team", "", "clickup.teams")));
  SPRINTETL_ASSIGN_OR_RETURN(std::string team_id, ChooseTeam(config, teams));

  std::map<std::string, std::string> team_context{{"team_id", team_id}};
  SPRINTETL_RETURN_IF_ERROR(
      fetcher.Fetch(Get("/v2/group", "team_id=" + team_id, "clickup.groups", team_context))
          .status());
  SPRINTETL_ASSIGN_OR_RETURN(
      json spaces, fetcher.Fetch(Get("/v2/team/" + team_id + "/space", "archived=false",
                                     "clickup.spaces", team_context)));

  ClickUpWalk walk(fetcher, summary);
  for (const auto& space : spaces.at("spaces")) {
    ++summary.spaces;
    std::string space_id = IdOf(space);
    std::map<std::string, std::string> context{{"space_id", space_id}};

    SPRINTETL_ASSIGN_OR_RETURN(
        json folders, fetcher.Fetch(Get("/v2/space/" + space_id + "/folder", "archived=false",
                                        "clickup.folders", context)));
    for (const auto& folder : folders.at("folders")) {
      if (folder.value("name", "") == skip_folder) continue;
      std::string folder_id = IdOf(folder);
      SPRINTETL_ASSIGN_OR_RETURN(
          json lists, fetcher.Fetch(Get("/v2/folder/" + folder_id + "/list", "archived=false",
                                        "clickup.lists", {{"folder_id", folder_id}})));
      SPRINTETL_RETURN_IF_ERROR(walk.Lists(lists));
    }

    SPRINTETL_ASSIGN_OR_RETURN(
        json folderless, fetcher.Fetch(Get("/v2/space/" + space_id + "/list", "archived=false",
                                           "clickup.lists", context)));
    SPRINTETL_RETURN_IF_ERROR(walk.Lists(folderless));
  }
  return Status::Ok();
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
                                      const std::string& skip_folder, http::HttpClient& client,
                                      landing::RunFolder& run) {
  auto started = std::chrono::steady_clock::now();
  PageFetcher fetcher("clickup", "CLICKUP_API_TOKEN", client, run);
  ClickUpSummary summary;

  SPRINTETL_RETURN_IF_ERROR(
      RunWalk("ClickUp", [&] { return Walk(config, skip_folder, fetcher, summary); }));

  summary.pages = fetcher.stats().pages;
  summary.bytes = fetcher.stats().bytes;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  log::Get("extract")->info(
      "extract.done source=clickup spaces={} lists={} task_pages={} tasks={} pages={} bytes={} "
      "ms={}", summary.spaces, summary.lists, summary.task_pages, summary.tasks, summary.pages,
      summary.bytes, ms);
  return summary;
}

}  // namespace sprintetl::sources
