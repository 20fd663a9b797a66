// Loads a run's stage files into the warehouse and builds the models, all in
// one transaction: readers see the previous star until it commits, and a
// failure leaves every table as it was.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "landing/run_folder.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

struct StageLoadParams {
  std::string run_id;
  std::string sprint_id;    // the sprint this run closes
  std::string snapshot_at;  // the run's clock, UTC "YYYY-MM-DD HH:MM:SS"
  std::string timezone;     // the workspace's IANA time zone
  // Dimensions kept historied besides customer and squad, from [model] historied.
  std::vector<std::string> historied;
};

// The stage tables, in load order.
const std::vector<std::string>& StageTables();

// Loads stage/<table>.ndjson of `run` for every stage table, runs the models
// in sql_dir/models, then the data tests in sql_dir/tests, and commits.
// Returns the number of stage rows loaded. Fails, after rolling back, with
// the failing table's, model file's or data test's error, or with
// kFailedPrecondition when a newer run is already applied.
Result<long long> LoadStageAndBuildModels(warehouse::Warehouse& warehouse,
                                          const landing::RunFolder& run,
                                          const std::string& sql_dir,
                                          const StageLoadParams& params);

}  // namespace sprintetl::pipeline
