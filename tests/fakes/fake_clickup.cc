// Routing, auth, rate headers and the workspace hierarchy of the fake ClickUp server.
#include "fakes/fake_clickup.h"

#include <algorithm>

namespace sprintetl::fakes {

namespace {

const char* const kErrorFiles[] = {
    "error_400_dropdown_value.json",      "error_401_no_header.json",
    "error_401_team_not_authorized.json", "error_401_token_invalid.json",
    "error_404_task_not_found.json",      "error_429_rate_limited.json",
};

bool ReadRequired(const FixtureDirs& dirs, const std::string& name, Json* out, std::string* error) {
  std::optional<Json> parsed = dirs.ReadJson(name, error);
  if (parsed) {
    *out = std::move(*parsed);
    return true;
  }
  if (error->empty()) *error = "fixture " + name + " is missing from the ClickUp data folders";
  return false;
}

}  // namespace

Reply ClickUpError(int status, const std::string& err, const std::string& ecode) {
  return JsonReply(status, Json{{"err", err}, {"ECODE", ecode}});
}

FakeClickUp::FakeClickUp(FakeClickUpOptions options)
    : FakeServer(options.rate_limit, options.rate_window),
      options_(std::move(options)),
      dirs_(options_.data_dirs) {
  RegisterRoutes();
}

FakeClickUp::~FakeClickUp() { Stop(); }

std::string FakeClickUp::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/api";
}

void FakeClickUp::RegisterRoutes() {
  Get("/api/v2/user", [this](const auto&) { return JsonReply(200, user_); });
  Get("/api/v2/team", [this](const auto&) { return JsonReply(200, teams_); });
  Get("/api/v2/group", [this](const auto& r) { return GetGroups(r); });
  Get(R"(/api/v2/team/([^/]+)/space)", [this](const auto& r) { return GetSpaces(r.matches[1]); });
  Get(R"(/api/v2/space/([^/]+)/folder)", [this](const auto& r) {
    return GetFolders(r.matches[1], r.get_param_value("archived") == "true");
  });
  Get(R"(/api/v2/space/([^/]+)/list)", [this](const auto& r) {
    return GetFolderlessLists(r.matches[1], r.get_param_value("archived") == "true");
  });
  Get(R"(/api/v2/folder/([^/]+)/list)", [this](const auto& r) {
    return GetFolderLists(r.matches[1], r.get_param_value("archived") == "true");
  });
  Get(R"(/api/v2/list/([^/]+))", [this](const auto& r) { return GetList(r.matches[1]); });
  Get(R"(/api/v2/list/([^/]+)/field)",
      [this](const auto& r) { return GetListFields(r.matches[1]); });
  Get(R"(/api/v2/list/([^/]+)/task)",
      [this](const auto& r) { return GetListTasks(r.matches[1], r); });
  Get(R"(/api/v2/team/([^/]+)/task)",
      [this](const auto& r) { return GetTeamTasks(r.matches[1], r); });
  Get(R"(/api/v2/task/([^/]+))", [this](const auto& r) { return GetTask(r.matches[1]); });
  Post(R"(/api/v2/space/([^/]+)/folder)",
       [this](const auto& r) { return CreateFolder(r.matches[1], r.body); });
  Post(R"(/api/v2/folder/([^/]+)/list)",
       [this](const auto& r) { return CreateList(r.matches[1], r.body); });
  Post(R"(/api/v2/list/([^/]+)/task)",
       [this](const auto& r) { return CreateTask(r.matches[1], r.body); });
  Post(R"(/api/v2/task/([^/]+)/checklist)",
       [this](const auto& r) { return CreateChecklist(r.matches[1], r.body); });
  Post(R"(/api/v2/checklist/([^/]+)/checklist_item)",
       [this](const auto& r) { return CreateChecklistItem(r.matches[1], r.body); });
}

bool FakeClickUp::LoadData(std::string* error) {
  std::lock_guard<std::mutex> lock(state_mutex());
  Json folders;
  Json fields;
  if (!ReadRequired(dirs_, "get_user.json", &user_, error) ||
      !ReadRequired(dirs_, "get_team.json", &teams_, error) ||
      !ReadRequired(dirs_, "get_groups.json", &groups_, error) ||
      !ReadRequired(dirs_, "get_spaces.json", &spaces_, error) ||
      !ReadRequired(dirs_, "get_folders.json", &folders, error) ||
      !ReadRequired(dirs_, "get_list_fields_sprint41.json", &default_fields_, error)) {
    return false;
  }
  for (const char* name : kErrorFiles) {
    Json body;
    if (!ReadRequired(dirs_, name, &body, error)) return false;
    error_bodies_[name] = body.dump();
  }

  // Lists: inline lists of each folder, replaced by the richer entries of GET folder lists
  // files, then the folderless lists.
  for (Json& folder : folders["folders"]) {
    for (Json& list : folder["lists"]) lists_.push_back(std::move(list));
    folder["lists"] = Json::array();
    folders_.push_back(std::move(folder));
  }
  std::vector<std::string> list_files = dirs_.ListFiles("get_folder_lists_", ".json");
  list_files.push_back("get_folderless_lists.json");
  for (const std::string& name : list_files) {
    std::optional<Json> file = dirs_.ReadJson(name, error);
    if (!error->empty()) return false;
    if (!file) continue;
    for (Json& list : (*file)["lists"]) {
      auto same_id = [&](const Json& known) { return known["id"] == list["id"]; };
      auto known = std::find_if(lists_.begin(), lists_.end(), same_id);
      if (known != lists_.end()) {
        *known = std::move(list);
      } else {
        lists_.push_back(std::move(list));
      }
    }
  }

  for (const std::string& name : dirs_.ListFiles("get_list_", ".json")) {
    bool is_fields = name.starts_with("get_list_fields_");
    if (name.starts_with("get_list_tasks_")) continue;
    std::optional<Json> file = dirs_.ReadJson(name, error);
    if (!file) return false;
    if (is_fields) {
      std::string key = name.substr(16, name.size() - 16 - 5);
      list_fields_[key] = std::move(*file);
    } else if (file->contains("id")) {
      std::string id = (*file)["id"];
      list_details_[id] = std::move(*file);
    }
  }
  return LoadTasks(error);
}

std::optional<Reply> FakeClickUp::CheckAuth(const httplib::Request& request) {
  if (!request.has_header("Authorization")) {
    return FixtureError(401, "error_401_no_header.json");
  }
  if (request.get_header_value("Authorization") != options_.token) {
    return FixtureError(401, "error_401_token_invalid.json");
  }
  return std::nullopt;
}

void FakeClickUp::AddRateHeaders(const RateSnapshot& rate, httplib::Response* response) {
  response->set_header("X-RateLimit-Limit", std::to_string(rate.limit));
  response->set_header("X-RateLimit-Remaining", std::to_string(rate.remaining));
  // Unix seconds, rounded up so a client waiting until then is past the window.
  response->set_header("X-RateLimit-Reset", std::to_string((rate.window_end_unix_ms + 999) / 1000));
}

Reply FakeClickUp::RateLimitedReply() { return FixtureError(429, "error_429_rate_limited.json"); }

Reply FakeClickUp::ServerErrorReply(int status) {
  // NOTE: invented body; ClickUp's 5xx bodies are not documented and may be HTML.
  return ClickUpError(status, "Internal server error", "APP_001");
}

Reply FakeClickUp::FixtureError(int status, const std::string& file) const {
  return {status, error_bodies_.at(file)};
}

const Json* FakeClickUp::FindSpace(const std::string& space_id) const {
  for (const Json& space : spaces_["spaces"]) {
    if (space["id"] == space_id) return &space;
  }
  return nullptr;
}

const Json* FakeClickUp::FindFolder(const std::string& folder_id) const {
  for (const Json& folder : folders_) {
    if (folder["id"] == folder_id) return &folder;
  }
  return nullptr;
}

const Json* FakeClickUp::FindList(const std::string& list_id) const {
  for (const Json& list : lists_) {
    if (list["id"] == list_id) return &list;
  }
  return nullptr;
}

Json FakeClickUp::StatusesOfList(const Json& list) const {
  std::string id = list["id"];
  if (list_details_.contains(id)) return list_details_.at(id)["statuses"];
  const Json* folder = FindFolder(list["folder"].value("id", ""));
  if (folder && folder->value("override_statuses", false)) return (*folder)["statuses"];
  const Json* space = FindSpace(list["space"].value("id", ""));
  return space ? (*space)["statuses"] : Json::array();
}

Json FakeClickUp::ListDetail(const Json& list) const {
  std::string id = list["id"];
  if (list_details_.contains(id)) return list_details_.at(id);
  Json detail = list;
  detail["inbound_address"] =
      "a.t." + id + ".u-" + std::to_string(user_["user"].value("id", 0)) + "@tasks.clickup.example";
  detail["statuses"] = StatusesOfList(list);
  return detail;
}

Json FakeClickUp::FieldsOfList(const std::string& list_id) const {
  auto own = list_fields_.find(list_id);
  return own != list_fields_.end() ? own->second : default_fields_;
}

std::optional<Json> FakeClickUp::FindMember(int64_t user_id) const {
  for (const Json& team : teams_["teams"]) {
    for (const Json& member : team["members"]) {
      const Json& user = member["user"];
      if (user.value("id", int64_t{0}) != user_id) continue;
      Json person;
      for (const char* key : {"id", "username", "color", "initials", "email", "profilePicture"}) {
        person[key] = user.value(key, Json());
      }
      return person;
    }
  }
  return std::nullopt;
}

Reply FakeClickUp::GetGroups(const httplib::Request& request) {
  std::string team_id = request.get_param_value("team_id");
  if (team_id.empty()) {
    return ClickUpError(400, "team_id is required", "GROUP_001");
  }
  if (!KnowsTeam(team_id)) return FixtureError(401, "error_401_team_not_authorized.json");

  Json groups = Json::array();
  for (const Json& group : groups_["groups"]) {
    if (group["team_id"] == team_id) groups.push_back(group);
  }
  return JsonReply(200, Json{{"groups", groups}});
}

bool FakeClickUp::KnowsTeam(const std::string& team_id) const {
  return std::any_of(teams_["teams"].begin(), teams_["teams"].end(),
                     [&](const Json& team) { return team["id"] == team_id; });
}

// ClickUp returns 401 rather than 404 for a workspace the token was not granted.
Reply FakeClickUp::GetSpaces(const std::string& team_id) {
  if (!KnowsTeam(team_id)) return FixtureError(401, "error_401_team_not_authorized.json");
  return JsonReply(200, spaces_);
}

// `archived=true` returns only archived folders, as ClickUp's flag does.
Reply FakeClickUp::GetFolders(const std::string& space_id, bool archived) {
  if (!FindSpace(space_id)) return ClickUpError(404, "Space not found", "ITEM_015");
  Json folders = Json::array();
  for (const Json& folder : folders_) {
    if (folder["space"]["id"] != space_id) continue;
    if (folder.value("archived", false) != archived) continue;
    Json copy = folder;
    for (const Json& list : lists_) {
      if (list["folder"].value("id", "") == folder["id"]) copy["lists"].push_back(list);
    }
    folders.push_back(std::move(copy));
  }
  return JsonReply(200, Json{{"folders", folders}});
}

// Like folders, `archived=true` returns only archived lists.
Reply FakeClickUp::GetFolderLists(const std::string& folder_id, bool archived) {
  if (!FindFolder(folder_id)) return ClickUpError(404, "Folder not found", "ITEM_015");
  Json lists = Json::array();
  for (const Json& list : lists_) {
    if (list.value("archived", false) != archived) continue;
    if (list["folder"].value("id", "") == folder_id) lists.push_back(list);
  }
  return JsonReply(200, Json{{"lists", lists}});
}

Reply FakeClickUp::GetFolderlessLists(const std::string& space_id, bool archived) {
  if (!FindSpace(space_id)) return ClickUpError(404, "Space not found", "ITEM_015");
  Json lists = Json::array();
  for (const Json& list : lists_) {
    if (list.value("archived", false) != archived) continue;
    // ClickUp reports folderless lists under a hidden pseudo-folder that GET folders omits.
    bool folderless = !FindFolder(list["folder"].value("id", ""));
    if (folderless && list["space"].value("id", "") == space_id) lists.push_back(list);
  }
  return JsonReply(200, Json{{"lists", lists}});
}

Reply FakeClickUp::GetList(const std::string& list_id) {
  const Json* list = FindList(list_id);
  if (!list) return ClickUpError(404, "List not found", "ITEM_015");
  return JsonReply(200, ListDetail(*list));
}

// NOTE: the 403 body of a list the token may not read is invented; ClickUp documents
// neither its text nor its ECODE.
bool FakeClickUp::IsForbiddenList(const std::string& list_id) const {
  const auto& forbidden = options_.forbidden_lists;
  return std::find(forbidden.begin(), forbidden.end(), list_id) != forbidden.end();
}

Reply FakeClickUp::GetListFields(const std::string& list_id) {
  if (!FindList(list_id)) return ClickUpError(404, "List not found", "ITEM_015");
  if (IsForbiddenList(list_id)) return ClickUpError(403, "No access to this list", "ACCESS_083");
  return JsonReply(200, FieldsOfList(list_id));
}

// NOTE: the ECODEs of the folder and list validation errors below are invented; ClickUp does
// not document them, so clients must branch on the HTTP status only.
Reply FakeClickUp::CreateFolder(const std::string& space_id, const std::string& body) {
  const Json* space = FindSpace(space_id);
  if (!space) return ClickUpError(404, "Space not found", "ITEM_015");
  std::optional<Json> request = ParseObject(body);
  if (!request || !(*request)["name"].is_string() ||
      (*request)["name"].get<std::string>().empty()) {
    return ClickUpError(400, "Folder name invalid", "INPUT_003");
  }
  std::string name = (*request)["name"];

  int in_space = 0;
  for (const Json& folder : folders_) {
    if (folder["space"]["id"] != space_id) continue;
    ++in_space;
    if (folder["name"] == name) return ClickUpError(400, "Folder name taken", "SUBCAT_016");
  }

  Json folder = {{"id", std::to_string(90179000 + next_number_++)},
                 {"name", name},
                 {"orderindex", in_space},
                 {"override_statuses", false},
                 {"hidden", false},
                 {"space", {{"id", space_id}, {"name", (*space)["name"]}, {"access", true}}},
                 {"task_count", "0"},
                 {"archived", false},
                 {"statuses", Json::array()},
                 {"lists", Json::array()},
                 {"permission_level", "create"}};
  folders_.push_back(folder);
  created_folders_.push_back(folder);
  return JsonReply(200, folder);
}

Reply FakeClickUp::CreateList(const std::string& folder_id, const std::string& body) {
  const Json* folder = FindFolder(folder_id);
  if (!folder) return ClickUpError(404, "Folder not found", "ITEM_015");
  std::optional<Json> request = ParseObject(body);
  if (!request || !(*request)["name"].is_string() ||
      (*request)["name"].get<std::string>().empty()) {
    return ClickUpError(400, "List name invalid", "INPUT_004");
  }
  for (const char* key : {"content", "markdown_content"}) {
    if (request->contains(key) && !(*request)[key].is_string()) {
      return ClickUpError(400, std::string(key) + " must be a string", "INPUT_004");
    }
  }
  for (const char* key : {"due_date", "start_date"}) {
    if (request->contains(key) && !(*request)[key].is_null() &&
        !(*request)[key].is_number_integer()) {
      return ClickUpError(400, std::string(key) + " must be an integer of Unix ms", "INPUT_004");
    }
  }
  auto date_text = [&](const char* key) {
    const Json& value = request->value(key, Json());
    return value.is_null() ? Json() : Json(std::to_string(value.get<int64_t>()));
  };
  std::string content = request->value("markdown_content", request->value("content", ""));

  int in_folder = 0;
  for (const Json& list : lists_) in_folder += list["folder"].value("id", "") == folder_id;
  Json list = {{"id", std::to_string(901890000000 + next_number_++)},
               {"name", (*request)["name"]},
               {"orderindex", in_folder},
               {"content", content},
               {"status", nullptr},
               {"priority", nullptr},
               {"assignee", nullptr},
               {"task_count", nullptr},
               {"due_date", date_text("due_date")},
               {"due_date_time", request->value("due_date_time", false)},
               {"start_date", date_text("start_date")},
               {"start_date_time", request->value("start_date_time", Json())},
               {"folder",
                {{"id", folder_id},
                 {"name", (*folder)["name"]},
                 {"hidden", (*folder)["hidden"]},
                 {"access", true}}},
               {"space", (*folder)["space"]},
               {"archived", false},
               {"override_statuses", false},
               {"permission_level", "create"}};
  lists_.push_back(list);
  Json detail = ListDetail(list);
  created_lists_.push_back(detail);
  return JsonReply(200, detail);
}

std::vector<Json> FakeClickUp::CreatedFolders() const {
  std::lock_guard<std::mutex> lock(state_mutex());
  return created_folders_;
}

void FakeClickUp::SetListFields(const std::string& list_id, Json fields) {
  std::lock_guard<std::mutex> lock(state_mutex());
  list_fields_[list_id] = Json{{"fields", std::move(fields)}};
}

std::vector<Json> FakeClickUp::CreatedLists() const {
  std::lock_guard<std::mutex> lock(state_mutex());
  return created_lists_;
}

}  // namespace sprintetl::fakes
