// `sprintetl check`: validates the config and the secrets and makes one
// cheap authenticated request to each API, so a new installation can be
// verified before its first scheduled run.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace sprintetl::cli {

struct CheckResult {
  std::string name;     // config, warehouse, landing, CLICKUP_API_TOKEN, clickup, ...
  bool ok = false;
  std::string detail;   // what was checked, or what is wrong and how to fix it
};

// Runs every check on the config file at `config_path` (after the
// environment's base URL overrides). A config that does not load is the
// only result, since every other check needs it.
std::vector<CheckResult> RunChecks(const std::string& config_path);

}  // namespace sprintetl::cli
