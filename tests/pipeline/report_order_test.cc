// The report is written as soon as the models commit, before Sprint History
// starts, so a slow or failing archive never delays or loses the report.
#include <gtest/gtest.h>

#include <filesystem>

#include "pipeline/pipeline_harness.h"

namespace sprintetl::pipeline {
namespace {

using testing::PipelineHarness;

TEST(ReportOrderTest, ReportStepRunsBetweenModelsAndArchive) {
  PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  auto step_count = [&](const std::string& earlier, const std::string& later) {
    return harness.Scalar(
        "SELECT count(*) FROM run_log a JOIN run_log b ON a.run_id = b.run_id "
        "WHERE a.step = '" +
        earlier + "' AND b.step = '" + later +
        "' AND a.status = 'ok' "
        "AND a.finished_at <= b.started_at");
  };
  EXPECT_EQ(step_count("load_and_models", "report"), "1");
  EXPECT_EQ(step_count("report", "archive"), "1");
}

TEST(ReportOrderTest, ReportExistsWhenArchiveFailsAtOnce) {
  PipelineHarness harness;
  // A Sprint History space that does not exist fails the archive's first request.
  harness.config().archive.space_id = "99999999";
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  ASSERT_FALSE(outcome->archive_failures.empty());

  EXPECT_TRUE(std::filesystem::exists(outcome->report_path));
  EXPECT_GT(std::filesystem::file_size(outcome->report_path), 1000u);
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_log WHERE step = 'report'"), "ok");
}

}  // namespace
}  // namespace sprintetl::pipeline
