// `sprintetl test-data`: runs the warehouse's data tests (sql/tests/*.sql)
// on demand and prints one line per check. The same checks run inside every
// load; this command rechecks a warehouse without loading anything.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "warehouse/data_tests.h"

namespace sprintetl::cli {

// Returns the command's report: one line per check ("ok" or "FAIL", the
// check's name, the offending row count), each failing check followed by up
// to five offending rows indented by four spaces, then a summary line.
std::string FormatDataTestReport(const std::vector<warehouse::DataTestResult>& results);

// Runs every data test against the configured warehouse, with the template
// values of the latest applied run. Returns kExitOk when all pass,
// kExitFailed when one fails or cannot run, kExitUsage for a bad config.
int TestDataCommand(const GlobalOptions& global);

}  // namespace sprintetl::cli
