#include "fakes/sprint_generator.h"

#include <cstdio>

#include "fakes/fixture_dirs.h"

namespace sprintetl::fakes {

namespace {

std::string TaskId(int number) {
  char id[16];
  std::snprintf(id, sizeof id, "86g%06d", number);
  return id;
}

Json Checklist(const std::string& task_id) {
  Json items = Json::array();
  for (int i = 0; i < 2; ++i) {
    items.push_back({{"id", task_id + "-item-" + std::to_string(i)},
                     {"name", "Step " + std::to_string(i + 1)},
                     {"orderindex", i},
                     {"assignee", nullptr},
                     {"resolved", i == 0},
                     {"parent", nullptr},
                     {"children", Json::array()}});
  }
  return Json::array({{{"id", task_id + "-checklist"},
                       {"task_id", task_id},
                       {"name", "Definition of done"},
                       {"orderindex", 0},
                       {"resolved", 1},
                       {"unresolved", 1},
                       {"items", items}}});
}

}  // namespace

std::vector<Json> GenerateSprintTasks(const Json& template_task,
                                      const GeneratedSprintOptions& options) {
  std::vector<Json> tasks;
  if (!template_task.is_object()) return tasks;

  std::string parent;
  int subtasks_left = 0;
  for (int number = 1; number <= options.count; ++number) {
    Json task = template_task;
    std::string id = TaskId(number);
    task["id"] = id;
    task["name"] = "Generated task " + std::to_string(number);
    task["url"] = "https://app.clickup.com/t/" + id;
    task["list"]["id"] = options.list_id;
    task["locations"] = Json::array();
    task["checklists"] = options.checklist_every > 0 && number % options.checklist_every == 0
                             ? Checklist(id)
                             : Json::array();

    if (subtasks_left > 0) {
      task["parent"] = parent;
      task["top_level_parent"] = parent;
      --subtasks_left;
    } else {
      task["parent"] = nullptr;
      task["top_level_parent"] = nullptr;
      if (options.subtasks_every > 0 && number % options.subtasks_every == 0) {
        parent = id;
        subtasks_left = 2;
      }
    }
    tasks.push_back(std::move(task));
  }
  return tasks;
}

Json FullTaskTemplate() {
  FixtureDirs dirs({TestDataDir() + "/clickup"});
  std::string error;
  std::optional<Json> page = dirs.ReadJson("get_list_tasks_sprint41_page0.json", &error);
  if (!page) return Json();
  for (const Json& task : (*page)["tasks"]) {
    if (task["id"] == "86c0a1b01") return task;
  }
  return Json();
}

}  // namespace sprintetl::fakes
