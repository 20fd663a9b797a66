#include "transform/task_rows.h"

#include <map>
#include <set>

#include "transform/json_fields.h"
#include "transform/task_fields.h"

namespace sprintetl::transform {
namespace {

// A task as seen across the list pages.
struct TaskOccurrences {
  const LandingPage* page = nullptr;  // the page whose copy the row is built from
  const nlohmann::json* task = nullptr;
  long long updated_ms = 0;           // date_updated of that copy
  std::vector<std::pair<std::string, std::string>> lists;  // list id, source page
  std::vector<long long> list_updated_ms;  // date_updated of the copy behind each lists entry
};

// The list a tasks page belongs to: its context, else the id in
// /v2/list/{id}/task.
std::optional<std::string> PageListId(const landing::PageRecord& record) {
  auto context = record.context.find("list_id");
  if (context != record.context.end()) return context->second;
  const std::string prefix = "/v2/list/";
  if (record.endpoint.rfind(prefix, 0) != 0) return std::nullopt;
  size_t end = record.endpoint.find('/', prefix.size());
  return record.endpoint.substr(prefix.size(), end - prefix.size());
}

std::optional<int> PriorityOf(const nlohmann::json& task) {
  const nlohmann::json* priority = Member(task, "priority");
  if (priority == nullptr) return std::nullopt;
  if (!priority->is_object()) {
    std::optional<long long> plain = IntegerOf(priority);
    return plain ? std::optional<int>(static_cast<int>(*plain)) : std::nullopt;
  }
  std::optional<long long> level = IntegerOf(Member(*priority, "orderindex"));
  if (!level) level = IntegerOf(Member(*priority, "id"));
  return level ? std::optional<int>(static_cast<int>(*level)) : std::nullopt;
}

std::vector<std::string> TextsOf(const nlohmann::json& task, std::string_view array_key,
                                 std::string_view item_key) {
  std::vector<std::string> texts;
  const nlohmann::json* items = Member(task, array_key);
  if (items == nullptr || !items->is_array()) return texts;
  for (const nlohmann::json& item : *items) {
    std::optional<std::string> text = TextOf(Member(item, item_key));
    if (text) texts.push_back(*text);
  }
  return texts;
}

// Ids of the lists the run landed; empty when it landed no clickup.lists page.
Result<std::set<std::string>> LandedListIds(const LandingPages& pages) {
  std::set<std::string> ids;
  for (const LandingPage& page : pages.OfKind("clickup.lists")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* lists, PageArray(page, "lists"));
    for (const nlohmann::json& list : *lists) {
      std::optional<std::string> id = TextOf(Member(list, "id"));
      if (id) ids.insert(*id);
    }
  }
  return ids;
}

// True when the task's home list or one of its other lists is in `known_lists`, or when
// nothing is known about lists.
bool InKnownList(const nlohmann::json& task, const std::set<std::string>& known_lists) {
  if (known_lists.empty()) return true;
  std::optional<std::string> home = TextOf(Member(task, "list", "id"));
  if (home && known_lists.count(*home) > 0) return true;
  for (const std::string& location : TextsOf(task, "locations", "id")) {
    if (known_lists.count(location) > 0) return true;
  }
  return false;
}

// Drops list memberships seen only on copies older than the one the row is built from: the
// task has since changed, and its newer copy's home list and locations show where it is now.
void DropOutdatedLists(TaskOccurrences& seen) {
  std::vector<std::pair<std::string, std::string>> current;
  for (size_t i = 0; i < seen.lists.size(); ++i) {
    if (seen.list_updated_ms[i] >= seen.updated_ms) current.push_back(seen.lists[i]);
  }
  seen.lists = std::move(current);
}

class TaskRowBuilder {
 public:
  TaskRowBuilder(const TaskRowContext& context, TaskFieldReader& field_reader, StageRows& rows)
      : context_(context), field_reader_(field_reader), rows_(rows) {}

  TaskInfo Build(const std::string& task_id, const TaskOccurrences& seen);

  // Tasks per customer value that matched no company.
  const std::map<std::string, std::vector<std::string>>& unmatched() const { return unmatched_; }

 private:
  void ReadCustomer(const TaskField& field, const std::string& task_id,
                    std::optional<std::string>& raw, std::optional<std::string>& id);
  std::vector<std::string> ServiceIds(const TaskField& field) const;
  void AppendListRows(const std::string& task_id, const TaskOccurrences& seen,
                      const std::optional<std::string>& home_list_id);

  const TaskRowContext& context_;
  TaskFieldReader& field_reader_;
  StageRows& rows_;
  std::map<std::string, std::vector<std::string>> unmatched_;
};

void TaskRowBuilder::ReadCustomer(const TaskField& field, const std::string& task_id,
                                  std::optional<std::string>& raw, std::optional<std::string>& id) {
  // The drop-down's option name, or the text of a text field; a value that
  // matches no option shows as its raw JSON.
  raw = field.value.text ? field.value.text : TextOf(&field.value.raw);
  if (!raw) raw = field.value.raw.dump();

  if (context_.config.clickup.customer_match == config::CustomerMatch::kCompanyId) {
    std::string trimmed = *raw;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(trimmed.begin());
    id = context_.companies.ResolveId(trimmed);
  } else {
    id = context_.companies.MatchName(*raw);
  }
  if (!id) unmatched_[*raw].push_back(task_id);
}

std::vector<std::string> TaskRowBuilder::ServiceIds(const TaskField& field) const {
  std::vector<std::string> labels;
  if (field.value.list) labels = *field.value.list;
  if (field.value.text) labels.push_back(*field.value.text);

  std::vector<std::string> ids;
  for (const std::string& label : labels) {
    std::string id = config::ServiceIdForLabel(context_.config, label);
    bool known = false;
    for (const std::string& existing : ids) known = known || existing == id;
    if (!known) ids.push_back(id);
  }
  return ids;
}

void TaskRowBuilder::AppendListRows(const std::string& task_id, const TaskOccurrences& seen,
                                    const std::optional<std::string>& home_list_id) {
  std::vector<std::pair<std::string, std::string>> lists = seen.lists;
  if (home_list_id) lists.emplace_back(*home_list_id, seen.page->record.file);
  // `locations` names the lists besides the home list that hold the task.
  for (const std::string& location : TextsOf(*seen.task, "locations", "id")) {
    lists.emplace_back(location, seen.page->record.file);
  }

  std::set<std::string> written;
  for (const auto& [list_id, source_page] : lists) {
    if (!written.insert(list_id).second) continue;
    rows_["stg_task_list"].push_back({
        {"source_page", source_page},
        {"task_id", task_id},
        {"list_id", list_id},
        {"is_home", home_list_id == list_id},
    });
  }
}

TaskInfo TaskRowBuilder::Build(const std::string& task_id, const TaskOccurrences& seen) {
  const nlohmann::json& task = *seen.task;
  const std::string& source_page = seen.page->record.file;
  const config::ClickUp& clickup = context_.config.clickup;

  TaskInfo info;
  info.task_id = task_id;
  std::vector<TaskField> fields =
      field_reader_.ReadTask(task_id, task, source_page, rows_["stg_task_field"]);
  std::optional<std::string> customer_raw;
  std::optional<std::string> customer_id;
  for (const TaskField& field : fields) {
    if (AsciiLower(field.definition.name) == AsciiLower(clickup.customer_field)) {
      ReadCustomer(field, task_id, customer_raw, customer_id);
    } else if (AsciiLower(field.definition.name) == AsciiLower(clickup.service_field)) {
      info.service_ids = ServiceIds(field);
    }
  }
  info.customer_id = customer_id;

  TaskTraits traits;
  traits.name = TextOf(Member(task, "name")).value_or("");
  const nlohmann::json* status = Member(task, "status");
  traits.status = status && status->is_string()
                      ? status->get<std::string>()
                      : TextOf(Member(task, "status", "status")).value_or("");
  traits.status_type = TextOf(Member(task, "status", "type")).value_or("");
  traits.tags = TextsOf(task, "tags", "name");
  info.status_type = traits.status_type;

  std::vector<std::string> assignee_ids = TextsOf(task, "assignees", "id");
  std::optional<std::string> squad_id;
  for (const std::string& assignee : assignee_ids) {
    auto squad = context_.squad_of_member.find(assignee);
    if (squad != context_.squad_of_member.end()) {
      squad_id = squad->second;
      break;
    }
  }

  info.points = NumberOf(Member(task, "points"));
  info.done_at = MillisTimeOf(Member(task, "date_done"));
  info.closed_at = MillisTimeOf(Member(task, "date_closed"));
  std::optional<UtcTime> due_at = MillisTimeOf(Member(task, "due_date"));
  std::optional<date::year_month_day> due_date;
  std::optional<bool> due_has_time;
  if (due_at) {
    // The calendar day the user sees in the workspace zone, not the UTC day.
    due_date = context_.zone.LocalDate(*due_at);
    due_has_time = DueHasTime(*due_at, BoolOf(Member(task, "due_date_time")), context_.zone);
  }
  std::optional<std::string> home_list_id = TextOf(Member(task, "list", "id"));

  rows_["stg_task"].push_back({
      {"source_page", source_page},
      {"task_id", task_id},
      {"custom_id", JsonOrNull(TextOf(Member(task, "custom_id")))},
      {"name", traits.name},
      {"parent_task_id", JsonOrNull(TextOf(Member(task, "parent")))},
      {"home_list_id", JsonOrNull(home_list_id)},
      {"space_id", JsonOrNull(TextOf(Member(task, "space", "id")))},
      {"status", traits.status},
      {"status_type", traits.status_type},
      {"status_label", context_.labeler.StatusLabel(traits.status)},
      {"category", context_.labeler.Category(traits)},
      {"priority", JsonOrNull(PriorityOf(task))},
      {"customer_raw", JsonOrNull(customer_raw)},
      {"customer_id", JsonOrNull(customer_id)},
      {"assignee_squad_id", JsonOrNull(squad_id)},
      {"points", JsonOrNull(info.points)},
      {"time_estimate_ms", JsonOrNull(IntegerOf(Member(task, "time_estimate")))},
      {"time_spent_ms", JsonOrNull(IntegerOf(Member(task, "time_spent")))},
      {"created_at", TimeOrNull(MillisTimeOf(Member(task, "date_created")))},
      {"updated_at", TimeOrNull(MillisTimeOf(Member(task, "date_updated")))},
      {"start_at", TimeOrNull(MillisTimeOf(Member(task, "start_date")))},
      {"due_at", TimeOrNull(due_at)},
      {"due_date", DateOrNull(due_date)},
      {"due_has_time", JsonOrNull(due_has_time)},
      {"done_at", TimeOrNull(info.done_at)},
      {"closed_at", TimeOrNull(info.closed_at)},
      {"is_archived", JsonOrNull(BoolOf(Member(task, "archived")))},
      {"url", JsonOrNull(TextOf(Member(task, "url")))},
      {"assignee_ids", assignee_ids},
      {"tags", traits.tags},
      {"service_ids", info.service_ids},
  });
  AppendListRows(task_id, seen, home_list_id);
  return info;
}

std::string UnmatchedCustomerWarning(const std::map<std::string, std::vector<std::string>>& tasks) {
  size_t count = 0;
  std::string listing;
  for (const auto& [customer, task_ids] : tasks) {
    count += task_ids.size();
    std::string ids;
    for (const std::string& id : task_ids) ids += (ids.empty() ? "" : ", ") + id;
    listing += (listing.empty() ? "" : "; ") + ("'" + customer + "' (" + ids + ")");
  }
  return std::to_string(count) + (count == 1 ? " task has" : " tasks have") +
         " a customer that matches no HubSpot company: " + listing;
}

}  // namespace

bool DueHasTime(UtcTime due_at, std::optional<bool> due_date_time, const WorkspaceZone& zone) {
  if (due_date_time) return *due_date_time;
  // Task payloads omit the flag; 04:00:00.000 local is where ClickUp puts a
  // date-only due date, so a due time of exactly 04:00 reads as date-only.
  return zone.LocalTimeOfDay(due_at) != std::chrono::hours(4);
}

Result<std::vector<TaskInfo>> BuildTaskRows(const LandingPages& pages,
                                            const TaskRowContext& context, StageRows& rows,
                                            WarningList& warnings) {
  SPRINTETL_ASSIGN_OR_RETURN(TaskFieldReader field_reader, TaskFieldReader::Create(pages));

  SPRINTETL_ASSIGN_OR_RETURN(std::set<std::string> known_lists, LandedListIds(pages));
  std::vector<std::string> order;
  std::map<std::string, TaskOccurrences> tasks;
  for (const LandingPage& page : pages.OfKind("clickup.tasks")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* page_tasks, PageArray(page, "tasks"));
    std::optional<std::string> page_list = PageListId(page.record);
    for (const nlohmann::json& task : *page_tasks) {
      std::optional<std::string> id = TextOf(Member(task, "id"));
      if (!task.is_object() || !id) return ShapeError(page.record, "a task has no \"id\"");
      // Workspace-wide pages also return tasks of folders the run skips (Sprint History).
      if (!page_list && !InKnownList(task, known_lists)) continue;

      auto [entry, inserted] = tasks.try_emplace(*id);
      TaskOccurrences& seen = entry->second;
      if (inserted) order.push_back(*id);
      // The newest copy wins, so an incremental run's changed task replaces the carried one.
      // Among copies of the same age, the last one from the home list's pages is used.
      long long updated = IntegerOf(Member(task, "date_updated")).value_or(0);
      bool from_home = page_list && TextOf(Member(task, "list", "id")) == page_list;
      if (seen.page == nullptr || updated > seen.updated_ms ||
          (updated == seen.updated_ms && from_home)) {
        seen.page = &page;
        seen.task = &task;
        seen.updated_ms = updated;
      }
      if (page_list) {
        seen.lists.emplace_back(*page_list, page.record.file);
        seen.list_updated_ms.push_back(updated);
      }
    }
  }

  TaskRowBuilder builder(context, field_reader, rows);
  std::vector<TaskInfo> result;
  for (const std::string& id : order) {
    TaskOccurrences& seen = tasks[id];
    DropOutdatedLists(seen);
    result.push_back(builder.Build(id, seen));
  }

  if (!builder.unmatched().empty()) warnings.Add(UnmatchedCustomerWarning(builder.unmatched()));
  field_reader.AddWarnings(warnings);
  return result;
}

}  // namespace sprintetl::transform
