// `sprintetl report --looker`: prints the Looker Studio Linking API URL that
// creates a report on the BigQuery rpt_* views. The URL is printed for a
// person to open; sprintetl never requests it.
#pragma once

#include "cli/commands.h"

namespace sprintetl::cli {

// Prints the URL to stdout and returns kExitOk. Returns kExitUsage with a
// message naming the keys to set when the config is unreadable or its
// warehouse is not BigQuery with a project and dataset.
int LookerLinkCommand(const GlobalOptions& global);

}  // namespace sprintetl::cli
