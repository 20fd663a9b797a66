#include "pipeline/sprint_detection.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "core/time_format.h"
#include "landing/retention.h"
#include "pipeline/pipeline_harness.h"

namespace sprintetl::pipeline {
namespace {

using testing::PipelineHarness;

// A daily timer's run: detection on, the clock at `now`.
Result<RunOutcome> TimerRun(PipelineHarness& harness, const std::string& now, bool force = false) {
  RunOptions options;
  options.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(*ParseUtc(now));
  options.only_when_sprint_ended = !force;
  return RunSprintEnd(harness.config(), options);
}

size_t LandingFolders(PipelineHarness& harness) {
  return landing::ListRunFolders(harness.config().landing_root).size();
}

size_t TaskRequests(PipelineHarness& harness) {
  size_t count = 0;
  for (const auto& request : harness.clickup().requests()) {
    if (request.path.find("/task") != std::string::npos) ++count;
  }
  return count;
}

TEST(SprintDetectionTest, DayBeforeSprintEndDoesNothing) {
  PipelineHarness harness;
  // Sprint 40 (10/20 - 11/2) is closed first; Sprint 41 ends on 11/16.
  auto first = TimerRun(harness, "2026-11-04T12:00:00Z");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_FALSE(first->idle);
  EXPECT_EQ(first->sprint_name, "Sprint 40 (10/20 - 11/2)");
  std::string run_log = harness.TableDump("run_log");
  std::string run_state = harness.TableDump("run_state");
  harness.clickup().ClearRequests();

  auto before_end = TimerRun(harness, "2026-11-16T12:00:00Z");
  ASSERT_TRUE(before_end.ok()) << before_end.status().ToString();
  EXPECT_TRUE(before_end->idle);
  EXPECT_NE(before_end->idle_reason.find("Sprint 40 (10/20 - 11/2) (ended 2026-11-02) is "
                                         "already closed"),
            std::string::npos)
      << before_end->idle_reason;
  EXPECT_NE(before_end->idle_reason.find("Sprint 41 (11/3 - 11/16), ends on 2026-11-16"),
            std::string::npos)
      << before_end->idle_reason;
  EXPECT_EQ(LandingFolders(harness), 1u);
  EXPECT_EQ(harness.TableDump("run_log"), run_log);
  EXPECT_EQ(harness.TableDump("run_state"), run_state);
  EXPECT_EQ(TaskRequests(harness), 0u) << "detection must not read tasks";
}

TEST(SprintDetectionTest, DayAfterSprintEndRunsOnce) {
  PipelineHarness harness;
  ASSERT_TRUE(TimerRun(harness, "2026-11-04T12:00:00Z").ok());

  auto after_end = TimerRun(harness, "2026-11-17T12:00:00Z");
  ASSERT_TRUE(after_end.ok()) << after_end.status().ToString();
  EXPECT_FALSE(after_end->idle);
  EXPECT_EQ(after_end->sprint_name, "Sprint 41 (11/3 - 11/16)");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM run_state WHERE status = 'ok' AND "
                           "sprint_id = '901800110041'"),
            "1");

  auto same_day = TimerRun(harness, "2026-11-17T20:00:00Z");
  ASSERT_TRUE(same_day.ok()) << same_day.status().ToString();
  EXPECT_TRUE(same_day->idle);
  auto next_day = TimerRun(harness, "2026-11-18T12:00:00Z");
  ASSERT_TRUE(next_day.ok());
  EXPECT_TRUE(next_day->idle);
  EXPECT_EQ(LandingFolders(harness), 2u);
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM run_state"), "2");
}

TEST(SprintDetectionTest, FirstRunOnEmptyWarehouseIsDue) {
  PipelineHarness harness;
  auto outcome = TimerRun(harness, "2026-11-17T12:00:00Z");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_FALSE(outcome->idle);
  EXPECT_EQ(outcome->sprint_id, "901800110041");
}

TEST(SprintDetectionTest, ForceRunsWhenNothingIsDue) {
  PipelineHarness harness;
  ASSERT_TRUE(TimerRun(harness, "2026-11-17T12:00:00Z").ok());
  auto forced = TimerRun(harness, "2026-11-17T13:00:00Z", /*force=*/true);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_FALSE(forced->idle);
  EXPECT_EQ(LandingFolders(harness), 2u);
}

TEST(SprintDetectionTest, NamedSprintSkipsDetection) {
  PipelineHarness harness;
  ASSERT_TRUE(TimerRun(harness, "2026-11-17T12:00:00Z").ok());
  RunOptions options;
  options.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      *ParseUtc("2026-11-17T14:00:00Z"));
  options.only_when_sprint_ended = true;
  options.sprint = "Sprint 41";
  auto rerun = RunSprintEnd(harness.config(), options);
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  EXPECT_FALSE(rerun->idle);
  EXPECT_EQ(rerun->sprint_id, "901800110041");
}

TEST(SprintDetectionTest, NoSprintEndedYetIsIdle) {
  PipelineHarness harness;
  auto outcome = TimerRun(harness, "2026-10-25T12:00:00Z");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_TRUE(outcome->idle);
  EXPECT_NE(outcome->idle_reason.find("no sprint has ended before 2026-10-25"), std::string::npos)
      << outcome->idle_reason;
  EXPECT_EQ(LandingFolders(harness), 0u);
}

TEST(SprintDetectionTest, MisspelledSprintFolderIsNamed) {
  PipelineHarness harness;
  harness.config().clickup.sprint_folder = "Sprnt Folder";
  auto outcome = TimerRun(harness, "2026-11-17T12:00:00Z");
  ASSERT_FALSE(outcome.ok()) << "a misspelled folder must not look like an idle workspace";
  EXPECT_EQ(outcome.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = outcome.status().message();
  EXPECT_NE(message.find("'Sprnt Folder'"), std::string::npos) << message;
  EXPECT_NE(message.find("Sprint Folder"), std::string::npos) << message;
  EXPECT_EQ(LandingFolders(harness), 0u);
}

TEST(SprintDetectionTest, FailedRunLeavesSprintDue) {
  PipelineHarness harness;
  harness.clickup().InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kHttp503, 3});
  auto failed = TimerRun(harness, "2026-11-17T12:00:00Z");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_state"), "failed");

  auto retried = TimerRun(harness, "2026-11-18T12:00:00Z");
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_FALSE(retried->idle);
  EXPECT_EQ(retried->sprint_id, "901800110041");
}

}  // namespace
}  // namespace sprintetl::pipeline
