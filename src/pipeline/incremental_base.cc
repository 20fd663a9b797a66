#include "pipeline/incremental_base.h"

#include <filesystem>

#include "pipeline/run_state.h"

namespace sprintetl::pipeline {

Result<std::optional<IncrementalBase>> FindIncrementalBase(warehouse::Warehouse& warehouse,
                                                           const std::string& current_run_id) {
  // Retention may have removed older folders, and a handful of runs is enough to
  // find the newest one still on disk.
  constexpr int kMaxRunsChecked = 20;
  SPRINTETL_ASSIGN_OR_RETURN(auto runs, RecentRuns(warehouse, kMaxRunsChecked));
  for (const RunStateRow& run : runs) {
    if (run.run_id == current_run_id || run.status != kRunOk) continue;
    std::error_code error;
    if (run.landing_path.empty() || !std::filesystem::is_directory(run.landing_path, error)) {
      continue;
    }
    return std::optional<IncrementalBase>(
        IncrementalBase{run.run_id, run.landing_path, run.started_at});
  }
  return std::optional<IncrementalBase>();
}

}  // namespace sprintetl::pipeline
