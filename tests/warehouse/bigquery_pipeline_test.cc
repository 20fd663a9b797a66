// The whole pipeline with warehouse.kind = "bigquery" against the fake
// BigQuery, compared with the same run on DuckDB.
//
// The models and data tests go out rendered for BigQuery. The fake runs them
// on DuckDB after a mechanical translation, with DuckDB macros standing in for
// the BigQuery functions the models call (fake_bigquery_sql.h), so this test
// proves the backend's path and that the BigQuery rendering builds the same
// star. That real BigQuery accepts the SQL is checked separately, with
// ZetaSQL (the zetasql_bigquery_statements ctest test).
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

// Removes the second cell (source_page) of each row of a stage table's dump
// and sorts the rows again. The raw page files are numbered in the order the
// parallel list reads finish, so the same task can get a different page
// number in each run (seen between runs of this test).
std::string WithoutSourcePage(const std::string& dump) {
  std::vector<std::string> rows;
  size_t start = 0;
  while (start < dump.size()) {
    size_t end = dump.find('\n', start);
    if (end == std::string::npos) end = dump.size();
    std::string row = dump.substr(start, end - start);
    size_t first = row.find('|');
    size_t second = first == std::string::npos ? first : row.find('|', first + 1);
    if (second != std::string::npos) row.erase(first, second - first);
    rows.push_back(row);
    start = end + 1;
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const std::string& row : rows) out += row + "\n";
  return out;
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
  bool bigquery_hash_in_script = false;
  bool duckdb_sql_in_script = false;
  for (const auto& request : bigquery.fake().requests()) {
    if (request.body.find("BEGIN TRANSACTION;") == std::string::npos) continue;
    script_seen = true;
    if (request.body.find("ASSERT (SELECT COUNT(*)") != std::string::npos) {
      assertions_in_script = true;
    }
    if (request.body.find("TO_HEX(MD5(CAST(TO_JSON_STRING([") != std::string::npos) {
      bigquery_hash_in_script = true;
    }
    for (const char* duckdb_only : {"md5(CAST(to_json(", "EXCLUDE (", "AS VARCHAR)", "unnest(",
                                    "FILTER (WHERE", "timezone("}) {
      if (request.body.find(duckdb_only) != std::string::npos) duckdb_sql_in_script = true;
    }
  }
  EXPECT_TRUE(script_seen);
  EXPECT_TRUE(assertions_in_script);
  EXPECT_TRUE(bigquery_hash_in_script);
  EXPECT_FALSE(duckdb_sql_in_script);
  EXPECT_TRUE(bigquery.fake().CreatedLayout("sprintetl_test.fat_task_sprint").has_value());

  for (const char* table : kComparedTables) {
    std::string expected = duckdb_run.TableDump(table);
    std::string actual = bigquery_run.TableDump(table);
    EXPECT_FALSE(expected.empty()) << table;
    if (std::string(table).rfind("stg_", 0) == 0) {
      expected = WithoutSourcePage(expected);
      actual = WithoutSourcePage(actual);
    }
    EXPECT_EQ(WithoutPageNumbers(WithoutTrailingZeros(actual)),
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
