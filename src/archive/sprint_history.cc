#include "archive/sprint_history.h"

#include <chrono>
#include <map>
#include <set>

#include "archive/task_copy.h"
#include "core/log.h"
#include "core/time_format.h"

namespace sprintetl::archive {
namespace {

using nlohmann::json;

struct SprintSource {
  std::string name;
  std::string space_id;
  std::vector<json> tasks;  // unique by id, parents before their subtasks
};

// Collects the sprint list's name and tasks from the landed ClickUp pages.
Result<SprintSource> ReadSprintSource(const landing::RunFolder& run,
                                      const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(auto records, run.ReadManifest());
  SprintSource source;
  std::map<std::string, json> tasks;
  std::vector<std::string> order;

  for (const auto& record : records) {
    bool is_list_page = record.kind == "clickup.lists";
    bool is_sprint_tasks = record.kind == "clickup.tasks" &&
                           record.context.count("list_id") &&
                           record.context.at("list_id") == sprint_id;
    if (!is_list_page && !is_sprint_tasks) continue;

    SPRINTETL_ASSIGN_OR_RETURN(std::string body, run.ReadPage(record));
    json page = json::parse(body, nullptr, false);
    if (page.is_discarded()) return DataLoss("landing page " + record.file + " is not JSON");

    if (is_list_page) {
      for (const auto& list : page.value("lists", json::array())) {
        if (list.value("id", "") != sprint_id) continue;
        source.name = list.value("name", "");
        source.space_id = list.contains("space") ? list["space"].value("id", "") : "";
      }
      continue;
    }
    for (const auto& task : page.value("tasks", json::array())) {
      std::string id = task.value("id", "");
      if (!tasks.count(id)) order.push_back(id);
      tasks[id] = task;
    }
  }
  if (source.name.empty()) {
    return NotFound("sprint list " + sprint_id + " is not in the landed ClickUp lists of run " +
                    run.run_id());
  }

  // Parents first, so every subtask's parent already has its copy id.
  std::set<std::string> placed;
  while (placed.size() < order.size()) {
    size_t before = placed.size();
    for (const auto& id : order) {
      if (placed.count(id)) continue;
      const json& task = tasks[id];
      std::string parent = task.value("parent", json()).is_string() ? task["parent"].get<std::string>() : "";
      if (parent.empty() || !tasks.count(parent) || placed.count(parent)) {
        source.tasks.push_back(task);
        placed.insert(id);
      }
    }
    if (placed.size() == before) break;  // a parent cycle: the rest are skipped below
  }
  return source;
}

Result<json> SendJson(http::HttpClient& client, const http::Request& request) {
  SPRINTETL_ASSIGN_OR_RETURN(http::Response response, client.Send(request));
  json body = json::parse(response.body, nullptr, false);
  if (response.status < 200 || response.status >= 300) {
    std::string detail = body.is_object() ? body.value("err", response.body) : response.body;
    return InvalidArgument("clickup " + request.method + " " + request.path + " failed with HTTP " +
                           std::to_string(response.status) + ": " + detail.substr(0, 300));
  }
  if (body.is_discarded()) {
    return DataLoss("clickup " + request.method + " " + request.path + " returned a body that is "
                    "not JSON");
  }
  return body;
}

// Returns the id of the child named `name` in `items`, or "" when absent.
std::string FindByName(const json& items, const std::string& name) {
  for (const auto& item : items) {
    if (item.value("name", "") == name) return item.value("id", "");
  }
  return "";
}

Status EnsureFolderAndList(const config::Config& config, http::HttpClient& client,
                           const SprintSource& sprint, ArchiveSummary& summary) {
  std::string space_id = config.archive.space_id.empty() ? sprint.space_id : config.archive.space_id;
  std::string folders_path = "/v2/space/" + space_id + "/folder";
  SPRINTETL_ASSIGN_OR_RETURN(json folders, SendJson(client, {"GET", folders_path, "", ""}));
  summary.folder_id = FindByName(folders.value("folders", json::array()), config.archive.folder_name);
  if (summary.folder_id.empty()) {
    json body{{"name", config.archive.folder_name}};
    SPRINTETL_ASSIGN_OR_RETURN(json created,
                               SendJson(client, {"POST", folders_path, "", body.dump()}));
    summary.folder_id = created.value("id", "");
    summary.created_folder = true;
  }

  std::string lists_path = "/v2/folder/" + summary.folder_id + "/list";
  SPRINTETL_ASSIGN_OR_RETURN(json lists, SendJson(client, {"GET", lists_path, "", ""}));
  summary.list_id = FindByName(lists.value("lists", json::array()), sprint.name);
  if (summary.list_id.empty()) {
    json body{{"name", sprint.name},
              {"content", "Snapshot of " + sprint.name + " made by sprintetl when it ended."}};
    SPRINTETL_ASSIGN_OR_RETURN(json created, SendJson(client, {"POST", lists_path, "", body.dump()}));
    summary.list_id = created.value("id", "");
    summary.created_list = true;
  }
  if (summary.folder_id.empty() || summary.list_id.empty()) {
    return DataLoss("ClickUp returned no id for the Sprint History folder or list");
  }
  return Status::Ok();
}

Result<TargetList> ReadTargetList(http::HttpClient& client, const std::string& list_id) {
  TargetList target;
  SPRINTETL_ASSIGN_OR_RETURN(json list, SendJson(client, {"GET", "/v2/list/" + list_id, "", ""}));
  for (const auto& status : list.value("statuses", json::array())) {
    target.statuses.push_back(status.value("status", ""));
  }
  SPRINTETL_ASSIGN_OR_RETURN(json fields,
                             SendJson(client, {"GET", "/v2/list/" + list_id + "/field", "", ""}));
  target.fields = fields.value("fields", json::array());
  return target;
}

Result<std::map<std::string, std::string>> ReadArchiveMap(warehouse::Warehouse& wh,
                                                          const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result, wh.Query("SELECT task_id, copy_task_id FROM archive_map WHERE sprint_id = " +
                            warehouse::QuoteLiteral(sprint_id)));
  std::map<std::string, std::string> copies;
  for (const auto& row : result.rows) copies[row[0].value_or("")] = row[1].value_or("");
  return copies;
}

}  // namespace

Result<ArchiveSummary> ArchiveSprint(const config::Config& config, http::HttpClient& clickup,
                                     warehouse::Warehouse& warehouse,
                                     const landing::RunFolder& run, const std::string& sprint_id) {
  auto logger = log::Get("archive");
  auto started = std::chrono::steady_clock::now();

  SPRINTETL_ASSIGN_OR_RETURN(SprintSource sprint, ReadSprintSource(run, sprint_id));
  ArchiveSummary summary;
  SPRINTETL_RETURN_IF_ERROR(EnsureFolderAndList(config, clickup, sprint, summary));
  SPRINTETL_ASSIGN_OR_RETURN(TargetList target, ReadTargetList(clickup, summary.list_id));
  SPRINTETL_ASSIGN_OR_RETURN(auto copies, ReadArchiveMap(warehouse, sprint_id));

  for (const auto& task : sprint.tasks) {
    std::string task_id = task.value("id", "");
    if (copies.count(task_id)) {
      ++summary.already_copied;
      continue;
    }

    CopyOptions options;
    options.fallback_status = config.archive.fallback_status;
    if (task.value("parent", json()).is_string()) {
      auto parent = copies.find(task["parent"].get<std::string>());
      if (parent != copies.end()) options.parent_copy_id = parent->second;
    }
    TaskCopy copy = BuildTaskCopy(task, target, options);
    for (const auto& reason : copy.dropped) summary.dropped.push_back(task_id + ": " + reason);

    auto created = SendJson(clickup, {"POST", "/v2/list/" + summary.list_id + "/task", "",
                                      copy.body.dump()});
    if (!created.ok()) {
      summary.failed.push_back(task_id + ": " + created.status().message());
      logger->warn("archive.task_failed task={} error=\"{}\"", task_id, created.status().message());
      continue;
    }
    std::string copy_id = created->value("id", "");
    // Recorded at once, so a run killed after this task resumes with the next.
    SPRINTETL_RETURN_IF_ERROR(warehouse.Execute(
        "INSERT INTO archive_map (task_id, sprint_id, copy_task_id, copied_at) VALUES (" +
        warehouse::QuoteLiteral(task_id) + ", " + warehouse::QuoteLiteral(sprint_id) + ", " +
        warehouse::QuoteLiteral(copy_id) + ", " +
        warehouse::QuoteLiteral(FormatUtcSeconds(std::chrono::system_clock::now())) + ")"));
    copies[task_id] = copy_id;
    ++summary.copied;
  }

  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  logger->info("archive.done sprint={} list={} copied={} already_copied={} failed={} dropped={} "
               "ms={}", sprint_id, summary.list_id, summary.copied, summary.already_copied,
               summary.failed.size(), summary.dropped.size(), ms);
  return summary;
}

}  // namespace sprintetl::archive
