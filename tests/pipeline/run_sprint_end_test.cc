#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "build_info.h"
#include "cli/cli_harness.h"
#include "pipeline/pipeline_harness.h"

namespace sprintetl::pipeline {
namespace {

using testing::PipelineHarness;

constexpr const char* kSprint41 = "901800110041";

// The tables whose contents a failed run must leave untouched.
const char* const kStarTables[] = {
    "dim_customer", "dim_squad", "dim_task", "dim_sprint", "fat_task_sprint",
    "fat_customer_service", "stg_task", "stg_customer", "archive_map"};

TEST(RunSprintEndTest, FirstRunClosesLatestEndedSprint) {
  PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  EXPECT_EQ(outcome->sprint_id, kSprint41);
  EXPECT_EQ(outcome->sprint_name, "Sprint 41 (11/3 - 11/16)");
  EXPECT_TRUE(std::filesystem::exists(outcome->report_path));
  EXPECT_TRUE(std::filesystem::exists(outcome->landing_path + "/manifest.jsonl"));
}

TEST(RunSprintEndTest, UnknownSprintRejectedBeforeExtract) {
  PipelineHarness harness;
  auto outcome = harness.Run("2026-11-17T12:00:00Z", "Sprint 99");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = outcome.status().message();
  EXPECT_NE(message.find("--sprint 'Sprint 99'"), std::string::npos) << message;
  EXPECT_NE(message.find("Sprint 42 (11/17 - 11/30), Sprint 41 (11/3 - 11/16), Sprint 40"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("Run `sprintetl run --sprint NAME`"), std::string::npos) << message;

  // Only the sprint lists were read, and no run was recorded for --resume to repeat.
  EXPECT_EQ(harness.hubspot().request_count(), 0u);
  for (const auto& request : harness.clickup().requests()) {
    EXPECT_EQ(request.path.find("/task"), std::string::npos) << request.path;
  }
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM run_state"), "0");
  std::error_code ec;
  EXPECT_TRUE(std::filesystem::is_empty(harness.config().landing_root, ec) || ec);
}

TEST(RunSprintEndTest, RowCountsAndExactValues) {
  PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  // Eight live companies, one archived, and the two ids merged into Café Ümlaut
  // (hs_merged_object_ids).
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer"), "11");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer "
                           "WHERE merged_into_id = '31000000102'"),
            "2");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_squad"), "3");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_sprint"), "3");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = '" +
                           std::string(kSprint41) + "'"),
            "9");

  // 86c0a1b04 has its due date with a time part: 22:30 UTC.
  EXPECT_EQ(harness.Scalar("SELECT strftime(due_at, '%H:%M') FROM dim_task "
                           "WHERE task_id = '86c0a1b04'"),
            "22:30");
  EXPECT_EQ(harness.Scalar("SELECT CAST(due_date AS VARCHAR) FROM dim_task "
                           "WHERE task_id = '86c0a1b04'"),
            "2026-11-16");
  // A date-only due date sits at 04:00 New York time (09:00 UTC in winter); its calendar day
  // is New York's.
  EXPECT_EQ(harness.Scalar("SELECT CAST(due_at AS VARCHAR) || ' ' || CAST(due_date AS VARCHAR) "
                           "FROM dim_task WHERE task_id = '86c0a1b01'"),
            "2026-11-14 09:00:00 2026-11-14");

  // Deals 501 and 502 are closed won for Nordlicht: line items 96000 + 12500.5.
  EXPECT_EQ(harness.Scalar("SELECT CAST(sum(contract_value) AS DOUBLE) FROM fat_customer_service "
                           "WHERE customer_id = '31000000101' AND sprint_id = '" +
                           std::string(kSprint41) + "'"),
            "108500.5");
}

TEST(RunSprintEndTest, RerunOnSameDataAddsNothing) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  std::string customers = harness.TableDump("dim_customer");
  std::string squads = harness.TableDump("dim_squad");
  size_t copies = harness.clickup().CreatedTasks(harness.Scalar(
      "SELECT DISTINCT copy_task_id FROM archive_map LIMIT 1")).size();
  std::string mapped = harness.Scalar("SELECT count(*) FROM archive_map");

  auto second = harness.Run("2026-11-17T13:00:00Z");
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  EXPECT_EQ(harness.TableDump("dim_customer"), customers);
  EXPECT_EQ(harness.TableDump("dim_squad"), squads);
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), mapped);
  EXPECT_EQ(second->archived_tasks, 0);
  EXPECT_GT(second->archive_already_copied, 0);
  (void)copies;
}

TEST(RunSprintEndTest, SquadChangeAddsOneCustomerVersion) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  std::string before = harness.Scalar("SELECT count(*) FROM dim_customer");

  harness.UseHubSpotScenario("squad_change");
  auto second = harness.Run("2026-11-17T13:00:00Z");
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer"),
            std::to_string(std::stoi(before) + 1));
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = '31000000101'"),
            "2");
  EXPECT_EQ(harness.Scalar("SELECT squad_id FROM dim_customer WHERE customer_id = '31000000101' "
                           "AND is_current"),
            "squad_lyra");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer o JOIN dim_customer n "
                           "ON o.customer_id = n.customer_id AND NOT o.is_current AND n.is_current "
                           "WHERE o.customer_id = '31000000101' AND o.valid_to = n.valid_from "
                           "AND o.squad_id = 'squad_orion'"),
            "1");
}

TEST(RunSprintEndTest, MalformedPageFailsAndKeepsWarehouse) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  std::map<std::string, std::string> before;
  for (const char* table : kStarTables) before[table] = harness.TableDump(table);

  harness.clickup().InjectFault("/v2/list/901800110041/task",
                                {fakes::FaultKind::kMalformedBody, 100});
  auto failed = harness.Run("2026-11-17T13:00:00Z");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(failed.status().message().find("/v2/list/901800110041/task page 0"),
            std::string::npos)
      << failed.status().message();

  for (const char* table : kStarTables) EXPECT_EQ(harness.TableDump(table), before[table]) << table;
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_log WHERE step = 'extract' "
                           "ORDER BY started_at DESC LIMIT 1"),
            "failed");
}

TEST(RunSprintEndTest, TruncatedPageIsRefetched) {
  PipelineHarness harness;
  harness.clickup().InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kTruncatedBody, 1});
  harness.clickup().InjectFault("/v2/team", {fakes::FaultKind::kHttp503, 1});
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = '" +
                           std::string(kSprint41) + "'"),
            "9");
}

TEST(RunSprintEndTest, SprintHistoryCopiesSubtasksUnderParentCopy) {
  PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->archived_tasks, 9);
  EXPECT_TRUE(outcome->archive_failures.empty());

  std::string parent_copy = harness.Scalar(
      "SELECT copy_task_id FROM archive_map WHERE task_id = '86c0a1b04'");
  std::string child_copy = harness.Scalar(
      "SELECT copy_task_id FROM archive_map WHERE task_id = '86c0a1b05'");
  auto child = harness.clickup().FindTask(child_copy);
  ASSERT_TRUE(child.has_value());
  EXPECT_EQ((*child)["parent"], parent_copy);
}

TEST(RunSprintEndTest, ArchiveFailureKeepsLoad) {
  PipelineHarness harness;
  // A Sprint History space that does not exist: the load and report must still be complete.
  harness.config().archive.space_id = "99999999";
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_FALSE(outcome->archive_failures.empty());
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = '" +
                           std::string(kSprint41) + "'"),
            "9");
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_log WHERE step = 'archive'"), "failed");
}

// Runs the sprintetl binary with `env_prefix` before it; returns exit code and stderr.
std::pair<int, std::string> RunBinary(const std::string& env_prefix, const std::string& args) {
  auto result = testing::RunShell(env_prefix + " " + SPRINTETL_BINARY + " " + args +
                                  " 2>&1 >/dev/null");
  return {result.exit_code, result.out};
}

TEST(RunSprintEndTest, MissingTokenNamesVariable) {
  PipelineHarness harness;
  std::string config = std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml";
  auto [code, output] = RunBinary(
      "env -u CLICKUP_API_TOKEN -u CLICKUP_API_TOKEN_FILE HUBSPOT_ACCESS_TOKEN=x "
      "SPRINTETL_CLICKUP_BASE_URL=" + harness.clickup().base_url() +
      " SPRINTETL_HUBSPOT_BASE_URL=" + harness.hubspot().base_url(),
      "--config " + config + " run --now 2026-11-17T12:00:00Z");
  EXPECT_EQ(code, 2);
  EXPECT_NE(output.find("CLICKUP_API_TOKEN is not set"), std::string::npos) << output;
  EXPECT_EQ(harness.clickup().request_count(), 0u);
}

TEST(RunSprintEndTest, WrongTokenIsRejectedClearly) {
  PipelineHarness harness;
  setenv("CLICKUP_API_TOKEN", "pk_wrong", 1);
  auto outcome = harness.Run();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(outcome.status().message().find("CLICKUP_API_TOKEN"), std::string::npos);
  EXPECT_EQ(outcome.status().message().find("pk_wrong"), std::string::npos)
      << "the token must not appear in messages";
}

TEST(RunSprintEndTest, LandingHoldsNoSecrets) {
  PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  for (const auto& entry : std::filesystem::recursive_directory_iterator(outcome->landing_path)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str().find("pk_test_clickup"), std::string::npos) << entry.path();
    EXPECT_EQ(text.str().find("pat-test-hubspot"), std::string::npos) << entry.path();
  }
}

TEST(RunSprintEndTest, NamedSprintAndUnknownSprint) {
  PipelineHarness harness;
  auto named = harness.Run("2026-12-04T12:00:00Z", "Sprint 41");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->sprint_id, kSprint41);

  auto unknown = harness.Run("2026-12-04T13:00:00Z", "Sprint 99");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("Sprint 41 (11/3 - 11/16)"), std::string::npos)
      << unknown.status().message();
}

}  // namespace
}  // namespace sprintetl::pipeline

namespace sprintetl::pipeline {
namespace {

TEST(WriteSprintReportTest, UnknownSprintKeepsReport) {
  testing::PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  std::string before = harness.TableDump("dim_sprint");
  auto modified = std::filesystem::last_write_time(harness.config().report.path);

  auto report = WriteSprintReport(harness.config(), "nosuch");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("Sprint 40 (10/20 - 11/2)"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(std::filesystem::last_write_time(harness.config().report.path), modified);
}

TEST(WriteSprintReportTest, SprintByNumberOrName) {
  testing::PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  EXPECT_TRUE(WriteSprintReport(harness.config(), "40").ok());
  EXPECT_TRUE(WriteSprintReport(harness.config(), "Sprint 40").ok());
  EXPECT_TRUE(WriteSprintReport(harness.config(), "").ok());
}

TEST(RunSettingsTest, BadLocaleFailsBeforeAnyRequest) {
  testing::PipelineHarness harness;
  harness.config().report.locale = "xx-YY";
  auto outcome = harness.Run();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(harness.clickup().request_count(), 0u);
}

TEST(RunSettingsTest, BadTimezoneFailsBeforeAnyRequest) {
  testing::PipelineHarness harness;
  harness.config().timezone = "Mars/Olympus";
  auto outcome = harness.Run();
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.status().message().find("Mars/Olympus"), std::string::npos);
  EXPECT_EQ(harness.clickup().request_count(), 0u);
}

TEST(RunSettingsTest, SprintNotEndedIsWarned) {
  testing::PipelineHarness harness;
  auto outcome = harness.Run("2026-11-17T12:00:00Z", "Sprint 42");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  bool warned = false;
  for (const auto& warning : outcome->warnings) {
    warned = warned || warning.find("has not ended yet") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace sprintetl::pipeline
