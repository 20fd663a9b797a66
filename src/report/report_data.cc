#include "report/report_data.h"

#include <algorithm>
#include <ctime>
#include <set>
#include <tuple>
#include <utility>

#include "core/log.h"
#include "report/sprint_detail_reader.h"
#include "report/view_reader.h"

namespace sprintetl::report {

namespace {

using SprintKey = std::pair<long long, std::string>;  // sprint_number, sprint_id

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M", &utc);
  return text;
}

Result<std::vector<VelocityRow>> ReadVelocity(warehouse::Warehouse& wh) {
  SPRINTETL_ASSIGN_OR_RETURN(
      ViewRows view, ViewRows::Read(wh, "rpt_velocity",
                                    {"sprint_id", "sprint_name", "sprint_number", "sprint_end_date",
                                     "squad_id", "squad_name", "points_committed", "points_done",
                                     "tasks_done", "tasks_total", "points_done_without_customer"},
                                    std::nullopt));
  std::vector<VelocityRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    VelocityRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.sprint_name = view.Text(i, "sprint_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.sprint_number, view.WholeNumber(i, "sprint_number"));
    // Only the date part matters, whether the backend prints a DATE or a TIMESTAMP.
    row.sprint_end_date = view.Text(i, "sprint_end_date").substr(0, 10);
    row.squad_id = view.Text(i, "squad_id");
    row.squad_name = view.Text(i, "squad_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.points_committed, view.Number(i, "points_committed"));
    SPRINTETL_ASSIGN_OR_RETURN(row.points_done, view.Number(i, "points_done"));
    SPRINTETL_ASSIGN_OR_RETURN(row.tasks_done, view.Number(i, "tasks_done"));
    SPRINTETL_ASSIGN_OR_RETURN(row.tasks_total, view.Number(i, "tasks_total"));
    SPRINTETL_ASSIGN_OR_RETURN(row.points_done_without_customer,
                               view.Number(i, "points_done_without_customer"));
  }
  return rows;
}

Result<std::vector<ThroughputRow>> ReadThroughput(warehouse::Warehouse& wh) {
  SPRINTETL_ASSIGN_OR_RETURN(
      ViewRows view, ViewRows::Read(wh, "rpt_throughput",
                                    {"sprint_id", "sprint_name", "sprint_number", "squad_id",
                                     "squad_name", "tasks_done", "tasks_total"},
                                    std::nullopt));
  std::vector<ThroughputRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    ThroughputRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.sprint_name = view.Text(i, "sprint_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.sprint_number, view.WholeNumber(i, "sprint_number"));
    row.squad_id = view.Text(i, "squad_id");
    row.squad_name = view.Text(i, "squad_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.tasks_done, view.Number(i, "tasks_done"));
    SPRINTETL_ASSIGN_OR_RETURN(row.tasks_total, view.Number(i, "tasks_total"));
  }
  return rows;
}

Result<std::vector<CarryOverRow>> ReadCarryOver(warehouse::Warehouse& wh,
                                                const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      ViewRows view,
      ViewRows::Read(wh, "rpt_carry_over",
                     {"sprint_id", "sprint_name", "sprint_number", "squad_id", "squad_name",
                      "task_id", "task_name", "status_label", "points"},
                     sprint_id));
  std::vector<CarryOverRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    CarryOverRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.sprint_name = view.Text(i, "sprint_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.sprint_number, view.WholeNumber(i, "sprint_number"));
    row.squad_id = view.Text(i, "squad_id");
    row.squad_name = view.Text(i, "squad_name");
    row.task_id = view.Text(i, "task_id");
    row.task_name = view.Text(i, "task_name");
    row.status_label = view.Text(i, "status_label");
    SPRINTETL_ASSIGN_OR_RETURN(row.points, view.Number(i, "points"));
  }
  return rows;
}

Result<std::vector<CustomerServiceRow>> ReadCustomerService(warehouse::Warehouse& wh,
                                                            const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      ViewRows view, ViewRows::Read(wh, "rpt_customer_service",
                                    {"sprint_id", "sprint_name", "sprint_number", "customer_id",
                                     "customer_name", "squad_id", "service_id", "service_name",
                                     "contract_value", "recurring_revenue", "contracted_points",
                                     "delivered_points", "points_balance"},
                                    sprint_id));
  std::vector<CustomerServiceRow> rows(view.size());
  for (size_t i = 0; i < view.size(); ++i) {
    CustomerServiceRow& row = rows[i];
    row.sprint_id = view.Text(i, "sprint_id");
    row.sprint_name = view.Text(i, "sprint_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.sprint_number, view.WholeNumber(i, "sprint_number"));
    row.customer_id = view.Text(i, "customer_id");
    row.customer_name = view.Text(i, "customer_name");
    row.squad_id = view.Text(i, "squad_id");
    row.service_id = view.Text(i, "service_id");
    row.service_name = view.Text(i, "service_name");
    SPRINTETL_ASSIGN_OR_RETURN(row.contract_value, view.Number(i, "contract_value"));
    SPRINTETL_ASSIGN_OR_RETURN(row.recurring_revenue, view.Number(i, "recurring_revenue"));
    SPRINTETL_ASSIGN_OR_RETURN(row.contracted_points, view.Number(i, "contracted_points"));
    SPRINTETL_ASSIGN_OR_RETURN(row.delivered_points, view.Number(i, "delivered_points"));
    SPRINTETL_ASSIGN_OR_RETURN(row.points_balance, view.Number(i, "points_balance"));
  }
  return rows;
}

// Copies the sprint's name and number from the rows that belong to it.
// Returns whether any row belongs to it.
template <typename Row>
bool TakeSprintIdentity(const std::vector<Row>& rows, ReportData& data) {
  bool found = false;
  for (const Row& row : rows) {
    if (row.sprint_id != data.sprint_id) continue;
    found = true;
    if (data.sprint_name.empty()) data.sprint_name = row.sprint_name;
    if (!data.sprint_number.has_value()) data.sprint_number = row.sprint_number;
  }
  return found;
}

// Collects the numbered sprints of `rows` up to and including the report's sprint.
template <typename Row>
void CollectEarlierSprints(const std::vector<Row>& rows, long long last_number,
                           std::set<SprintKey>& sprints) {
  for (const Row& row : rows) {
    if (row.sprint_number.has_value() && *row.sprint_number <= last_number) {
      sprints.emplace(*row.sprint_number, row.sprint_id);
    }
  }
}

// Keeps the rows of the sprints in `shown` and orders them by sprint, then squad.
template <typename Row>
void KeepShownSprints(std::vector<Row>& rows, const std::set<std::string>& shown) {
  std::erase_if(rows, [&](const Row& row) { return shown.count(row.sprint_id) == 0; });
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.sprint_number, a.sprint_id, a.squad_name, a.squad_id) <
           std::tie(b.sprint_number, b.sprint_id, b.squad_name, b.squad_id);
  });
}

// Returns the ids of the last `sprints_shown` sprints by number, ending at the
// report's sprint. Sprints without a number cannot be ordered, so only the
// report's own sprint is shown when it has none.
std::set<std::string> ShownSprintIds(const ReportData& data, int sprints_shown) {
  std::set<std::string> shown = {data.sprint_id};
  if (!data.sprint_number.has_value()) return shown;

  std::set<SprintKey> sprints = {{*data.sprint_number, data.sprint_id}};
  CollectEarlierSprints(data.velocity, *data.sprint_number, sprints);
  CollectEarlierSprints(data.throughput, *data.sprint_number, sprints);
  auto it = sprints.rbegin();
  for (int i = 0; i < sprints_shown && it != sprints.rend(); ++i, ++it) shown.insert(it->second);
  return shown;
}

}  // namespace

const std::vector<std::string>& ReportViewNames() {
  static const std::vector<std::string> kNames = {
      "rpt_velocity",        "rpt_throughput",  "rpt_status_mix",  "rpt_customer_service",
      "rpt_customer_change", "rpt_carry_over", "rpt_sprint_task"};
  return kNames;
}

Result<ReportData> ReadReportData(warehouse::Warehouse& wh, const std::string& sprint_id,
                                  int sprints_shown) {
  if (sprint_id.empty()) return InvalidArgument("report sprint id is empty; pass a sprint id");
  if (sprints_shown < 1) {
    return InvalidArgument("sprints shown in the report is " + std::to_string(sprints_shown) +
                           "; use 1 or more");
  }

  ReportData data;
  data.sprint_id = sprint_id;
  data.generated_at = UtcNow();
  SPRINTETL_ASSIGN_OR_RETURN(data.velocity, ReadVelocity(wh));
  SPRINTETL_ASSIGN_OR_RETURN(data.throughput, ReadThroughput(wh));
  SPRINTETL_ASSIGN_OR_RETURN(data.carry_over, ReadCarryOver(wh, sprint_id));
  SPRINTETL_ASSIGN_OR_RETURN(data.customer_service, ReadCustomerService(wh, sprint_id));
  SPRINTETL_ASSIGN_OR_RETURN(data.status_mix, ReadStatusMix(wh, sprint_id));
  SPRINTETL_ASSIGN_OR_RETURN(data.tasks, ReadSprintTasks(wh, sprint_id));
  SPRINTETL_ASSIGN_OR_RETURN(data.customer_changes, ReadCustomerChanges(wh, sprint_id));

  bool found = TakeSprintIdentity(data.velocity, data);
  found = TakeSprintIdentity(data.throughput, data) || found;
  found = TakeSprintIdentity(data.carry_over, data) || found;
  found = TakeSprintIdentity(data.customer_service, data) || found;
  found = found || !data.tasks.empty() || !data.customer_changes.empty();
  if (!found) {
    // An ended sprint can hold no tasks, but a mistyped id looks the same here.
    log::Get("report")->warn("report.empty_sprint sprint={} no rpt_* view has rows for it",
                             sprint_id);
  }
  // A sprint with no rows in the views (not ended yet, or empty) still has its name in
  // dim_sprint, which reads better in the title than the list id.
  if (data.sprint_name.empty()) {
    Result<warehouse::QueryResult> named = wh.Query(
        "SELECT name FROM dim_sprint WHERE sprint_id = " + warehouse::QuoteLiteral(sprint_id));
    if (named.ok() && !named->rows.empty() && named->rows[0][0].has_value()) {
      data.sprint_name = *named->rows[0][0];
    }
  }
  if (data.sprint_name.empty()) data.sprint_name = sprint_id;
  data.title = "Sprint report: " + data.sprint_name;

  std::set<std::string> shown = ShownSprintIds(data, sprints_shown);
  KeepShownSprints(data.velocity, shown);
  KeepShownSprints(data.throughput, shown);

  log::Get("report")->info(
      "report.read sprint={} sprints_shown={} velocity_rows={} throughput_rows={} "
      "carry_over_rows={} customer_service_rows={} status_mix_rows={} task_rows={} "
      "customer_change_rows={}",
      sprint_id, shown.size(), data.velocity.size(), data.throughput.size(), data.carry_over.size(),
      data.customer_service.size(), data.status_mix.size(), data.tasks.size(),
      data.customer_changes.size());
  return data;
}

}  // namespace sprintetl::report
