#include "archive/source_check.h"

#include "archive/clickup_calls.h"

namespace sprintetl::archive {

using nlohmann::json;

SourceCheck CheckSourceTasks(http::HttpClient& client, const SprintSource& sprint) {
  SourceCheck check;
  std::set<std::string> present;
  std::string path = "/v2/list/" + sprint.sprint_id + "/task";
  // The same filters as extraction, so a task is absent only when it left.
  for (int page = 0;; ++page) {
    std::string query = "page=" + std::to_string(page) +
                        "&include_closed=true&subtasks=true&include_timl=true&archived=false";
    auto body = SendJson(client, {"GET", path, query, ""});
    if (!body.ok()) {
      check.error = body.status().message();
      return check;
    }
    const json& tasks = body->value("tasks", json::array());
    for (const auto& task : tasks) present.insert(task.value("id", ""));
    if (tasks.empty() || body->value("last_page", false)) break;
  }

  int checked_one_by_one = 0;
  for (const auto& task : sprint.tasks) {
    std::string id = task.value("id", "");
    if (present.count(id)) continue;
    if (checked_one_by_one >= kMaxTaskChecks) {
      check.unchecked.insert(id);
      continue;
    }
    ++checked_one_by_one;
    // Archived tasks are left out of the listing above but still exist.
    auto found = SendJson(client, {"GET", "/v2/task/" + id, "", ""});
    if (found.ok()) {
      check.moved.insert(id);
    } else if (found.status().code() == StatusCode::kNotFound) {
      check.deleted.insert(id);
    } else {
      check.unchecked.insert(id);
    }
  }
  check.checked = true;
  return check;
}

}  // namespace sprintetl::archive
