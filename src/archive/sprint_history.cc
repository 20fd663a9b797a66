#include "archive/sprint_history.h"

#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "archive/checklist_sync.h"
#include "archive/clickup_calls.h"
#include "archive/history_list.h"
#include "archive/source_check.h"
#include "archive/sprint_source.h"
#include "archive/task_copy.h"
#include "core/log.h"
#include "core/time_format.h"

namespace sprintetl::archive {
namespace {

using nlohmann::json;

std::string ParentOf(const json& task) {
  const json& parent = task.contains("parent") ? task["parent"] : json();
  return parent.is_string() ? parent.get<std::string>() : "";
}

Result<std::map<std::string, std::string>> ReadArchiveMap(warehouse::Warehouse& warehouse,
                                                          const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result, warehouse.Query("SELECT task_id, copy_task_id FROM archive_map WHERE "
                                   "sprint_id = " + warehouse::QuoteLiteral(sprint_id)));
  std::map<std::string, std::string> copies;
  for (const auto& row : result.rows) copies[row[0].value_or("")] = row[1].value_or("");
  return copies;
}

// Copies the tasks of one sprint; one instance per ArchiveSprint call.
class SprintArchiver {
 public:
  SprintArchiver(const config::Config& config, http::HttpClient& client,
                 warehouse::Warehouse& warehouse, const SprintSource& sprint,
                 const ArchiveOptions& options, ArchiveSummary& summary)
      : config_(config), client_(client), warehouse_(warehouse), sprint_(sprint),
        options_(options), summary_(summary) {}

  Status Run() {
    SPRINTETL_ASSIGN_OR_RETURN(
        history_, FindOrCreateHistoryList(config_, client_, sprint_, options_.dry_run));
    RecordHistoryList();
    SPRINTETL_ASSIGN_OR_RETURN(copies_, ReadArchiveMap(warehouse_, sprint_.sprint_id));
    PrepareCopyOptions();
    RecordSourceCheck(CheckSourceTasks(client_, sprint_));

    for (const auto& task : sprint_.tasks) SPRINTETL_RETURN_IF_ERROR(ArchiveTask(task));
    for (const auto& id : sprint_.unplaced) {
      Fail(id, "its parent chain loops back to itself, so no parent can be created first");
    }
    return Status::Ok();
  }

 private:
  void Item(const std::string& kind, const std::string& task_id, const std::string& text) {
    summary_.items.push_back({kind, task_id, text});
  }

  void Fail(const std::string& task_id, const std::string& reason) {
    summary_.failed.push_back(task_id + ": " + reason);
    summary_.failed_ids.push_back(task_id);
    Item("failed", task_id, reason);
    log::Get("archive")->warn("archive.task_failed task={} error=\"{}\"", task_id, reason);
  }

  void RecordHistoryList() {
    summary_.folder_id = history_.folder_id;
    summary_.list_id = history_.list_id;
    summary_.list_name = history_.list_name;
    summary_.created_folder = history_.created_folder;
    summary_.created_list = history_.created_list;
    std::string verb = options_.dry_run ? "create" : "created";
    Item("folder", "", config_.archive.folder_name + ": " +
                           (history_.created_folder ? verb : "exists " + history_.folder_id));
    Item("list", "", history_.list_name + ": " +
                         (history_.created_list ? verb : "exists " + history_.list_id));
    if (!history_.fields_known) {
      Item("note", "", "the history list does not exist yet, so its custom fields are unknown: "
                       "field values are matched when it is created");
    }
  }

  void PrepareCopyOptions() {
    base_options_.fallback_status = config_.archive.fallback_status;
    base_options_.status_map = config_.archive.status_map;
    base_options_.link_mode = config_.archive.link_mode;
    base_options_.link_field = config_.archive.link_field;
    base_options_.members = sprint_.members;
    std::string zone = config_.timezone.empty() ? sprint_.timezone : config_.timezone;
    if (!zone.empty()) {
      auto located = transform::WorkspaceZone::Locate(zone);
      if (located.ok()) base_options_.zone = *located;
    }
  }

  void RecordSourceCheck(SourceCheck check) {
    if (!check.checked) {
      Item("note", "", "could not check which tasks were deleted at the source: " + check.error);
    }
    for (const auto& id : check.deleted) {
      summary_.deleted_at_source.push_back(id);
      Item("deleted", id, "deleted at the source after extraction; copied from the landing data");
    }
    for (const auto& id : check.moved) {
      Item("moved", id, "left the sprint list after extraction; copied as it was at extraction");
    }
    for (const auto& id : check.unchecked) {
      Item("unchecked", id, "no longer in the sprint list; not checked one by one");
    }
    deleted_ = std::move(check.deleted);
  }

  Status ArchiveTask(const json& task) {
    std::string task_id = task.value("id", "");
    ++summary_.tasks;
    auto mapped = copies_.find(task_id);
    if (mapped == copies_.end()) return CopyTask(task, /*replaces=*/std::nullopt);

    // A mapped copy is only looked at when that can change something: with
    // --repair, or to finish checklists a stopped run left incomplete.
    bool has_checklists = !task.value("checklists", json::array()).empty();
    if (!options_.repair && (options_.dry_run || !has_checklists)) {
      ++summary_.already_copied;
      Item("skip", task_id, "already copied as " + mapped->second);
      return Status::Ok();
    }

    auto existing = SendJson(client_, {"GET", "/v2/task/" + mapped->second, "", ""});
    if (!existing.ok() && existing.status().code() == StatusCode::kNotFound) {
      if (options_.repair) return CopyTask(task, mapped->second);
      ++summary_.missing;
      Item("missing", task_id, "its copy " + mapped->second + " no longer exists; run with "
                               "--repair to recreate it");
      return Status::Ok();
    }
    if (!existing.ok()) {
      Fail(task_id, "cannot check its copy " + mapped->second + ": " + existing.status().message());
      return Status::Ok();
    }
    ++summary_.already_copied;
    Item("skip", task_id, "already copied as " + mapped->second);
    if (!options_.dry_run && has_checklists) {
      TaskCopy copy = BuildTaskCopy(task, history_.target, base_options_);
      FinishChecklists(task_id, mapped->second, copy, existing->value("checklists", json()));
    }
    return Status::Ok();
  }

  // Creates the copy of `task`; `replaces` is the id of a copy deleted by hand.
  Status CopyTask(const json& task, const std::optional<std::string>& replaces) {
    std::string task_id = task.value("id", "");
    CopyOptions options = base_options_;
    options.deleted_at_source = deleted_.count(task_id) > 0;

    std::string parent = ParentOf(task);
    if (!parent.empty()) {
      // Parents come first, so a parent of this sprint without a copy failed.
      auto parent_copy = copies_.find(parent);
      if (parent_copy != copies_.end()) {
        options.parent_copy_id = parent_copy->second;
      } else if (planned_.count(parent)) {
        options.parent_copy_id = "(copy of " + parent + ")";
      } else if (InSprint(parent)) {
        Fail(task_id, "its parent " + parent + " was not copied; a rerun copies both");
        return Status::Ok();
      }
    }

    TaskCopy copy = BuildTaskCopy(task, history_.target, options);
    if (!parent.empty() && options.parent_copy_id.empty()) {
      copy.dropped.push_back("its parent " + parent + " is not in this sprint, so the copy is a "
                             "top-level task");
    }
    std::string verb = replaces ? "recreate" : "copy";
    std::string name = copy.body.value("name", "");
    for (const auto& reason : copy.dropped) {
      summary_.dropped.push_back(task_id + ": " + reason);
      Item("dropped", task_id, reason);
    }

    if (options_.dry_run) {
      planned_.insert(task_id);
      replaces ? ++summary_.recreated : ++summary_.copied;
      Item(verb, task_id, "\"" + name + "\"" + (replaces ? " (copy " + *replaces + " is gone)" : ""));
      return Status::Ok();
    }

    std::string path = "/v2/list/" + history_.list_id + "/task";
    auto created = SendJson(client_, {"POST", path, "", BodyText(copy.body)});
    if (!created.ok()) {
      Fail(task_id, created.status().message());
      return Status::Ok();
    }
    std::string copy_id = created->value("id", "");
    if (copy_id.empty()) {
      Fail(task_id, "clickup POST " + path + " returned no task id");
      return Status::Ok();
    }
    // Recorded at once, so a run stopped after this task resumes with the next.
    SPRINTETL_RETURN_IF_ERROR(RecordCopy(task_id, copy_id, replaces.has_value()));
    copies_[task_id] = copy_id;
    replaces ? ++summary_.recreated : ++summary_.copied;
    Item(verb, task_id, "\"" + name + "\" as " + copy_id);

    FinishChecklists(task_id, copy_id, copy, json::array());
    return Status::Ok();
  }

  bool InSprint(const std::string& task_id) {
    if (sprint_ids_.empty()) {
      for (const auto& task : sprint_.tasks) sprint_ids_.insert(task.value("id", ""));
      for (const auto& id : sprint_.unplaced) sprint_ids_.insert(id);
    }
    return sprint_ids_.count(task_id) > 0;
  }

  void FinishChecklists(const std::string& task_id, const std::string& copy_id,
                        const TaskCopy& copy, const json& existing) {
    if (copy.checklists.empty()) return;
    std::vector<std::string> dropped;
    ChecklistCounts counts;
    Status synced = SyncChecklists(client_, copy_id, copy.checklists, existing, dropped, counts);
    summary_.checklists += counts.checklists;
    summary_.checklist_items += counts.items;
    for (const auto& reason : dropped) {
      summary_.dropped.push_back(task_id + ": " + reason);
      Item("dropped", task_id, reason);
    }
    if (!synced.ok()) {
      Fail(task_id, "copied as " + copy_id + " but its checklists are incomplete (a rerun "
                    "finishes them): " + synced.message());
    }
  }

  Status RecordCopy(const std::string& task_id, const std::string& copy_id, bool replaces) {
    std::string now = warehouse::QuoteLiteral(FormatUtcSeconds(std::chrono::system_clock::now()));
    std::string task = warehouse::QuoteLiteral(task_id);
    std::string sprint = warehouse::QuoteLiteral(sprint_.sprint_id);
    std::string copy = warehouse::QuoteLiteral(copy_id);
    std::string sql =
        replaces ? "UPDATE archive_map SET copy_task_id = " + copy + ", copied_at = " + now +
                       " WHERE task_id = " + task + " AND sprint_id = " + sprint
                 : "INSERT INTO archive_map (task_id, sprint_id, copy_task_id, copied_at) "
                   "VALUES (" + task + ", " + sprint + ", " + copy + ", " + now + ")";
    Status written = warehouse_.Execute(sql);
    if (!written.ok()) {
      return written.WithContext("task " + task_id + " was copied as " + copy_id + " but "
                                 "archive_map was not updated; delete that copy in ClickUp "
                                 "before the next run, or it is copied twice");
    }
    return Status::Ok();
  }

  const config::Config& config_;
  http::HttpClient& client_;
  warehouse::Warehouse& warehouse_;
  const SprintSource& sprint_;
  const ArchiveOptions& options_;
  ArchiveSummary& summary_;

  HistoryList history_;
  CopyOptions base_options_;
  std::map<std::string, std::string> copies_;  // source task id -> copy id
  std::set<std::string> planned_;              // dry run: tasks that would be copied
  std::set<std::string> deleted_;              // deleted at the source after extraction
  std::set<std::string> sprint_ids_;           // every landed task id of the sprint
};

}  // namespace

Result<ArchiveSummary> ArchiveSprint(const config::Config& config, http::HttpClient& clickup,
                                     warehouse::Warehouse& warehouse,
                                     const landing::RunFolder& run, const std::string& sprint_id,
                                     const ArchiveOptions& options) {
  auto logger = log::Get("archive");
  auto started = std::chrono::steady_clock::now();

  SPRINTETL_ASSIGN_OR_RETURN(SprintSource sprint,
                             ReadSprintSource(run, sprint_id, config.clickup.team_id));
  ArchiveSummary summary;
  summary.dry_run = options.dry_run;
  SprintArchiver archiver(config, clickup, warehouse, sprint, options, summary);
  SPRINTETL_RETURN_IF_ERROR(archiver.Run());

  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  logger->info("archive.done sprint={} list={} dry_run={} tasks={} copied={} already_copied={} "
               "recreated={} failed={} dropped={} deleted_at_source={} ms={}",
               sprint_id, summary.list_id, options.dry_run, summary.tasks, summary.copied,
               summary.already_copied, summary.recreated, summary.failed.size(),
               summary.dropped.size(), summary.deleted_at_source.size(), ms);
  return summary;
}

std::string NotCopiedMessage(const ArchiveSummary& summary, size_t max_ids) {
  if (summary.failed_ids.empty()) return "";
  size_t count = summary.failed_ids.size();
  std::string ids;
  for (size_t i = 0; i < count && i < max_ids; ++i) {
    ids += (i == 0 ? "" : ", ") + summary.failed_ids[i];
  }
  if (count > max_ids) ids += " and " + std::to_string(count - max_ids) + " more";
  std::string first = summary.failed.front();
  if (first.size() > 300) first = first.substr(0, 300) + "...";
  return std::to_string(count) + (count == 1 ? " task was" : " tasks were") +
         " not copied to Sprint History: " + ids + "; first error: " + first;
}

}  // namespace sprintetl::archive
