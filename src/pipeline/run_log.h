// The run_log table: one row per step of each run, with counts and timings,
// so `sprintetl status` and operators can see what each run did.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

struct StepRecord {
  std::string run_id;
  std::string step;  // extract, transform, load, models, report, archive
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  std::string status;  // ok, failed, skipped
  long long rows = 0;
  std::string message;
};

// Appends one row to run_log outside any open transaction's scope; a step
// that failed is recorded too, so a failed run is visible in `status`.
Status RecordStep(warehouse::Warehouse& warehouse, const StepRecord& record);

}  // namespace sprintetl::pipeline
