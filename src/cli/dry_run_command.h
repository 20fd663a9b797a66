// `sprintetl run --dry-run`: the bytes each model statement would process in
// BigQuery and the estimated cost, without running anything.
#pragma once

#include "cli/commands.h"
#include "config/config.h"

namespace sprintetl::cli {

// Prints one line per model statement and the total to stdout. Returns
// kExitUsage unless warehouse.kind is "bigquery", kExitFailed when BigQuery
// rejects a statement or cannot be reached, else kExitOk.
int DryRunCommand(const config::Config& config, const RunArgs& args);

}  // namespace sprintetl::cli
