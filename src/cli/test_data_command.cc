#include "cli/test_data_command.h"

#include "cli/command_support.h"

#include <iostream>

#include "config/config.h"
#include "pipeline/sql_paths.h"
#include "warehouse/run_order.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::cli {
std::string FormatDataTestReport(const std::vector<warehouse::DataTestResult>& results) {
  std::string report;
  int failed = 0;
  for (const warehouse::DataTestResult& result : results) {
    if (result.passed()) {
      report += "ok    " + result.name + "\n";
      continue;
    }
    ++failed;
    report += "FAIL  " + result.name + ": " + std::to_string(result.offending_rows) +
              " offending rows\n";
    for (const std::string& example : result.examples) report += "    " + example + "\n";
  }
  report += std::to_string(results.size()) + " data tests, " + std::to_string(failed) +
            " failed\n";
  return report;
}

int TestDataCommand(const GlobalOptions& global) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailWith(config.status(), kExitUsage);
  if (Status exists = RequireWarehouseFile(*config); !exists.ok()) {
    return FailWith(exists, kExitFailed);
  }

  auto warehouse = warehouse::OpenWarehouse(config->warehouse);
  if (!warehouse.ok()) return FailWith(warehouse.status(), kExitFailed);
  Status schema = warehouse::EnsureSchema(**warehouse, pipeline::SqlDir());
  if (!schema.ok()) return FailWith(schema, kExitFailed);

  // The checks read whole tables; the latest run only fills the template
  // values a check may name, and an empty warehouse has none to give.
  auto latest = warehouse::LatestAppliedRun(**warehouse);
  if (!latest.ok()) return FailWith(latest.status(), kExitFailed);
  warehouse::ModelParams params = latest->value_or(warehouse::ModelParams{});

  auto tests = warehouse::LoadDataTests(pipeline::SqlDir() + "/tests", params,
                                            warehouse::DialectOf(**warehouse));
  if (!tests.ok()) return FailWith(tests.status(), kExitFailed);
  auto results = warehouse::RunDataTests(**warehouse, *tests);
  if (!results.ok()) return FailWith(results.status(), kExitFailed);

  std::cout << FormatDataTestReport(*results);
  return warehouse::DataTestFailures(*results).ok() ? kExitOk : kExitFailed;
}

}  // namespace sprintetl::cli
