// A run that fails in any step, resumed, must end with the same warehouse as
// a run that never failed.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "build_info.h"
#include "core/time_format.h"
#include "pipeline/pipeline_harness.h"

namespace sprintetl::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::PipelineHarness;

constexpr const char* kClock = "2026-11-17T12:00:00Z";

const char* const kModelTables[] = {
    "dim_date",    "dim_customer", "dim_squad",           "dim_member",
    "dim_service", "dim_sprint",   "dim_task",            "bridge_squad_member",
    "bridge_task_service", "fat_task_sprint", "fat_customer_service"};

std::map<std::string, std::string> DumpModels(PipelineHarness& harness) {
  std::map<std::string, std::string> dumps;
  for (const char* table : kModelTables) dumps[table] = harness.TableDump(table);
  return dumps;
}

// The warehouse of a run that never failed, computed once for every test.
const std::map<std::string, std::string>& Uninterrupted() {
  static const std::map<std::string, std::string> dumps = [] {
    PipelineHarness harness;
    auto outcome = harness.Run(kClock);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return DumpModels(harness);
  }();
  return dumps;
}

Result<RunOutcome> Resume(PipelineHarness& harness, const std::string& run_id = "") {
  RunOptions options;
  options.resume_run_id = run_id;
  // The resumed run must take the clock of run.json, not this one.
  options.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      *ParseUtc("2027-01-01T00:00:00Z"));
  return RunSprintEnd(harness.config(), options);
}

// Requests for the workspace's user groups, which only the extract step sends.
size_t ExtractRequests(PipelineHarness& harness) {
  size_t count = 0;
  for (const auto& request : harness.clickup().requests()) {
    if (request.path.find("/v2/group") != std::string::npos) ++count;
  }
  return count;
}

size_t ClickUpRequests(PipelineHarness& harness, const std::string& path_part) {
  size_t count = 0;
  for (const auto& request : harness.clickup().requests()) {
    if (request.path.find(path_part) != std::string::npos) ++count;
  }
  return count;
}

// Fails a run in `step` with `break_step`, repairs it with `repair`, resumes,
// and compares the models with the uninterrupted run's.
void FailAndResume(const std::string& step, const std::function<void(PipelineHarness&)>& break_step,
                   const std::function<void(PipelineHarness&)>& repair) {
  const auto& expected = Uninterrupted();
  PipelineHarness harness;
  break_step(harness);
  auto failed = harness.Run(kClock);
  bool step_failed = !failed.ok() || !failed->archive_failures.empty();
  ASSERT_TRUE(step_failed) << step << " did not fail";
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_log WHERE step = '" + step + "'"), "failed");
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_state"), "failed");

  repair(harness);
  harness.clickup().ClearRequests();
  auto resumed = Resume(harness);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_TRUE(resumed->resumed);
  EXPECT_TRUE(resumed->archive_failures.empty());
  EXPECT_EQ(resumed->run_id, "r20261117T120000Z");
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_state"), "ok");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM run_state"), "1");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM run_log WHERE step = '" + step +
                           "' AND status = 'ok'"),
            "1");
  if (step == "extract") {
    EXPECT_EQ(ExtractRequests(harness), 0u) << "pages landed before the failure are reused";
    EXPECT_GT(ClickUpRequests(harness, "/v2/list/901800110042/task"), 0u)
        << "the page that failed is fetched";
  } else {
    EXPECT_EQ(ExtractRequests(harness), 0u) << "the extract ran again";
  }

  ASSERT_FALSE(expected.at("fat_task_sprint").empty());
  ASSERT_FALSE(expected.at("dim_customer").empty());
  auto actual = DumpModels(harness);
  for (const char* table : kModelTables) {
    EXPECT_EQ(actual[table], expected.at(table)) << table << " after failing in " << step;
  }
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), "9");
}

TEST(ResumeTest, FailedExtractResumes) {
  FailAndResume(
      "extract",
      [](PipelineHarness& h) {
        h.clickup().InjectFault("/v2/list/901800110042/task", {fakes::FaultKind::kHttp503, 3});
      },
      [](PipelineHarness&) {});
}

TEST(ResumeTest, FailedTransformResumes) {
  // The ClickUp user's time zone is unknown, which only the transform reads. Setting the
  // zone in the config fixes it without extracting again.
  FailAndResume(
      "transform", [](PipelineHarness& h) { h.UseClickUpScenario("unknown_timezone"); },
      [](PipelineHarness& h) { h.config().timezone = "America/New_York"; });
}

TEST(ResumeTest, FailedLoadResumes) {
  FailAndResume(
      "load_and_models",
      [](PipelineHarness& h) {
        // A copy of sql/ whose last model is broken.
        fs::path sql = h.dir() / "sql";
        fs::copy(std::string(SPRINTETL_SOURCE_DIR) + "/sql", sql, fs::copy_options::recursive);
        std::ofstream(sql / "models" / "110_fat_customer_service.sql", std::ios::app)
            << "\nSELECT no_such_column FROM no_such_table;\n";
        setenv("SPRINTETL_SQL_DIR", sql.c_str(), 1);
      },
      [](PipelineHarness&) { unsetenv("SPRINTETL_SQL_DIR"); });
}

TEST(ResumeTest, FailedReportResumes) {
  FailAndResume(
      "report",
      [](PipelineHarness& h) {
        // The report file's name is taken by a folder: the folder is writable, so the
        // checks before the run pass, but the report cannot be renamed into place.
        fs::create_directories(h.dir() / "report-as-folder" / "report.html");
        h.config().report.path = (h.dir() / "report-as-folder" / "report.html").string();
      },
      [](PipelineHarness& h) { h.config().report.path = (h.dir() / "report.html").string(); });
}

TEST(ResumeTest, FailedArchiveResumes) {
  std::string space;
  FailAndResume(
      "archive",
      [&](PipelineHarness& h) {
        space = h.config().archive.space_id;
        h.config().archive.space_id = "99999999";
      },
      [&](PipelineHarness& h) { h.config().archive.space_id = space; });
}

TEST(ResumeTest, KilledRunResumesByDefault) {
  PipelineHarness harness;
  harness.clickup().InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kHttp503, 3});
  ASSERT_FALSE(harness.Run(kClock).ok());
  // A killed process leaves its row "running"; the run lock shows it is dead.
  auto warehouse = warehouse::OpenWarehouse(harness.config().warehouse);
  ASSERT_TRUE(warehouse.ok());
  ASSERT_TRUE((*warehouse)->Execute("UPDATE run_state SET status = 'running'").ok());
  warehouse->reset();

  auto resumed = Resume(harness);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(resumed->run_id, "r20261117T120000Z");
  EXPECT_EQ(harness.TableDump("fat_task_sprint"), Uninterrupted().at("fat_task_sprint"));
}

size_t HubSpotRequests(PipelineHarness& harness, const std::string& path_part) {
  size_t count = 0;
  for (const auto& request : harness.hubspot().requests()) {
    if (request.path.find(path_part) != std::string::npos) ++count;
  }
  return count;
}

TEST(ResumeTest, FailedHubSpotReadReusesLandedPages) {
  PipelineHarness harness;
  harness.hubspot().InjectFault("/crm/v3/pipelines/deals", {fakes::FaultKind::kHttp503, 3});
  ASSERT_FALSE(harness.Run(kClock).ok());
  ASSERT_GT(HubSpotRequests(harness, "/crm/v3/properties/"), 0u);

  harness.hubspot().ClearRequests();
  auto resumed = Resume(harness);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(HubSpotRequests(harness, "/crm/v3/properties/"), 0u)
      << "the property lists landed before the failure are read from the run folder";
  EXPECT_EQ(HubSpotRequests(harness, "/crm/v3/pipelines/deals"), 1u);
  auto actual = DumpModels(harness);
  for (const char* table : kModelTables) {
    EXPECT_EQ(actual[table], Uninterrupted().at(table)) << table;
  }
}

TEST(ResumeTest, UnknownSprintIsNotRetried) {
  PipelineHarness harness;
  // A copy of sql/ whose last model is broken fails the run after its transform.
  fs::path sql = harness.dir() / "sql";
  fs::copy(std::string(SPRINTETL_SOURCE_DIR) + "/sql", sql, fs::copy_options::recursive);
  std::ofstream(sql / "models" / "110_fat_customer_service.sql", std::ios::app)
      << "\nSELECT no_such_column FROM no_such_table;\n";
  setenv("SPRINTETL_SQL_DIR", sql.c_str(), 1);
  ASSERT_FALSE(harness.Run(kClock, "Sprint 41").ok());
  unsetenv("SPRINTETL_SQL_DIR");

  // The run.json of a run whose --sprint matched no list, as runs made before names were
  // checked at the start could leave behind.
  fs::path run_json = fs::path(harness.config().landing_root) / "r20261117T120000Z" / "run.json";
  nlohmann::json info = nlohmann::json::parse(std::ifstream(run_json));
  info["sprint"] = "Sprint 99";
  info.erase("chosen_sprint");
  std::ofstream(run_json, std::ios::trunc) << info.dump(2);

  harness.clickup().ClearRequests();
  auto resumed = Resume(harness);
  ASSERT_FALSE(resumed.ok());
  EXPECT_EQ(resumed.status().code(), StatusCode::kFailedPrecondition);
  const std::string& message = resumed.status().message();
  EXPECT_NE(message.find("r20261117T120000Z cannot be resumed"), std::string::npos) << message;
  EXPECT_NE(message.find("--sprint 'Sprint 99'"), std::string::npos) << message;
  EXPECT_NE(message.find("Run `sprintetl run --sprint NAME`"), std::string::npos) << message;
  EXPECT_EQ(harness.clickup().request_count(), 0u);
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_state"), "failed");
}

TEST(ResumeTest, DamagedLandedPageIsReplaced) {
  PipelineHarness harness;
  harness.hubspot().InjectFault("/crm/v3/pipelines/deals", {fakes::FaultKind::kHttp503, 3});
  ASSERT_FALSE(harness.Run(kClock).ok());
  fs::path page = fs::path(harness.config().landing_root) / "r20261117T120000Z" / "raw" /
                  "clickup" / "000000.json.zst";
  ASSERT_TRUE(fs::exists(page));
  std::ofstream(page, std::ios::binary | std::ios::trunc) << "not the landed page";

  auto resumed = Resume(harness);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  auto actual = DumpModels(harness);
  for (const char* table : kModelTables) {
    EXPECT_EQ(actual[table], Uninterrupted().at(table)) << table;
  }
}

TEST(ResumeTest, ResumeKeepsFullRefresh) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run(kClock).ok());
  harness.hubspot().InjectFault("/crm/v3/pipelines/deals", {fakes::FaultKind::kHttp503, 3});
  RunOptions full_refresh;
  full_refresh.full_refresh = true;
  ASSERT_FALSE(harness.Run("2026-11-17T13:00:00Z", full_refresh).ok());

  harness.hubspot().ClearRequests();
  auto resumed = Resume(harness);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_EQ(HubSpotRequests(harness, "/search"), 0u)
      << "the resumed run reads everything, as the --full-refresh run it continues";
}

TEST(ResumeTest, PathIsRejectedAsRunId) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run(kClock).ok());
  auto resumed = Resume(harness, "../landing/r20261117T120000Z");
  ASSERT_FALSE(resumed.ok());
  EXPECT_EQ(resumed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM run_state"), "1");
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_state"), "ok");
}

TEST(ResumeTest, NothingToResumeIsNotFound) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run(kClock).ok());
  auto latest = Resume(harness);
  ASSERT_FALSE(latest.ok());
  EXPECT_EQ(latest.status().code(), StatusCode::kNotFound);

  auto finished = Resume(harness, "r20261117T120000Z");
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(finished.status().message().find("finished ok"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::pipeline
