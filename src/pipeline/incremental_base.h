// The run an incremental extraction builds on: the latest run that finished
// ok and whose landing folder still exists. Its stage files contain the full
// state of every record as of that run, and its start time bounds the
// "changed since" queries of the next run.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

struct IncrementalBase {
  std::string run_id;
  std::string landing_path;
  std::string started_at;  // UTC "YYYY-MM-DD HH:MM:SS[.fff]", wall time of that run's start
};

// Returns the latest ok run, other than `current_run_id`, whose landing folder exists;
// nullopt when there is none (the next extraction must be full).
Result<std::optional<IncrementalBase>> FindIncrementalBase(warehouse::Warehouse& warehouse,
                                                           const std::string& current_run_id);

}  // namespace sprintetl::pipeline
