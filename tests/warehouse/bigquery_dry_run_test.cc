// Dry runs of model files against the fake BigQuery, and `run --dry-run`.
#include <gtest/gtest.h>

#include <fstream>

#include "bigquery/dry_run.h"
#include "cli/cli_harness.h"
#include "warehouse/bigquery_harness.h"

namespace sprintetl::bigquery {
namespace {

using testing::BigQueryHarness;

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

TEST(BigQueryDryRunTest, ListsEveryStatementAndTotal) {
  BigQueryHarness harness;
  auto warehouse = harness.Open();
  ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
  ASSERT_TRUE((*warehouse)->Execute("CREATE TABLE `items` (id INT64, name STRING)").ok());
  ASSERT_TRUE((*warehouse)->Execute("INSERT INTO `items` VALUES (1, 'a'), (2, 'b')").ok());

  std::filesystem::path models = harness.dir() / "models";
  std::filesystem::create_directories(models);
  WriteText(models / "010_first.sql",
            "SELECT count(*) FROM `items` WHERE name = {{ run_id }};\nSELECT 1 AS one;\n");
  WriteText(models / "020_broken.sql", "SELECT no_such_column FROM `items`;\n");
  int jobs_before = harness.fake().query_jobs();

  warehouse::ModelParams params{"dry-run", "", "2026-11-17 12:00:00", "UTC"};
  auto report = DryRunModels(**warehouse, models.string(), params, 6.25);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->statements.size(), 3u);
  EXPECT_EQ(report->statements[0].model, "010_first.sql");
  EXPECT_EQ(report->statements[1].statement, 2);
  EXPECT_GT(report->statements[0].bytes, 0);
  EXPECT_EQ(report->statements[1].bytes, 0);
  EXPECT_EQ(report->failed, 1);
  EXPECT_NE(report->statements[2].error.find("invalidQuery"), std::string::npos);
  EXPECT_EQ(report->total_bytes, report->statements[0].bytes);
  EXPECT_DOUBLE_EQ(report->cost_usd, report->total_bytes / 1099511627776.0 * 6.25);
  EXPECT_EQ(harness.fake().query_jobs(), jobs_before);

  std::string text = FormatDryRunReport(*report, 6.25);
  EXPECT_NE(text.find("rejected: dry run of SQL: SELECT no_such_column FROM `items`: BigQuery "
                      "dry run failed: invalidQuery (HTTP 400)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("in 3 statements, estimated on-demand cost $"), std::string::npos);
  EXPECT_NE(text.find("rejected by BigQuery: 1 statements"), std::string::npos);
}

TEST(BigQueryDryRunTest, MissingModelFolderIsNotFound) {
  BigQueryHarness harness;
  auto warehouse = harness.Open();
  ASSERT_TRUE(warehouse.ok());
  warehouse::ModelParams params{"dry-run", "", "2026-11-17 12:00:00", "UTC"};
  auto report = DryRunModels(**warehouse, (harness.dir() / "none").string(), params, 6.25);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
}

TEST(RunDryRunCommandTest, RejectsDuckDbWarehouse) {
  testing::PipelineHarness harness;
  std::string config = testing::WriteHarnessConfig(harness);
  auto result = testing::RunSprintetl(harness, config, "run --dry-run");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("run --dry-run estimates BigQuery cost and needs "
                            "warehouse.kind = \"bigquery\", not 'duckdb'"),
            std::string::npos)
      << result.err;
}

TEST(RunDryRunCommandTest, PrintsBytesForBigQuery) {
  BigQueryHarness bigquery;
  testing::PipelineHarness harness;
  const config::BigQuery& settings = bigquery.settings();
  std::string config =
      testing::WriteHarnessConfig(harness, {{"[warehouse]\nkind = \"duckdb\"",
                                             "[warehouse]\nkind = \"bigquery\"\n"
                                             "bigquery.project = \"" +
                                                 settings.project +
                                                 "\"\n"
                                                 "bigquery.dataset = \"" +
                                                 settings.dataset +
                                                 "\"\n"
                                                 "bigquery.location = \"" +
                                                 settings.location +
                                                 "\"\n"
                                                 "bigquery.api_base_url = \"" +
                                                 settings.api_base_url +
                                                 "\"\n"
                                                 "bigquery.token_url = \"" +
                                                 settings.token_url +
                                                 "\"\n"
                                                 "bigquery.credentials_file = \"" +
                                                 settings.credentials_file + "\""}});
  auto result = testing::RunSprintetl(harness, config, "run --dry-run");
  // The models are still DuckDB SQL, so the fake may reject some; every file is listed.
  EXPECT_NE(result.out.find("010_dim_date.sql"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("total: "), std::string::npos) << result.out;
  EXPECT_EQ(bigquery.fake().load_jobs(), 0);
  EXPECT_GT(bigquery.CountRequests("/jobs"), 0);
}

}  // namespace
}  // namespace sprintetl::bigquery
