// The run_state table: one row per run with its clock, the sprint it closes
// and how it ended. Sprint-end detection reads the sprints closed by
// successful runs, `run --resume` finds the run to continue, and landing
// retention keeps the folders of runs that did not finish ok.
//
// Rows are written outside the load transaction, so a failed load still
// leaves its run visible. Not thread-safe (one Warehouse connection).
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/sprint_choice.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

constexpr const char* kRunRunning = "running";
constexpr const char* kRunOk = "ok";
constexpr const char* kRunFailed = "failed";

struct RunStateRow {
  std::string run_id;
  std::string started_at;  // UTC "YYYY-MM-DD HH:MM:SS[.fff]"
  std::string finished_at;  // empty while running
  std::string status;       // running, ok or failed
  std::string run_clock;
  std::string sprint_id;
  std::string sprint_name;
  std::string sprint_end_date;
  std::string landing_path;
  long long warnings = 0;
  std::string message;
};

// Adds the row of a new run with status running.
Status InsertRunState(warehouse::Warehouse& warehouse, const std::string& run_id,
                      std::chrono::system_clock::time_point run_clock,
                      const std::string& landing_path);

// Marks an existing run as running again (a resumed run).
Status ReopenRunState(warehouse::Warehouse& warehouse, const std::string& run_id);

// Stores the sprint a run closes and its transform warning count.
Status UpdateRunSprint(warehouse::Warehouse& warehouse, const std::string& run_id,
                       const SprintChoice& sprint, long long warnings);

// Sets status (ok or failed), the finish time and the error message.
Status FinishRunState(warehouse::Warehouse& warehouse, const std::string& run_id,
                      const std::string& status, const std::string& message);

// Ids of the sprints closed by runs with status ok.
Result<std::set<std::string>> ClosedSprintIds(warehouse::Warehouse& warehouse);

// The row of `run_id`; nullopt when there is none.
Result<std::optional<RunStateRow>> FindRunState(warehouse::Warehouse& warehouse,
                                                const std::string& run_id);

// The latest run that did not finish ok (failed, or killed while running).
// Call with the run lock held, so no row marked running belongs to a live run.
Result<std::optional<RunStateRow>> LatestUnfinishedRun(warehouse::Warehouse& warehouse);

// Every run, latest first, at most `limit` of them.
Result<std::vector<RunStateRow>> RecentRuns(warehouse::Warehouse& warehouse, int limit);

// Ids of the runs whose status is `status`.
Result<std::set<std::string>> RunIdsWithStatus(warehouse::Warehouse& warehouse,
                                               const std::string& status);

// Steps of `run_id` that run_log records as finished ok at least once.
Result<std::set<std::string>> FinishedSteps(warehouse::Warehouse& warehouse,
                                            const std::string& run_id);

}  // namespace sprintetl::pipeline
