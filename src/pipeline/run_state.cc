#include "pipeline/run_state.h"

#include "core/time_format.h"

namespace sprintetl::pipeline {
namespace {

using warehouse::QuoteLiteral;

constexpr const char* kColumns =
    "run_id, CAST(started_at AS VARCHAR), CAST(finished_at AS VARCHAR), status, "
    "CAST(run_clock AS VARCHAR), sprint_id, sprint_name, CAST(sprint_end_date AS VARCHAR), "
    "landing_path, warnings, message";

std::string Now() { return QuoteLiteral(FormatUtcMillis(std::chrono::system_clock::now())); }

std::vector<RunStateRow> RowsOf(const warehouse::QueryResult& result) {
  std::vector<RunStateRow> rows;
  for (const auto& r : result.rows) {
    RunStateRow row;
    row.run_id = r[0].value_or("");
    row.started_at = r[1].value_or("");
    row.finished_at = r[2].value_or("");
    row.status = r[3].value_or("");
    row.run_clock = r[4].value_or("");
    row.sprint_id = r[5].value_or("");
    row.sprint_name = r[6].value_or("");
    row.sprint_end_date = r[7].value_or("");
    row.landing_path = r[8].value_or("");
    row.warnings = r[9] ? std::stoll(*r[9]) : 0;
    row.message = r[10].value_or("");
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<RunStateRow>> Select(warehouse::Warehouse& warehouse, const std::string& tail) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result, warehouse.Query(std::string("SELECT ") + kColumns + " FROM run_state " + tail));
  return RowsOf(result);
}

Result<std::optional<RunStateRow>> First(Result<std::vector<RunStateRow>> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<RunStateRow>();
  return std::optional<RunStateRow>(rows->front());
}

}  // namespace

Status InsertRunState(warehouse::Warehouse& warehouse, const std::string& run_id,
                      std::chrono::system_clock::time_point run_clock,
                      const std::string& landing_path) {
  return warehouse.Execute(
      "INSERT INTO run_state (run_id, started_at, status, run_clock, landing_path, warnings) "
      "VALUES (" + QuoteLiteral(run_id) + ", " + Now() + ", " + QuoteLiteral(kRunRunning) + ", " +
      QuoteLiteral(FormatUtcMillis(run_clock)) + ", " + QuoteLiteral(landing_path) + ", 0)");
}

Status ReopenRunState(warehouse::Warehouse& warehouse, const std::string& run_id) {
  return warehouse.Execute("UPDATE run_state SET status = " + QuoteLiteral(kRunRunning) +
                           ", finished_at = NULL, message = NULL WHERE run_id = " +
                           QuoteLiteral(run_id));
}

Status UpdateRunSprint(warehouse::Warehouse& warehouse, const std::string& run_id,
                       const SprintChoice& sprint, long long warnings) {
  std::string end_date = sprint.end_date.empty() ? "NULL" : QuoteLiteral(sprint.end_date);
  return warehouse.Execute(
      "UPDATE run_state SET sprint_id = " + QuoteLiteral(sprint.sprint_id) +
      ", sprint_name = " + QuoteLiteral(sprint.name) + ", sprint_end_date = " + end_date +
      ", warnings = " + std::to_string(warnings) + " WHERE run_id = " + QuoteLiteral(run_id));
}

Status FinishRunState(warehouse::Warehouse& warehouse, const std::string& run_id,
                      const std::string& status, const std::string& message) {
  return warehouse.Execute("UPDATE run_state SET status = " + QuoteLiteral(status) +
                           ", finished_at = " + Now() + ", message = " +
                           QuoteLiteral(message.substr(0, 2000)) +
                           " WHERE run_id = " + QuoteLiteral(run_id));
}

Result<std::set<std::string>> ClosedSprintIds(warehouse::Warehouse& warehouse) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result, warehouse.Query("SELECT DISTINCT sprint_id FROM run_state WHERE status = " +
                                   QuoteLiteral(kRunOk) + " AND sprint_id IS NOT NULL"));
  std::set<std::string> ids;
  for (const auto& row : result.rows) ids.insert(row[0].value_or(""));
  return ids;
}

Result<std::optional<RunStateRow>> FindRunState(warehouse::Warehouse& warehouse,
                                                const std::string& run_id) {
  return First(Select(warehouse, "WHERE run_id = " + QuoteLiteral(run_id)));
}

Result<std::optional<RunStateRow>> LatestUnfinishedRun(warehouse::Warehouse& warehouse) {
  return First(Select(warehouse, "WHERE status <> " + QuoteLiteral(kRunOk) +
                                     " ORDER BY started_at DESC, run_id DESC LIMIT 1"));
}

Result<std::vector<RunStateRow>> RecentRuns(warehouse::Warehouse& warehouse, int limit) {
  return Select(warehouse,
                "ORDER BY started_at DESC, run_id DESC LIMIT " + std::to_string(limit));
}

Result<std::set<std::string>> RunIdsWithStatus(warehouse::Warehouse& warehouse,
                                               const std::string& status) {
  SPRINTETL_ASSIGN_OR_RETURN(auto result, warehouse.Query("SELECT run_id FROM run_state WHERE "
                                                          "status = " + QuoteLiteral(status)));
  std::set<std::string> ids;
  for (const auto& row : result.rows) ids.insert(row[0].value_or(""));
  return ids;
}

Result<std::set<std::string>> FinishedSteps(warehouse::Warehouse& warehouse,
                                            const std::string& run_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result, warehouse.Query("SELECT DISTINCT step FROM run_log WHERE status = 'ok' AND "
                                   "run_id = " + QuoteLiteral(run_id)));
  std::set<std::string> steps;
  for (const auto& row : result.rows) steps.insert(row[0].value_or(""));
  return steps;
}

}  // namespace sprintetl::pipeline
