#include "cli/command_support.h"

#include <filesystem>
#include <iostream>

#include "pipeline/run_lock.h"

namespace sprintetl::cli {

Result<config::Config> LoadConfigForCommand(const GlobalOptions& global) {
  SPRINTETL_ASSIGN_OR_RETURN(config::Config config, config::LoadConfig(global.config_path));
  SPRINTETL_RETURN_IF_ERROR(config::ApplyEnvironmentOverrides(config));
  return config;
}

int FailWith(const Status& status, int exit_code) {
  std::cerr << "sprintetl: " << status.ToString() << "\n";
  return exit_code;
}

Status RequireWarehouseFile(const config::Config& config) {
  std::error_code ec;
  if (!std::filesystem::exists(config.warehouse.path, ec)) {
    return FailedPrecondition("no warehouse at " + config.warehouse.path +
                              "; run `sprintetl run` first");
  }
  return Status::Ok();
}

Status ExplainWarehouseInUse(const config::Config& config, const Status& open_error,
                             const std::string& next_step) {
  // DuckDB 1.4 words a file held by another process as "Could not set lock on file".
  if (open_error.ok() || open_error.message().find("Could not set lock") == std::string::npos) {
    return open_error;
  }
  std::string lock_path = pipeline::LockPathFor(config.warehouse.path);
  std::optional<pipeline::LockHolder> holder = pipeline::CurrentLockHolder(lock_path);
  if (!holder) return open_error;

  return Unavailable("the warehouse file " + config.warehouse.path + " is in use by a running "
                     "`sprintetl run` (pid " + std::to_string(holder->pid) + " on " +
                     holder->host + " since " + holder->since + ", lock file " + lock_path +
                     "); " + next_step);
}

}  // namespace sprintetl::cli
