// `sprintetl report --looker` through the real binary.
#include "cli/looker_command.h"

#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace sprintetl::cli {
namespace {

using testing::PipelineHarness;
using testing::RunSprintetl;
using testing::WriteHarnessConfig;

TEST(LookerCommandTest, DuckDbWarehouseNamesKeys) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(harness);
  auto result = RunSprintetl(harness, config, "report --looker");
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_NE(result.err.find("warehouse.bigquery.project"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(LookerCommandTest, PrintsUrlForBigQuery) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(
      harness, {{"kind = \"duckdb\"", "kind = \"bigquery\""},
                {"[report]",
                 "[warehouse.bigquery]\nproject = \"acme\"\ndataset = \"sprints\"\n\n"
                 "[report]"}});

  auto result = RunSprintetl(harness, config, "report --looker");
  EXPECT_EQ(result.exit_code, kExitOk) << result.out;
  EXPECT_EQ(result.out.rfind("https://lookerstudio.google.com/reporting/create?", 0), 0u)
      << result.out;
  EXPECT_NE(result.out.find("ds.rpt_sprint_task.tableId=rpt_sprint_task"), std::string::npos);
  EXPECT_NE(result.out.find("ds.rpt_velocity.projectId=acme"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::cli
