#include "cli/command_support.h"

#include <filesystem>
#include <iostream>

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

}  // namespace sprintetl::cli
