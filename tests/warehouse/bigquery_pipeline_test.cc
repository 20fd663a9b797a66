// The whole pipeline with warehouse.kind = "bigquery" against the fake
// BigQuery, compared with the same run on DuckDB.
//
// NOTE: the model and data-test SQL is still DuckDB's dialect. The fake
// BigQuery runs query text on DuckDB after a mechanical translation, so it
// accepts that SQL where real BigQuery would not. What this test proves is
// the BigQuery backend's path: the BigQuery schema DDL, dataset creation, load
// jobs for every stage file, the transaction script with the data tests as
// ASSERT statements, and the bookkeeping reads and writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/pipeline_harness.h"
#include "warehouse/bigquery_harness.h"

namespace sprintetl::warehouse {
namespace {

// applied_run is left out because its applied_at is the wall clock.
const char* const kComparedTables[] = {
    "stg_task",  "stg_customer",    "dim_customer",        "dim_task",
    "dim_squad", "fat_task_sprint", "fat_customer_service"};

// Replaces the number of each landed page file ("raw/hubspot/000041.json.zst") in a
// TableDump and sorts its rows again, because concurrent reads land pages in a different
// order in each run.
std::string WithoutPageNumbers(const std::string& dump) {
  static const std::regex kPageFile(R"(raw/([a-z]+)/\d+\.json\.zst)");
  std::istringstream rows(std::regex_replace(dump, kPageFile, "raw/$1/N.json.zst"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(rows, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());

  std::string sorted;
  for (const std::string& line : lines) sorted += line + "\n";
  return sorted;
}

// Rewrites every decimal cell of a TableDump without trailing fractional
// zeros, because BigQuery's NUMERIC (DECIMAL(38,9) in the fake) and DuckDB's
// DECIMAL(9,2) print the same value with different scales.
std::string WithoutTrailingZeros(const std::string& dump) {
  static const std::regex kDecimal(R"(^-?\d+\.\d+$)");
  std::string out;
  std::string cell;
  for (char c : dump) {
    if (c != '|' && c != '\n') {
      cell += c;
      continue;
    }
    if (std::regex_match(cell, kDecimal)) {
      cell.erase(cell.find_last_not_of('0') + 1);
      if (cell.back() == '.') cell.pop_back();
    }
    out += cell + c;
    cell.clear();
  }
  return out + cell;
}

TEST(BigQueryPipelineTest, LoadsStageAndBuildsSameStarAsDuckDb) {
  testing::PipelineHarness duckdb_run;
  auto duckdb_outcome = duckdb_run.Run();
  ASSERT_TRUE(duckdb_outcome.ok()) << duckdb_outcome.status().ToString();

  testing::BigQueryHarness bigquery;
  testing::PipelineHarness bigquery_run;
  bigquery_run.config().warehouse.kind = "bigquery";
  bigquery_run.config().warehouse.bigquery = bigquery.settings();
  auto outcome = bigquery_run.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->sprint_id, duckdb_outcome->sprint_id);

  // Every non-empty stage file went up as a load job; nothing was streamed.
  EXPECT_GT(bigquery.fake().load_jobs(), 5);
  EXPECT_EQ(bigquery.CountRequests("insertAll"), 0);
  bool script_seen = false;
  bool assertions_in_script = false;
  for (const auto& request : bigquery.fake().requests()) {
    if (request.body.find("BEGIN TRANSACTION;") == std::string::npos) continue;
    script_seen = true;
    if (request.body.find("ASSERT (SELECT COUNT(*)") != std::string::npos) {
      assertions_in_script = true;
    }
  }
  EXPECT_TRUE(script_seen);
  EXPECT_TRUE(assertions_in_script);
  EXPECT_TRUE(bigquery.fake().CreatedLayout("sprintetl_test.fat_task_sprint").has_value());

  for (const char* table : kComparedTables) {
    std::string expected = duckdb_run.TableDump(table);
    EXPECT_FALSE(expected.empty()) << table;
    EXPECT_EQ(WithoutPageNumbers(WithoutTrailingZeros(bigquery_run.TableDump(table))),
              WithoutPageNumbers(WithoutTrailingZeros(expected)))
        << table;
  }
  EXPECT_EQ(bigquery.fake().Scalar("SELECT count(*) FROM sprintetl_test.run_state "
                                   "WHERE status = 'ok'"),
            "1");
  EXPECT_EQ(bigquery.fake().Scalar("SELECT count(*) FROM sprintetl_test.applied_run"), "1");
}

}  // namespace
}  // namespace sprintetl::warehouse
