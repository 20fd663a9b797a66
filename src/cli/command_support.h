// Helpers every subcommand shares: loading the config with its environment
// overrides, printing a failure, and refusing to create a warehouse that a
// read-only command expects to exist.
#pragma once

#include "cli/commands.h"
#include "config/config.h"
#include "core/status.h"

namespace sprintetl::cli {

// Loads --config and applies SPRINTETL_*_BASE_URL overrides.
Result<config::Config> LoadConfigForCommand(const GlobalOptions& global);

// Prints "sprintetl: <status>" to stderr and returns `exit_code`.
int FailWith(const Status& status, int exit_code);

// Fails with kFailedPrecondition when the warehouse file does not exist yet.
Status RequireWarehouseFile(const config::Config& config);

// Rewrites DuckDB's file-lock error from opening the warehouse into a plain
// kUnavailable message when a `sprintetl run` holds the run lock. The message
// names the warehouse file, the lock file and the run's pid, then `next_step`.
// Returns any other error unchanged.
Status ExplainWarehouseInUse(const config::Config& config, const Status& open_error,
                             const std::string& next_step);

}  // namespace sprintetl::cli
