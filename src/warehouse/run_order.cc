#include "warehouse/run_order.h"

namespace sprintetl::warehouse {

Status CheckRunOrder(Warehouse& warehouse, const ModelParams& params) {
  SPRINTETL_ASSIGN_OR_RETURN(
      QueryResult newer,
      warehouse.Query("SELECT run_id, CAST(snapshot_at AS STRING) FROM applied_run "
                      "WHERE run_id <> " + QuoteLiteral(params.run_id) +
                      " AND snapshot_at > CAST(" + QuoteLiteral(params.snapshot_at) +
                      " AS TIMESTAMP) ORDER BY snapshot_at DESC, run_id DESC LIMIT 1"));
  if (newer.rows.empty()) return Status::Ok();

  const std::string newer_run = newer.rows[0][0].value_or("?");
  const std::string newer_at = newer.rows[0][1].value_or("?");
  return FailedPrecondition(
      "run " + params.run_id + " has snapshot " + params.snapshot_at +
      ", older than run " + newer_run + " (snapshot " + newer_at +
      ") which is already applied; history is appended in time order only, so late data "
      "cannot be applied after newer data. Nothing was changed; start a new run to load the "
      "current state");
}

Status RecordAppliedRun(Warehouse& warehouse, const ModelParams& params) {
  const std::string run = QuoteLiteral(params.run_id);
  SPRINTETL_RETURN_IF_ERROR(warehouse.Execute("DELETE FROM applied_run WHERE run_id = " + run));
  return warehouse.Execute(
      "INSERT INTO applied_run (run_id, sprint_id, snapshot_at, timezone, applied_at) VALUES (" +
      run + ", " + QuoteLiteral(params.sprint_id) + ", CAST(" +
      QuoteLiteral(params.snapshot_at) + " AS TIMESTAMP), " + QuoteLiteral(params.timezone) +
      ", CAST(CURRENT_TIMESTAMP AS TIMESTAMP))");
}

Result<std::optional<ModelParams>> LatestAppliedRun(Warehouse& warehouse) {
  SPRINTETL_ASSIGN_OR_RETURN(
      QueryResult latest,
      // The first 19 characters of a TIMESTAMP cast to STRING are
      // "YYYY-MM-DD HH:MM:SS" on both DuckDB and BigQuery.
      warehouse.Query("SELECT run_id, sprint_id, substr(CAST(snapshot_at AS STRING), 1, 19), "
                      "timezone FROM applied_run "
                      "ORDER BY snapshot_at DESC, run_id DESC LIMIT 1"));
  if (latest.rows.empty()) return std::optional<ModelParams>();
  const auto& row = latest.rows[0];
  return std::optional<ModelParams>(ModelParams{row[0].value_or(""), row[1].value_or(""),
                                                row[2].value_or(""), row[3].value_or(""), {}});
}

}  // namespace sprintetl::warehouse
