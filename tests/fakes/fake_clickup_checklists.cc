// Checklists of the fake ClickUp server, and task deletion.
//
// NOTE: the ECODEs of the checklist errors are invented, because ClickUp does not document
// them. Clients must branch on the HTTP status only.
#include <set>

#include "fakes/fake_clickup.h"

namespace sprintetl::fakes {

namespace {

// Returns the request's non-empty "name", or nullopt.
std::optional<std::string> NameOf(const Json& request) {
  const Json& name = request.value("name", Json());
  if (!name.is_string() || name.get<std::string>().empty()) return std::nullopt;
  return name.get<std::string>();
}

void CountResolved(Json& checklist) {
  int resolved = 0;
  for (const Json& item : checklist["items"]) resolved += item.value("resolved", false) ? 1 : 0;
  checklist["resolved"] = resolved;
  checklist["unresolved"] = static_cast<int>(checklist["items"].size()) - resolved;
}

}  // namespace

Reply FakeClickUp::CreateChecklist(const std::string& task_id, const std::string& body) {
  auto known = task_index_.find(task_id);
  if (known == task_index_.end()) return FixtureError(404, "error_404_task_not_found.json");
  std::optional<Json> request = ParseObject(body);
  if (!request) return ClickUpError(400, "Request body must be a JSON object", "INPUT_001");
  std::optional<std::string> name = NameOf(*request);
  if (!name) return ClickUpError(400, "Checklist name invalid", "CHECK_001");

  Json& task = tasks_[known->second];
  if (!task["checklists"].is_array()) task["checklists"] = Json::array();
  std::string id = "c1a0e000-0000-4000-8000-" + std::to_string(100000000000 + next_number_++);
  Json checklist = {{"id", id},
                    {"task_id", task_id},
                    {"name", *name},
                    {"date_created", std::to_string(NowUnixMs())},
                    {"orderindex", task["checklists"].size()},
                    {"creator", user_["user"].value("id", Json())},
                    {"resolved", 0},
                    {"unresolved", 0},
                    {"items", Json::array()}};
  task["checklists"].push_back(checklist);
  checklist_tasks_[id] = task_id;
  return JsonReply(200, Json{{"checklist", checklist}});
}

Reply FakeClickUp::CreateChecklistItem(const std::string& checklist_id, const std::string& body) {
  auto owner = checklist_tasks_.find(checklist_id);
  auto task_at = owner == checklist_tasks_.end() ? task_index_.end()
                                                 : task_index_.find(owner->second);
  if (task_at == task_index_.end()) {
    return ClickUpError(404, "Checklist not found", "CHECK_004");
  }
  std::optional<Json> request = ParseObject(body);
  if (!request) return ClickUpError(400, "Request body must be a JSON object", "INPUT_001");
  std::optional<std::string> name = NameOf(*request);
  if (!name) return ClickUpError(400, "Checklist item name invalid", "CHECK_002");

  Json assignee;
  if (request->contains("assignee") && !(*request)["assignee"].is_null()) {
    const Json& id = (*request)["assignee"];
    std::optional<Json> member = id.is_number_integer() ? FindMember(id.get<int64_t>())
                                                        : std::nullopt;
    if (!member) return ClickUpError(400, "Assignee not found in workspace", "INPUT_007");
    assignee = *member;
  }
  bool resolved = false;
  if (request->contains("resolved") && !(*request)["resolved"].is_null()) {
    if (!(*request)["resolved"].is_boolean()) {
      return ClickUpError(400, "resolved must be a boolean", "CHECK_003");
    }
    resolved = (*request)["resolved"].get<bool>();
  }

  Json& task = tasks_[task_at->second];
  for (Json& checklist : task["checklists"]) {
    if (checklist["id"] != checklist_id) continue;
    Json item = {{"id", "c1a0f000-0000-4000-8000-" + std::to_string(100000000000 + next_number_++)},
                 {"name", *name},
                 {"orderindex", checklist["items"].size()},
                 {"assignee", assignee},
                 {"group_assignee", nullptr},
                 {"resolved", resolved},
                 {"parent", nullptr},
                 {"date_created", std::to_string(NowUnixMs())},
                 {"children", Json::array()}};
    checklist["items"].push_back(std::move(item));
    CountResolved(checklist);
    return JsonReply(200, Json{{"checklist", checklist}});
  }
  return ClickUpError(404, "Checklist not found", "CHECK_004");
}

bool FakeClickUp::DeleteTask(const std::string& task_id) {
  std::lock_guard<std::mutex> lock(state_mutex());
  if (!task_index_.contains(task_id)) return false;

  std::set<std::string> doomed = {task_id};
  // Subtasks go with their parent, at any depth.
  for (bool grew = true; grew;) {
    grew = false;
    for (const Json& task : tasks_) {
      const Json& parent = task.value("parent", Json());
      if (parent.is_string() && doomed.contains(parent.get<std::string>()) &&
          doomed.insert(task["id"].get<std::string>()).second) {
        grew = true;
      }
    }
  }

  std::vector<Json> kept;
  for (Json& task : tasks_) {
    if (!doomed.contains(task["id"].get<std::string>())) kept.push_back(std::move(task));
  }
  tasks_ = std::move(kept);
  RebuildTaskIndexesLocked();
  for (auto it = checklist_tasks_.begin(); it != checklist_tasks_.end();) {
    it = doomed.contains(it->second) ? checklist_tasks_.erase(it) : std::next(it);
  }
  return true;
}

}  // namespace sprintetl::fakes
