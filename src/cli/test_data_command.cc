#include "cli/test_data_command.h"

#include <iostream>

#include "config/config.h"
#include "pipeline/sql_paths.h"
#include "warehouse/run_order.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::cli {
namespace {

int Fail(const Status& status, int exit_code) {
  std::cerr << "sprintetl: " << status.ToString() << "\n";
  return exit_code;
}

}  // namespace

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
  auto config = config::LoadConfig(global.config_path);
  if (!config.ok()) return Fail(config.status(), kExitUsage);
  config::ApplyEnvironmentOverrides(*config);

  auto warehouse = warehouse::OpenWarehouse(config->warehouse);
  if (!warehouse.ok()) return Fail(warehouse.status(), kExitFailed);
  Status schema = warehouse::EnsureSchema(**warehouse, pipeline::SqlDir());
  if (!schema.ok()) return Fail(schema, kExitFailed);

  // The checks read whole tables; the latest run only fills the template
  // values a check may name, and an empty warehouse has none to give.
  auto latest = warehouse::LatestAppliedRun(**warehouse);
  if (!latest.ok()) return Fail(latest.status(), kExitFailed);
  warehouse::ModelParams params = latest->value_or(warehouse::ModelParams{});

  auto tests = warehouse::LoadDataTests(pipeline::SqlDir() + "/tests", params);
  if (!tests.ok()) return Fail(tests.status(), kExitFailed);
  auto results = warehouse::RunDataTests(**warehouse, *tests);
  if (!results.ok()) return Fail(results.status(), kExitFailed);

  std::cout << FormatDataTestReport(*results);
  return warehouse::DataTestFailures(*results).ok() ? kExitOk : kExitFailed;
}

}  // namespace sprintetl::cli
