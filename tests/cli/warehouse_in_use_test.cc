// Commands that read the warehouse while a run holds it name the run and the
// lock file instead of printing DuckDB's lock error.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cli/cli_harness.h"
#include "pipeline/run_lock.h"
#include "warehouse/warehouse.h"

namespace sprintetl::cli {
namespace {

using testing::PipelineHarness;
using testing::RunSprintetl;
using testing::WriteHarnessConfig;

// Holds the run lock and the DuckDB file of the harness config's warehouse, as a run does.
class RunningRun {
 public:
  explicit RunningRun(PipelineHarness& harness)
      : warehouse_path_((harness.dir() / "warehouse.duckdb").string()) {
    config::Warehouse settings;
    settings.path = warehouse_path_;
    auto lock = pipeline::RunLock::Acquire(pipeline::LockPathFor(warehouse_path_));
    EXPECT_TRUE(lock.ok()) << lock.status().ToString();
    if (lock.ok()) lock_.emplace(std::move(*lock));
    auto warehouse = warehouse::OpenWarehouse(settings);
    EXPECT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    if (warehouse.ok()) warehouse_ = std::move(*warehouse);
  }

  std::string lock_path() const { return pipeline::LockPathFor(warehouse_path_); }

 private:
  std::string warehouse_path_;
  std::optional<pipeline::RunLock> lock_;
  std::unique_ptr<warehouse::Warehouse> warehouse_;
};

TEST(WarehouseInUseTest, ReportNamesTheRunningRun) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(harness);
  RunningRun run(harness);

  auto result = RunSprintetl(harness, config, "report");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("is in use by a running `sprintetl run`"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(run.lock_path()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("`sprintetl status`"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("Could not set lock"), std::string::npos) << result.err;
}

TEST(WarehouseInUseTest, StatusNamesTheRunningRun) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(harness);
  RunningRun run(harness);

  auto result = RunSprintetl(harness, config, "status");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("running now: pid"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("is in use by a running `sprintetl run`"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("Could not set lock"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace sprintetl::cli
