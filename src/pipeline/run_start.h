// How a run begins: a new landing folder, or the folder of a failed run that
// `run --resume` continues. Either way the run ends up with its folder, its
// run.json parameters and the steps already finished.
#pragma once

#include <chrono>
#include <set>
#include <string>

#include "config/config.h"
#include "core/status.h"
#include "landing/run_folder.h"
#include "pipeline/run_info.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

struct RunStart {
  landing::RunFolder folder;
  RunInfo info;
  std::set<std::string> finished_steps;  // empty for a new run
  bool resumed = false;
};

// Creates the landing folder and run.json of a new run, and its run_state
// row. The run id sorts by `info.now`.
Result<RunStart> StartNewRun(const config::Config& config, warehouse::Warehouse& warehouse,
                             RunInfo info);

// Reopens run `run_id` (empty: the latest run that did not finish ok) for
// `run --resume`: reads its run.json and the steps run_log records as ok.
// When the extract step did not finish, its partial pages are removed so it
// starts again. Fails with kNotFound when there is no such run or landing
// folder, or kFailedPrecondition when the run already finished ok or its
// --sprint matches none of its transformed sprint lists.
Result<RunStart> ResumeRun(const config::Config& config, warehouse::Warehouse& warehouse,
                           const std::string& run_id);

// Writes `info` to the folder's run.json.
Status SaveRunInfo(landing::RunFolder& folder, const RunInfo& info);

}  // namespace sprintetl::pipeline
