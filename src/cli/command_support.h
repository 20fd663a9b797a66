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

}  // namespace sprintetl::cli
