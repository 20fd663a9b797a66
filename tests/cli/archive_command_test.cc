#include "build_info.h"
#include "cli/archive_command.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "pipeline/pipeline_harness.h"

namespace sprintetl::cli {
namespace {

// Writes the demo config with the harness's paths and returns its path.
std::string WriteConfig(testing::PipelineHarness& harness) {
  std::ifstream in(std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = toml.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    toml.replace(at, from.size(), to);
  };
  replace("\"../demo/landing\"", "\"" + harness.config().landing_root + "\"");
  replace("\"../demo/sprintetl.duckdb\"", "\"" + harness.config().warehouse.path + "\"");
  replace("\"../demo/report/sprint-report.html\"", "\"" + harness.config().report.path + "\"");
  // One try per request, so injected server errors fail fast instead of backing off.
  replace("[clickup]\n", "[clickup]\nmax_attempts = 1\n");
  std::string path = (harness.dir() / "sprintetl.toml").string();
  std::ofstream(path) << toml;
  return path;
}

class ArchiveCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    harness_.config().archive.enabled = false;
    auto outcome = harness_.Run();
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    run_id_ = outcome->run_id;
    global_.config_path = WriteConfig(harness_);
    setenv("SPRINTETL_CLICKUP_BASE_URL", harness_.clickup().base_url().c_str(), 1);
    harness_.clickup().ClearRequests();
  }

  void TearDown() override { unsetenv("SPRINTETL_CLICKUP_BASE_URL"); }

  int Run(const ArchiveArgs& args, std::string* output) {
    ::testing::internal::CaptureStdout();
    int code = ArchiveCommand(global_, args);
    *output = ::testing::internal::GetCapturedStdout();
    return code;
  }

  int CountPosts() {
    int posts = 0;
    for (const auto& request : harness_.clickup().requests()) posts += request.method == "POST";
    return posts;
  }

  testing::PipelineHarness harness_;
  GlobalOptions global_;
  std::string run_id_;
};

TEST_F(ArchiveCommandTest, DryRunPrintsPlanOnly) {
  ArchiveArgs args;
  args.dry_run = true;
  std::string output;
  EXPECT_EQ(Run(args, &output), kExitOk);
  EXPECT_EQ(CountPosts(), 0);
  EXPECT_NE(output.find("list      "), std::string::npos) << output;
  EXPECT_NE(output.find("copy      86c0a1b01"), std::string::npos) << output;
  EXPECT_NE(output.find("plan: 9 tasks, 9 to copy"), std::string::npos) << output;
  EXPECT_EQ(harness_.Scalar("SELECT count(*) FROM archive_map"), "0");
  EXPECT_EQ(harness_.Scalar("SELECT count(*) FROM run_log WHERE step = 'archive'"), "0");
}

TEST_F(ArchiveCommandTest, CopiesLatestLoadedRunSprint) {
  std::string output;
  EXPECT_EQ(Run({}, &output), kExitOk) << output;
  EXPECT_NE(output.find("done: 9 tasks, 9 copied"), std::string::npos) << output;
  EXPECT_EQ(harness_.Scalar("SELECT count(*) FROM archive_map"), "9");
  EXPECT_EQ(harness_.Scalar("SELECT status FROM run_log WHERE step = 'archive' AND run_id = '" +
                            run_id_ + "'"),
            "ok");

  harness_.clickup().ClearRequests();
  EXPECT_EQ(Run({}, &output), kExitOk);
  EXPECT_EQ(CountPosts(), 0);
  EXPECT_NE(output.find("9 already copied"), std::string::npos) << output;
}

TEST_F(ArchiveCommandTest, FailedTasksExitOneAndLogIds) {
  harness_.clickup().InjectFault("/v2/list/", {fakes::FaultKind::kHttp500, 1000, 6});
  ArchiveArgs args;
  args.sprint = "Sprint 41";
  std::string output;
  EXPECT_EQ(Run(args, &output), kExitFailed) << output;
  std::string message = harness_.Scalar(
      "SELECT message FROM run_log WHERE step = 'archive' AND status = 'failed'");
  EXPECT_NE(message.find("not copied to Sprint History"), std::string::npos) << message;
  EXPECT_NE(message.find("86c0a1b0"), std::string::npos) << message;
}

TEST_F(ArchiveCommandTest, UnknownRunIsUsageError) {
  ArchiveArgs args;
  args.run_id = "r19990101T000000Z";
  std::string output;
  EXPECT_EQ(Run(args, &output), kExitUsage);
  EXPECT_EQ(harness_.clickup().request_count(), 0u);
}

}  // namespace
}  // namespace sprintetl::cli
