// Chooses between a full and an incremental ClickUp read for the run being started.
#pragma once

#include <string>

#include "config/config.h"
#include "core/status.h"
#include "sources/clickup/read_plan.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {

// Finds the incremental base of `run_id` (FindIncrementalBase) and plans the read from it
// (sources::PlanClickUpRead). Fails when the run log cannot be read.
Result<sources::ClickUpReadPlan> PlanClickUpRun(warehouse::Warehouse& warehouse,
                                                const std::string& run_id,
                                                const config::ClickUp& config, bool full_refresh);

}  // namespace sprintetl::pipeline
