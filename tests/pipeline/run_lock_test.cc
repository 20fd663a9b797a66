#include "pipeline/run_lock.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/cli_harness.h"
#include "pipeline/pipeline_harness.h"

namespace sprintetl::pipeline {
namespace {

using testing::PipelineHarness;

std::string HostName() {
  char name[256] = {};
  gethostname(name, sizeof(name) - 1);
  return name;
}

TEST(RunLockTest, SecondAcquireNamesHolder) {
  PipelineHarness harness;
  std::string path = (harness.dir() / "w.duckdb.lock").string();
  auto first = RunLock::Acquire(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  auto second = RunLock::Acquire(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  const std::string& message = second.status().message();
  std::string expected = "another sprintetl run (pid " + std::to_string(getpid()) + " on " +
                         HostName() + ") has held the lock since ";
  EXPECT_NE(message.find(expected), std::string::npos) << message;
}

TEST(RunLockTest, ReleasedLockCanBeTakenAgain) {
  PipelineHarness harness;
  std::string path = (harness.dir() / "w.duckdb.lock").string();
  { ASSERT_TRUE(RunLock::Acquire(path).ok()); }
  EXPECT_FALSE(CurrentLockHolder(path).has_value());
  EXPECT_TRUE(RunLock::Acquire(path).ok());
}

TEST(RunLockTest, StaleLockFileIsTakenOver) {
  PipelineHarness harness;
  std::string path = (harness.dir() / "w.duckdb.lock").string();
  // Left by a killed run: contents, but no process holds the flock.
  std::ofstream(path) << R"({"pid":999999,"host":"old-vm","since":"2026-11-01T06:00:00.000Z"})";
  auto lock = RunLock::Acquire(path);
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  auto holder = CurrentLockHolder(path);
  ASSERT_TRUE(holder.has_value());
  EXPECT_EQ(holder->pid, getpid());
  EXPECT_EQ(holder->host, HostName());
}

TEST(RunLockTest, RunFailsWhileAnotherHoldsLock) {
  PipelineHarness harness;
  auto held = RunLock::Acquire(LockPathFor(harness.config().warehouse.path));
  ASSERT_TRUE(held.ok());

  auto outcome = harness.Run();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(outcome.status().message().find("another sprintetl run (pid"), std::string::npos)
      << outcome.status().message();
  EXPECT_FALSE(std::filesystem::exists(harness.config().landing_root));
  EXPECT_EQ(harness.clickup().request_count(), 0u);
}

TEST(RunLockTest, BinaryExitsOneWithLockMessage) {
  PipelineHarness harness;
  std::string config = testing::WriteHarnessConfig(harness);
  auto held = RunLock::Acquire((harness.dir() / "warehouse.duckdb.lock").string());
  ASSERT_TRUE(held.ok());

  auto result = testing::RunSprintetl(harness, config, "run --now 2026-11-17T12:00:00Z");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("another sprintetl run (pid " + std::to_string(getpid()) + " on " +
                            HostName() + ") has held the lock since"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace sprintetl::pipeline
