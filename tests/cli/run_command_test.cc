// The `run` and `status` commands through the binary: exit codes, idle
// runs, power-off and JSON logs.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli_harness.h"

namespace sprintetl::cli {
namespace {

using testing::PipelineHarness;
using testing::RunSprintetl;
using testing::WriteHarnessConfig;

// Two tries per ClickUp request keep the failing runs below short.
const std::pair<std::string, std::string> kTwoTries = {
    "default_category = \"feature\"", "default_category = \"feature\"\nmax_attempts = 2"};

TEST(RunCommandTest, IdleRunExitsZeroOrThreeWhenAsked) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(harness);
  auto first = RunSprintetl(harness, config, "run --now 2026-11-17T12:00:00Z");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("closed Sprint 41 (11/3 - 11/16)"), std::string::npos) << first.out;

  auto idle = RunSprintetl(harness, config, "run --now 2026-11-18T12:00:00Z");
  EXPECT_EQ(idle.exit_code, 0) << idle.err;
  EXPECT_EQ(idle.out.rfind("nothing to do: Sprint 41 (11/3 - 11/16) (ended 2026-11-16) is "
                           "already closed",
                           0),
            0u)
      << idle.out;

  auto asked = RunSprintetl(harness, config,
                            "run --now 2026-11-18T12:00:00Z --exit-code-when-idle");
  EXPECT_EQ(asked.exit_code, 3) << asked.err;
}

TEST(RunCommandTest, PowerOffCommandRunsAfterSuccess) {
  PipelineHarness harness;
  std::string marker = (harness.dir() / "powered-off").string();
  std::string config = WriteHarnessConfig(
      harness, {{"power_off_after_success = false", "power_off_after_success = true"},
                {"power_off_command = \"systemctl poweroff\"",
                 "power_off_command = \"touch " + marker + "\""}});
  auto result = RunSprintetl(harness, config, "run --now 2026-11-17T12:00:00Z");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(marker));
}

TEST(RunCommandTest, NoPowerOffAfterFailedRun) {
  PipelineHarness harness;
  std::string marker = (harness.dir() / "powered-off").string();
  std::string config = WriteHarnessConfig(
      harness, {{"power_off_after_success = false", "power_off_after_success = true"},
                {"power_off_command = \"systemctl poweroff\"",
                 "power_off_command = \"touch " + marker + "\""},
                kTwoTries});
  harness.clickup().InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kHttp503, 100});
  auto result = RunSprintetl(harness, config, "run --now 2026-11-17T12:00:00Z");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST(RunCommandTest, JsonLogLinesParse) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(harness);
  // A failing run logs an error whose text contains quotes and a path.
  harness.clickup().InjectFault("/v2/list/901800110041/task",
                                {fakes::FaultKind::kMalformedBody, 100});
  auto result = RunSprintetl(harness, config,
                             "--log-format json run --now 2026-11-17T12:00:00Z");
  EXPECT_EQ(result.exit_code, 1);

  std::istringstream lines(result.err);
  std::string line;
  int parsed = 0;
  bool saw_failure = false;
  while (std::getline(lines, line)) {
    if (line.rfind("sprintetl: ", 0) == 0) continue;  // the final error, meant for people
    auto json = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << line;
    ASSERT_TRUE(json.contains("message")) << line;
    EXPECT_TRUE(json.contains("time")) << line;
    EXPECT_TRUE(json.contains("level")) << line;
    EXPECT_TRUE(json.contains("event")) << line;
    if (json["event"] == "step.failed") {
      saw_failure = true;
      EXPECT_NE(json["message"].get<std::string>().find("error=\""), std::string::npos);
    }
    ++parsed;
  }
  EXPECT_GT(parsed, 3);
  EXPECT_TRUE(saw_failure) << result.err;
}

TEST(RunCommandTest, StatusShowsStepsAndErrors) {
  PipelineHarness harness;
  std::string config = WriteHarnessConfig(harness, {kTwoTries});
  harness.clickup().InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kHttp503, 100});
  ASSERT_EQ(RunSprintetl(harness, config, "run --now 2026-11-17T12:00:00Z").exit_code, 1);
  harness.clickup().ClearFaults();
  ASSERT_EQ(RunSprintetl(harness, config, "run --resume").exit_code, 0);

  auto status = RunSprintetl(harness, config, "status");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("r20261117T120000Z  ok          Sprint 41 (11/3 - 11/16)"),
            std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("  extract          failed"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("  extract          ok"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("  archive          ok"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("clock 2026-11-17 12:00:00"), std::string::npos) << status.out;
}

TEST(RunCommandTest, ResumeRejectsSprintOption) {
  PipelineHarness harness;
  auto result = RunSprintetl(harness, WriteHarnessConfig(harness),
                             "run --resume --sprint 'Sprint 41'");
  EXPECT_EQ(result.exit_code, 2) << result.err;
}

}  // namespace
}  // namespace sprintetl::cli
