// Task store of the fake ClickUp server: paged task reads and create-task validation.
//
// NOTE: apart from FIELD_011 (error_400_dropdown_value.json) the ECODEs of the validation
// errors here are invented, because ClickUp does not document them. Clients must branch on
// the HTTP status only.
#include <algorithm>
#include <regex>
#include <set>

#include "fakes/fake_clickup.h"

namespace sprintetl::fakes {

namespace {

bool IsFinished(const Json& task) {
  std::string type = task["status"].value("type", "");
  return type == "closed" || type == "done";
}

bool InLocations(const Json& task, const std::string& list_id) {
  const Json& locations = task.value("locations", Json::array());
  return std::any_of(locations.begin(), locations.end(),
                     [&](const Json& location) { return location.value("id", "") == list_id; });
}

// The ids of the task's home list and of the lists it was added to (locations).
std::set<std::string> ListsOfTask(const Json& task) {
  std::set<std::string> lists = {task["list"].value("id", "")};
  for (const Json& location : task.value("locations", Json::array())) {
    lists.insert(location.value("id", ""));
  }
  return lists;
}

// date_updated is a ms string in task payloads; 0 when missing or unreadable.
long long UpdatedMillis(const Json& task) {
  const Json& updated = task.value("date_updated", Json());
  if (updated.is_number_integer()) return updated.get<long long>();
  if (!updated.is_string()) return 0;
  try {
    return std::stoll(updated.get<std::string>());
  } catch (const std::exception&) {
    return 0;
  }
}

// The tasks of `matching` on page `page`, as ClickUp's paged task reads return them.
Json TaskPage(const std::vector<const Json*>& matching, int page, int page_size,
              bool with_markdown) {
  size_t size = static_cast<size_t>(page_size);
  size_t begin = std::min(matching.size(), static_cast<size_t>(page) * size);
  size_t end = std::min(matching.size(), begin + size);
  Json tasks = Json::array();
  for (size_t i = begin; i < end; ++i) tasks.push_back(*matching[i]);
  if (with_markdown) {
    // The fake keeps no separate markdown, so the plain description is sent in its place.
    for (Json& task : tasks) task["markdown_description"] = task.value("description", Json());
  }
  return Json{{"tasks", tasks}, {"last_page", end >= matching.size()}};
}

// Parses a non-negative decimal page number; nullopt for anything else.
std::optional<int> ParsePage(const std::string& text) {
  if (text.empty()) return 0;
  if (text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) return std::nullopt;
  return std::stoi(text);
}

// A date filter in Unix ms; nullopt when absent or not a number.
std::optional<long long> ParseMillis(const std::string& text) {
  if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    return std::nullopt;
  }
  return std::stoll(text);
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), ::tolower);
  return text;
}

Reply InvalidField(const std::string& what) { return ClickUpError(400, what, "INPUT_005"); }

// Priorities as every ClickUp space reports them (get_spaces.json features.priorities).
Json PriorityObject(int priority) {
  static const char* const kNames[] = {"urgent", "high", "normal", "low"};
  static const char* const kColors[] = {"#f50000", "#f8ae00", "#6fddff", "#d8d8d8"};
  std::string id = std::to_string(priority);
  return {{"color", kColors[priority - 1]},
          {"id", id},
          {"orderindex", id},
          {"priority", kNames[priority - 1]}};
}

// ClickUp derives the plain description from markdown; dropping emphasis markers is enough
// for the bodies the archive sends.
std::string MarkdownToText(std::string markdown) {
  for (const std::string marker : {"**", "__"}) {
    for (size_t at = markdown.find(marker); at != std::string::npos; at = markdown.find(marker)) {
      markdown.erase(at, marker.size());
    }
  }
  return markdown + "\n";
}

}  // namespace

bool FakeClickUp::LoadTasks(std::string* error) {
  // Recorded pages first (page0 before page1), then the per-list task files.
  std::vector<std::string> files;
  const std::regex page_file(R"(get_list_tasks_.+_page\d+\.json)");
  for (const std::string& name : dirs_.ListFiles("get_list_tasks_", ".json")) {
    if (std::regex_match(name, page_file)) files.push_back(name);
  }
  for (const std::string& name : dirs_.ListFiles("list_tasks_", ".json")) files.push_back(name);

  for (const std::string& name : files) {
    std::optional<Json> file = dirs_.ReadJson(name, error);
    if (!file) return false;
    if (!(*file)["tasks"].is_array()) {
      *error = "fixture " + name + " has no \"tasks\" array; add one";
      return false;
    }
    for (Json& task : (*file)["tasks"]) {
      if (!task["id"].is_string() || !task["list"]["id"].is_string()) {
        *error = "a task in fixture " + name + " lacks a string id or list.id; add them";
        return false;
      }
      AddTaskLocked(std::move(task));
    }
  }
  return true;
}

void FakeClickUp::AddTaskLocked(Json task) {
  std::string id = task["id"];
  auto known = task_index_.find(id);
  if (known != task_index_.end()) {
    bool moved = ListsOfTask(tasks_[known->second]) != ListsOfTask(task);
    tasks_[known->second] = std::move(task);
    // A replaced task keeps its store position, so only a change of lists needs a new index.
    if (moved) RebuildTaskIndexesLocked();
    return;
  }
  task_index_[id] = tasks_.size();
  tasks_.push_back(std::move(task));
  IndexTaskLocked(tasks_.size() - 1);
}

void FakeClickUp::IndexTaskLocked(size_t position) {
  for (const std::string& list_id : ListsOfTask(tasks_[position])) {
    list_task_positions_[list_id].push_back(position);
  }
}

void FakeClickUp::RebuildTaskIndexesLocked() {
  task_index_.clear();
  list_task_positions_.clear();
  for (size_t i = 0; i < tasks_.size(); ++i) {
    task_index_[tasks_[i]["id"]] = i;
    IndexTaskLocked(i);
  }
}

void FakeClickUp::AddList(Json list) {
  std::lock_guard<std::mutex> lock(state_mutex());
  for (Json& known : lists_) {
    if (known["id"] == list["id"]) {
      known = std::move(list);
      return;
    }
  }
  lists_.push_back(std::move(list));
}

void FakeClickUp::AddTask(Json task) {
  std::lock_guard<std::mutex> lock(state_mutex());
  AddTaskLocked(std::move(task));
}

std::optional<Json> FakeClickUp::FindTask(const std::string& task_id) const {
  std::lock_guard<std::mutex> lock(state_mutex());
  auto known = task_index_.find(task_id);
  if (known == task_index_.end()) return std::nullopt;
  return tasks_[known->second];
}

std::vector<Json> FakeClickUp::CreatedTasks(const std::string& list_id) const {
  std::lock_guard<std::mutex> lock(state_mutex());
  std::vector<Json> created;
  for (const Json& task : created_tasks_) {
    if (task["list"]["id"] == list_id) created.push_back(task);
  }
  return created;
}

Reply FakeClickUp::GetListTasks(const std::string& list_id, const httplib::Request& request) {
  if (!FindList(list_id)) return ClickUpError(404, "List not found", "ITEM_015");
  if (IsForbiddenList(list_id)) return ClickUpError(403, "No access to this list", "ACCESS_083");
  std::optional<int> page = ParsePage(request.get_param_value("page"));
  if (!page) return ClickUpError(400, "page must be a non-negative integer", "INPUT_002");
  auto flag = [&](const char* name) { return request.get_param_value(name) == "true"; };
  bool include_closed = flag("include_closed");
  bool subtasks = flag("subtasks");
  bool include_timl = flag("include_timl");
  bool archived = flag("archived");
  std::optional<long long> updated_after = ParseMillis(request.get_param_value("date_updated_gt"));

  std::vector<const Json*> matching;
  auto indexed = list_task_positions_.find(list_id);
  const std::vector<size_t> no_positions;
  const auto& positions = indexed == list_task_positions_.end() ? no_positions : indexed->second;
  for (size_t position : positions) {
    const Json& task = tasks_[position];
    bool home = task["list"]["id"] == list_id;
    if (!home && !(include_timl && InLocations(task, list_id))) continue;
    if (!include_closed && IsFinished(task)) continue;
    if (!subtasks && !task.value("parent", Json()).is_null()) continue;
    if (task.value("archived", false) != archived) continue;
    if (updated_after && UpdatedMillis(task) <= *updated_after) continue;
    matching.push_back(&task);
  }
  return JsonReply(200, TaskPage(matching, *page, options_.page_size,
                                 flag("include_markdown_description")));
}

// Workspace-wide task read. Like ClickUp, it leaves out the tasks of archived lists.
Reply FakeClickUp::GetTeamTasks(const std::string& team_id, const httplib::Request& request) {
  if (!KnowsTeam(team_id)) return FixtureError(401, "error_401_team_not_authorized.json");
  std::optional<int> page = ParsePage(request.get_param_value("page"));
  if (!page) return ClickUpError(400, "page must be a non-negative integer", "INPUT_002");
  auto flag = [&](const char* name) { return request.get_param_value(name) == "true"; };
  bool include_closed = flag("include_closed");
  bool subtasks = flag("subtasks");
  bool archived = flag("archived");
  std::optional<long long> updated_after = ParseMillis(request.get_param_value("date_updated_gt"));

  std::set<std::string> active_lists;
  for (const Json& list : lists_) {
    if (!list.value("archived", false)) active_lists.insert(list.value("id", ""));
  }
  std::vector<const Json*> matching;
  for (const Json& task : tasks_) {
    if (!active_lists.contains(task["list"].value("id", ""))) continue;
    if (!include_closed && IsFinished(task)) continue;
    if (!subtasks && !task.value("parent", Json()).is_null()) continue;
    if (task.value("archived", false) != archived) continue;
    if (updated_after && UpdatedMillis(task) <= *updated_after) continue;
    matching.push_back(&task);
  }
  return JsonReply(200, TaskPage(matching, *page, options_.page_size,
                                 flag("include_markdown_description")));
}

Reply FakeClickUp::GetTask(const std::string& task_id) {
  auto known = task_index_.find(task_id);
  if (known == task_index_.end()) return FixtureError(404, "error_404_task_not_found.json");
  return JsonReply(200, tasks_[known->second]);
}

Reply FakeClickUp::CreateTask(const std::string& list_id, const std::string& body) {
  const Json* list = FindList(list_id);
  if (!list) return ClickUpError(404, "List not found", "ITEM_015");
  std::optional<Json> request = ParseObject(body);
  if (!request) return ClickUpError(400, "Request body must be a JSON object", "INPUT_001");
  const Json& task = *request;

  if (!task.value("name", Json()).is_string() || task["name"].get<std::string>().empty()) {
    return ClickUpError(400, "Task name invalid", "INPUT_005");
  }

  auto present = [&](const char* key) { return task.contains(key) && !task[key].is_null(); };
  for (const char* key : {"description", "markdown_content", "links_to"}) {
    if (present(key) && !task[key].is_string())
      return InvalidField(std::string(key) + " must be a string");
  }
  for (const char* key : {"due_date", "start_date", "time_estimate", "custom_item_id"}) {
    if (present(key) && !task[key].is_number_integer()) {
      return InvalidField(std::string(key) + " must be an integer");
    }
  }
  for (const char* key : {"due_date_time", "start_date_time", "notify_all", "archived",
                          "check_required_custom_fields"}) {
    if (present(key) && !task[key].is_boolean())
      return InvalidField(std::string(key) + " must be a boolean");
  }
  if (present("points") && !task["points"].is_number())
    return InvalidField("points must be a number");
  if (present("priority")) {
    const Json& priority = task["priority"];
    if (!priority.is_number_integer() || priority.get<int64_t>() < 1 ||
        priority.get<int64_t>() > 4) {
      return InvalidField("priority must be null or an integer from 1 (urgent) to 4 (low)");
    }
  }
  if (present("assignees")) {
    if (!task["assignees"].is_array())
      return InvalidField("assignees must be an array of user ids");
    for (const Json& id : task["assignees"]) {
      if (!id.is_number_integer()) return InvalidField("assignees must be an array of user ids");
      if (!FindMember(id.get<int64_t>()))
        return ClickUpError(400, "Assignee not found in workspace", "INPUT_007");
    }
  }
  for (const char* key : {"tags", "group_assignees"}) {
    if (!present(key)) continue;
    bool strings =
        task[key].is_array() && std::all_of(task[key].begin(), task[key].end(),
                                            [](const Json& item) { return item.is_string(); });
    if (!strings) return InvalidField(std::string(key) + " must be an array of strings");
  }

  Json statuses = StatusesOfList(*list);
  Json status = statuses.empty() ? Json() : statuses[0];
  if (present("status")) {
    if (!task["status"].is_string()) return InvalidField("status must be a string");
    auto same_name = [&](const Json& candidate) {
      return Lower(candidate.value("status", "")) == Lower(task["status"].get<std::string>());
    };
    auto found = std::find_if(statuses.begin(), statuses.end(), same_name);
    if (found == statuses.end()) return ClickUpError(400, "Status does not exist", "INPUT_006");
    status = *found;
  }

  if (present("parent")) {
    if (!task["parent"].is_string()) return InvalidField("parent must be a task id string");
    auto parent = task_index_.find(task["parent"].get<std::string>());
    if (parent == task_index_.end()) return FixtureError(404, "error_404_task_not_found.json");
    if (tasks_[parent->second]["list"]["id"] != list_id) {
      return ClickUpError(400, "Parent task must be in the same list", "INPUT_008");
    }
  }

  Json custom_fields;
  if (std::optional<Reply> rejected = BuildCustomFields(
          FieldsOfList(list_id)["fields"], task.value("custom_fields", Json()), &custom_fields)) {
    return *rejected;
  }

  Json created = BuildTask(*list, task, status, std::move(custom_fields));
  AddTaskLocked(created);
  created_tasks_.push_back(created);
  return JsonReply(200, created);
}

std::optional<Reply> FakeClickUp::BuildCustomFields(const Json& list_fields, const Json& written,
                                                    Json* read_back) {
  if (!written.is_null() && !written.is_array()) {
    return InvalidField("custom_fields must be an array of {id, value}");
  }
  std::map<std::string, Json> values;  // field id -> value in its read-back form
  for (const Json& entry : written.is_array() ? written : Json::array()) {
    if (!entry.is_object() || !entry.value("id", Json()).is_string()) {
      return InvalidField("custom_fields entries need a string id");
    }
    std::string id = entry["id"];
    auto same_id = [&](const Json& field) { return field.value("id", "") == id; };
    auto field = std::find_if(list_fields.begin(), list_fields.end(), same_id);
    if (field == list_fields.end()) {
      return ClickUpError(400, "Custom field " + id + " is not accessible in this list",
                          "FIELD_033");
    }
    const Json& value = entry.value("value", Json());
    if (value.is_null()) continue;

    std::string type = (*field)["type"];
    const Json& options = (*field)["type_config"].value("options", Json::array());
    if (type == "drop_down") {
      // Written as an option uuid (or orderindex), read back as the option's orderindex.
      auto matches = [&](const Json& option) {
        return (value.is_string() && option.value("id", "") == value) ||
               (value.is_number_integer() && option.value("orderindex", Json()) == value);
      };
      auto option = std::find_if(options.begin(), options.end(), matches);
      if (option == options.end()) return FixtureError(400, "error_400_dropdown_value.json");
      values[id] = (*option)["orderindex"];
    } else if (type == "labels") {
      if (!value.is_array()) return InvalidField("Labels value must be an array of option uuids");
      for (const Json& label : value) {
        auto same = [&](const Json& option) { return option.value("id", "") == label; };
        if (std::none_of(options.begin(), options.end(), same)) {
          return ClickUpError(400, "Label value must be an option uuid", "FIELD_011");
        }
      }
      values[id] = value;
    } else if (type == "number" || type == "currency") {
      if (!value.is_number()) return InvalidField("Value of " + type + " field must be a number");
      values[id] = value.dump();  // ClickUp reads numbers back as strings
    } else if (type == "date") {
      if (!value.is_number_integer()) return InvalidField("Date value must be Unix ms");
      values[id] = std::to_string(value.get<int64_t>());
    } else if (type == "users") {
      const Json& ids = value.is_object() ? value.value("add", Json()) : value;
      if (!ids.is_array()) return InvalidField("Users value must be {\"add\": [user ids]}");
      Json people = Json::array();
      for (const Json& user_id : ids) {
        std::optional<Json> person =
            user_id.is_number_integer() ? FindMember(user_id.get<int64_t>()) : std::nullopt;
        if (!person) return InvalidField("Users value holds an unknown user id");
        people.push_back(*person);
      }
      values[id] = people;
    } else if (type == "checkbox") {
      if (!value.is_boolean()) return InvalidField("Checkbox value must be true or false");
      values[id] = value.get<bool>() ? "true" : "false";
    } else if (type == "formula" || type == "automatic_progress") {
      return ClickUpError(400, "Value of a " + type + " field cannot be set", "FIELD_020");
    } else if (type == "short_text" || type == "text" || type == "email" || type == "url" ||
               type == "phone") {
      if (!value.is_string()) return InvalidField("Value of " + type + " field must be a string");
      values[id] = value;
    } else {
      values[id] = value;
    }
  }

  // The task carries every field of its list; only fields with a value get the `value` key.
  *read_back = Json::array();
  for (const Json& field : list_fields) {
    Json entry = field;
    std::string id = field.value("id", "");
    if (values.contains(id)) {
      entry["value"] = values[id];
      entry["value_richtext"] = nullptr;
    } else if (field.value("type", "") == "automatic_progress") {
      entry["value"] = {{"percent_complete", 0}};
      entry["value_richtext"] = nullptr;
    }
    read_back->push_back(std::move(entry));
  }
  return std::nullopt;
}

Json FakeClickUp::BuildTask(const Json& list, const Json& body, const Json& status,
                            Json custom_fields) {
  std::string id = "86c0z" + std::to_string(10000 + next_number_++).substr(1);
  std::string now = std::to_string(NowUnixMs());
  auto present = [&](const char* key) { return body.contains(key) && !body[key].is_null(); };
  auto date_text = [&](const char* key) {
    return present(key) ? Json(std::to_string(body[key].get<int64_t>())) : Json();
  };

  std::string description;
  if (present("markdown_content")) {
    description = MarkdownToText(body["markdown_content"].get<std::string>());
  } else if (present("description")) {
    description = body["description"].get<std::string>();
  }

  const Json& me = user_["user"];
  Json creator = Json::object();
  for (const char* key : {"id", "username", "color", "email", "profilePicture"}) {
    creator[key] = me.value(key, Json());
  }
  Json assignees = Json::array();
  // The creator watches the task, like every assignee. A token user outside the workspace's
  // member list (possible with overlay fixtures) is left out.
  Json watchers = Json::array();
  if (std::optional<Json> creator_member = FindMember(me.value("id", int64_t{0}))) {
    watchers.push_back(*creator_member);
  }
  for (const Json& user_id : body.value("assignees", Json::array())) {
    Json person = *FindMember(user_id.get<int64_t>());
    assignees.push_back(person);
    if (user_id != creator["id"]) watchers.push_back(person);
  }
  Json tags = Json::array();
  for (const Json& name : body.value("tags", Json::array())) {
    // ClickUp stores tag names lower-cased.
    tags.push_back({{"name", Lower(name.get<std::string>())},
                    {"tag_fg", "#000000"},
                    {"tag_bg", "#d8d8d8"},
                    {"creator", creator["id"]}});
  }

  Json parent = present("parent") ? body["parent"] : Json();
  Json top_level_parent = parent;
  if (!parent.is_null()) {
    const Json& parent_task = tasks_[task_index_.at(parent.get<std::string>())];
    if (!parent_task.value("top_level_parent", Json()).is_null()) {
      top_level_parent = parent_task["top_level_parent"];
    }
  }
  std::string status_type = status.value("type", "open");
  bool finished = status_type == "done" || status_type == "closed";

  const Json& folder = list["folder"];
  Json folder_ref = {{"id", folder["id"]},
                     {"name", folder["name"]},
                     {"hidden", folder.value("hidden", false)},
                     {"access", true}};
  std::string team_id = teams_["teams"].empty() ? "" : teams_["teams"][0]["id"].get<std::string>();

  return {{"id", id},
          {"custom_id", nullptr},
          {"custom_item_id", body.value("custom_item_id", 0)},
          {"name", body["name"]},
          {"text_content", description},
          {"description", description},
          {"status", status},
          {"orderindex", std::to_string(tasks_.size() + 1) + ".00000000000000000000000000000000"},
          {"date_created", now},
          {"date_updated", now},
          {"date_closed", status_type == "closed" ? Json(now) : Json()},
          {"date_done", finished ? Json(now) : Json()},
          {"archived", body.value("archived", false)},
          {"creator", creator},
          {"assignees", assignees},
          {"group_assignees", Json::array()},
          {"watchers", watchers},
          {"checklists", Json::array()},
          {"tags", tags},
          {"parent", parent},
          {"top_level_parent", top_level_parent},
          {"priority", present("priority") ? PriorityObject(body["priority"].get<int>()) : Json()},
          {"due_date", date_text("due_date")},
          {"start_date", date_text("start_date")},
          {"points", present("points") ? body["points"] : Json()},
          {"time_estimate", present("time_estimate") ? body["time_estimate"] : Json()},
          {"custom_fields", std::move(custom_fields)},
          {"dependencies", Json::array()},
          {"linked_tasks", Json::array()},
          {"locations", Json::array()},
          {"team_id", team_id},
          {"url", "https://app.clickup.com/t/" + id},
          {"sharing",
           {{"public", false},
            {"public_share_expires_on", nullptr},
            {"public_fields", Json::array()},
            {"token", nullptr},
            {"seo_optimized", false}}},
          {"permission_level", "create"},
          {"list", {{"id", list["id"]}, {"name", list["name"]}, {"access", true}}},
          {"project", folder_ref},
          {"folder", folder_ref},
          {"space", {{"id", list["space"]["id"]}}}};
}

}  // namespace sprintetl::fakes
