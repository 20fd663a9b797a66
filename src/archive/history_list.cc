#include "archive/history_list.h"

#include "archive/clickup_calls.h"

namespace sprintetl::archive {
namespace {

using nlohmann::json;

std::string IdOf(const json& object) {
  const json& id = object.is_object() && object.contains("id") ? object["id"] : json();
  return id.is_string() ? id.get<std::string>() : (id.is_number() ? id.dump() : "");
}

// Returns the id of the entry named `name` in `items`, or "" when absent.
std::string FindByName(const json& items, const std::string& name) {
  if (!items.is_array()) return "";
  for (const auto& item : items) {
    if (item.is_object() && item.value("name", "") == name) return IdOf(item);
  }
  return "";
}

Status FindOrCreateFolder(const config::Config& config, http::HttpClient& client,
                          const SprintSource& sprint, bool dry_run, HistoryList& history) {
  std::string space_id = config.archive.space_id.empty() ? sprint.space_id
                                                         : config.archive.space_id;
  if (space_id.empty()) {
    return FailedPrecondition("the space of sprint list " + sprint.sprint_id + " is unknown; set "
                              "archive.space_id in the config");
  }
  std::string path = "/v2/space/" + space_id + "/folder";
  SPRINTETL_ASSIGN_OR_RETURN(json folders, SendJson(client, {"GET", path, "archived=false", ""}));
  history.folder_id = FindByName(folders.value("folders", json::array()),
                                 config.archive.folder_name);
  if (!history.folder_id.empty()) return Status::Ok();

  history.created_folder = true;
  if (dry_run) return Status::Ok();
  json body{{"name", config.archive.folder_name}};
  SPRINTETL_ASSIGN_OR_RETURN(json created, SendJson(client, {"POST", path, "", BodyText(body)}));
  history.folder_id = IdOf(created);
  if (history.folder_id.empty()) return DataLoss("clickup POST " + path + " returned no folder id");
  return Status::Ok();
}

Status FindOrCreateList(http::HttpClient& client, const SprintSource& sprint, bool dry_run,
                        HistoryList& history) {
  if (history.folder_id.empty()) {
    history.created_list = true;
    return Status::Ok();
  }
  std::string path = "/v2/folder/" + history.folder_id + "/list";
  SPRINTETL_ASSIGN_OR_RETURN(json lists, SendJson(client, {"GET", path, "archived=false", ""}));
  history.list_id = FindByName(lists.value("lists", json::array()), history.list_name);
  if (!history.list_id.empty()) return Status::Ok();

  history.created_list = true;
  if (dry_run) return Status::Ok();
  json body{{"name", history.list_name},
            {"markdown_content", "Snapshot of " + sprint.name + " (ClickUp list " +
                                     sprint.sprint_id + "), made by sprintetl when it ended."}};
  SPRINTETL_ASSIGN_OR_RETURN(json created, SendJson(client, {"POST", path, "", BodyText(body)}));
  history.list_id = IdOf(created);
  if (history.list_id.empty()) return DataLoss("clickup POST " + path + " returned no list id");
  return Status::Ok();
}

Status ReadTarget(http::HttpClient& client, HistoryList& history) {
  std::string path = "/v2/list/" + history.list_id;
  SPRINTETL_ASSIGN_OR_RETURN(json list, SendJson(client, {"GET", path, "", ""}));
  for (const auto& status : list.value("statuses", json::array())) {
    history.target.statuses.push_back(status.value("status", ""));
  }
  SPRINTETL_ASSIGN_OR_RETURN(json fields, SendJson(client, {"GET", path + "/field", "", ""}));
  history.target.fields = fields.value("fields", json::array());
  return Status::Ok();
}

}  // namespace

Result<HistoryList> FindOrCreateHistoryList(const config::Config& config,
                                            http::HttpClient& client, const SprintSource& sprint,
                                            bool dry_run) {
  HistoryList history;
  // Sprint list names carry the sprint's dates (clickup.sprint_name_pattern
  // requires them), so the history list keeps the name unchanged.
  history.list_name = sprint.name;
  SPRINTETL_RETURN_IF_ERROR(FindOrCreateFolder(config, client, sprint, dry_run, history));
  SPRINTETL_RETURN_IF_ERROR(FindOrCreateList(client, sprint, dry_run, history));

  if (history.list_id.empty()) {
    // Only in a dry run: a new list in a plain folder takes the space's statuses.
    history.fields_known = false;
    history.target.statuses = sprint.space_statuses;
    history.target.fields = nlohmann::json::array();
    return history;
  }
  SPRINTETL_RETURN_IF_ERROR(ReadTarget(client, history));
  return history;
}

}  // namespace sprintetl::archive
