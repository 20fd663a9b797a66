#include "archive/sprint_source.h"

#include <map>

namespace sprintetl::archive {
namespace {

using nlohmann::json;

std::string IdText(const json& id) {
  if (id.is_string()) return id.get<std::string>();
  if (id.is_number()) return id.dump();
  return "";
}

std::string ParentOf(const json& task) {
  const json& parent = task.contains("parent") ? task["parent"] : json();
  return parent.is_string() ? parent.get<std::string>() : "";
}

void ReadMembers(const json& page, const std::string& team_id, SprintSource& source) {
  if (!source.members) source.members.emplace();
  for (const auto& team : page.value("teams", json::array())) {
    if (!team_id.empty() && IdText(team.value("id", json())) != team_id) continue;
    for (const auto& member : team.value("members", json::array())) {
      const json& id = member.is_object() && member.contains("user") ? member["user"].value("id", json())
                                                                   : json();
      if (id.is_number_integer()) source.members->insert(id.get<long long>());
    }
  }
}

void ReadSpaceStatuses(const json& page, SprintSource& source) {
  for (const auto& space : page.value("spaces", json::array())) {
    if (IdText(space.value("id", json())) != source.space_id) continue;
    source.space_statuses.clear();
    for (const auto& status : space.value("statuses", json::array())) {
      source.space_statuses.push_back(status.value("status", ""));
    }
  }
}

// Orders tasks so each parent comes before its subtasks; a parent outside the
// sprint does not hold a subtask back.
void PlaceParentsFirst(const std::vector<std::string>& order, std::map<std::string, json>& tasks,
                       SprintSource& source) {
  std::set<std::string> placed;
  while (placed.size() < order.size()) {
    size_t before = placed.size();
    for (const auto& id : order) {
      if (placed.count(id)) continue;
      std::string parent = ParentOf(tasks[id]);
      if (parent.empty() || !tasks.count(parent) || placed.count(parent)) {
        source.tasks.push_back(tasks[id]);
        placed.insert(id);
      }
    }
    if (placed.size() == before) break;
  }
  for (const auto& id : order) {
    if (!placed.count(id)) source.unplaced.push_back(id);
  }
}

}  // namespace

Result<SprintSource> ReadSprintSource(const landing::RunFolder& run, const std::string& sprint_id,
                                      const std::string& team_id) {
  SPRINTETL_ASSIGN_OR_RETURN(auto records, run.ReadManifest());
  SprintSource source;
  source.sprint_id = sprint_id;
  std::map<std::string, json> tasks;
  std::vector<std::string> order;
  std::vector<json> space_pages;

  for (const auto& record : records) {
    bool is_sprint_tasks = record.kind == "clickup.tasks" && record.context.count("list_id") &&
                           record.context.at("list_id") == sprint_id;
    bool wanted = is_sprint_tasks || record.kind == "clickup.lists" ||
                  record.kind == "clickup.teams" || record.kind == "clickup.user" ||
                  record.kind == "clickup.spaces";
    if (!wanted) continue;

    SPRINTETL_ASSIGN_OR_RETURN(std::string body, run.ReadPage(record));
    json page = json::parse(body, nullptr, false);
    if (page.is_discarded() || !page.is_object()) {
      return DataLoss("landing page " + record.file + " of run " + run.run_id() +
                      " is not a JSON object; extract the run again");
    }

    if (record.kind == "clickup.lists") {
      for (const auto& list : page.value("lists", json::array())) {
        if (IdText(list.value("id", json())) != sprint_id) continue;
        source.name = list.value("name", "");
        if (list.contains("space")) source.space_id = IdText(list["space"].value("id", json()));
      }
    } else if (record.kind == "clickup.teams") {
      ReadMembers(page, team_id, source);
    } else if (record.kind == "clickup.user") {
      if (page.contains("user")) source.timezone = page["user"].value("timezone", "");
    } else if (record.kind == "clickup.spaces") {
      space_pages.push_back(std::move(page));
    } else {
      for (const auto& task : page.value("tasks", json::array())) {
        std::string id = IdText(task.value("id", json()));
        if (id.empty()) continue;
        if (!tasks.count(id)) order.push_back(id);
        tasks[id] = task;
      }
    }
  }
  if (source.name.empty()) {
    return NotFound("sprint list " + sprint_id + " is not in the landed ClickUp lists of run " +
                    run.run_id() + "; pick a sprint that run extracted");
  }
  for (const auto& page : space_pages) ReadSpaceStatuses(page, source);
  PlaceParentsFirst(order, tasks, source);
  return source;
}

}  // namespace sprintetl::archive
