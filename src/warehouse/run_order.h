// Run order: the rule that history is only appended in time order.
//
// Every run whose models commit is recorded in the applied_run table with
// the snapshot instant its stage rows describe. A run older than the newest
// applied run is rejected before it changes anything, because applying it
// would put an older source state after a newer one in the SCD2 history.
// The model runner calls these inside its transaction; they keep no state.
#pragma once

#include <optional>

#include "core/status.h"
#include "warehouse/model_runner.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

// Fails with kFailedPrecondition naming both runs and their snapshots when
// another applied run has a later snapshot_at than `params`. A rerun of the
// same run id, or a run at the same instant, passes.
Status CheckRunOrder(Warehouse& warehouse, const ModelParams& params);

// Records `params` as applied (replacing an earlier record of the same run id).
Status RecordAppliedRun(Warehouse& warehouse, const ModelParams& params);

// Returns the parameters of the applied run with the latest snapshot (the
// latest run id among equal snapshots), or nullopt when no run was applied.
Result<std::optional<ModelParams>> LatestAppliedRun(Warehouse& warehouse);

}  // namespace sprintetl::warehouse
