#include "cli/looker_command.h"

#include <iostream>

#include "cli/command_support.h"
#include "report/looker_link.h"

namespace sprintetl::cli {

int LookerLinkCommand(const GlobalOptions& global) {
  Result<config::Config> config = LoadConfigForCommand(global);
  if (!config.ok()) return FailWith(config.status(), kExitUsage);

  Result<std::string> url = report::LookerStudioCreateUrl(config->warehouse, "sprintetl sprints");
  if (!url.ok()) return FailWith(url.status(), kExitUsage);
  std::cout << *url << "\n";
  return kExitOk;
}

}  // namespace sprintetl::cli
