// The schema and the data tests on a BigQuery warehouse, against the fake
// BigQuery: EnsureSchema runs the BigQuery rendering of the schema files, and
// the data tests run as ASSERT statements inside the load's transaction.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "build_info.h"
#include "warehouse/bigquery_harness.h"
#include "warehouse/data_tests.h"
#include "warehouse/model_runner.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::warehouse {
namespace {

using Json = nlohmann::json;
using StageRows = std::map<std::string, std::vector<Json>>;
using testing::BigQueryHarness;

const std::string kSqlDir = SPRINTETL_SOURCE_DIR "/sql";

std::unique_ptr<BigQueryWarehouse> OpenOrDie(BigQueryHarness& harness) {
  auto opened = harness.Open();
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

std::string ColumnType(BigQueryHarness& harness, const std::string& table,
                       const std::string& column) {
  return harness.fake().Scalar(
      "SELECT data_type FROM information_schema.columns WHERE table_schema = 'sprintetl_test' "
      "AND table_name = '" + table + "' AND column_name = '" + column + "'");
}

// Two sprints, two customers, two squads and three tasks.
StageRows ValidRows() {
  StageRows rows;
  rows["stg_list"] = {{{"list_id", "L1"}, {"name", "Sprint 1"}, {"is_sprint", true},
                       {"start_date", "2024-01-01"}, {"end_date", "2024-01-14"}},
                      {{"list_id", "L2"}, {"name", "Sprint 2"}, {"is_sprint", true},
                       {"start_date", "2024-01-15"}, {"end_date", "2024-01-28"}}};
  rows["stg_squad"] = {{{"squad_id", "SQA"}, {"name", "Alpha"}, {"capacity_points", 20}},
                       {{"squad_id", "SQB"}, {"name", "Beta"}, {"capacity_points", 10}}};
  rows["stg_customer"] = {
      {{"customer_id", "C1"}, {"name", "Acme"}, {"squad_id", "SQA"}, {"contracted_points", 10}},
      {{"customer_id", "C2"}, {"name", "Globex"}, {"squad_id", "SQB"}}};
  rows["stg_task"] = {
      {{"task_id", "T1"}, {"status_type", "done"}, {"customer_id", "C1"}, {"points", 3}},
      {{"task_id", "T2"}, {"status_type", "custom"}, {"customer_id", "C2"}, {"points", 5}},
      {{"task_id", "T3"}, {"status_type", "open"}, {"points", 2}}};
  rows["stg_task_list"] = {{{"task_id", "T1"}, {"list_id", "L1"}},
                           {{"task_id", "T2"}, {"list_id", "L1"}},
                           {{"task_id", "T3"}, {"list_id", "L1"}}};
  return rows;
}

// Loads `rows` as run `run_id` and runs the models and data tests in one
// transaction, the way the pipeline's load step does.
Status Apply(BigQueryHarness& harness, Warehouse& warehouse, const std::string& run_id,
             const StageRows& rows, const std::string& snapshot_at,
             const std::string& sprint_id) {
  ModelParams params{run_id, sprint_id, snapshot_at, "Europe/Paris", {}};
  auto load = [&]() -> Status {
    for (const auto& [table, table_rows] : rows) {
      std::string text;
      for (Json row : table_rows) {
        row["run_id"] = run_id;
        row["source_page"] = "page-1";
        text += row.dump() + "\n";
      }
      std::string path = harness.WriteStageFile(run_id, table, text);
      SPRINTETL_RETURN_IF_ERROR(warehouse.LoadNdjson(table, path).status());
    }
    return Status::Ok();
  };
  auto check = [&]() { return RunDataTestsOrFail(warehouse, kSqlDir + "/tests", params); };
  return RunModels(warehouse, kSqlDir + "/models", params, load, check).status();
}

std::string Dump(Warehouse& warehouse, const std::string& table) {
  auto result = warehouse.Query("SELECT * FROM " + table + " ORDER BY ALL");
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return "";
  std::string dump;
  for (const auto& row : result->rows) {
    for (const auto& value : row) dump += value.value_or("NULL") + "|";
    dump += "\n";
  }
  return dump;
}

TEST(BigQuerySchemaTest, CreatesTypedPartitionedTables) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_NE(warehouse, nullptr);
  Status schema = EnsureSchema(*warehouse, kSqlDir);
  ASSERT_TRUE(schema.ok()) << schema.ToString();

  bool rendered_ddl_sent = false;
  for (const auto& request : harness.fake().requests()) {
    if (request.body.find("CREATE TABLE IF NOT EXISTS `sprintetl_test.dim_customer`") !=
        std::string::npos) {
      rendered_ddl_sent = true;
    }
  }
  EXPECT_TRUE(rendered_ddl_sent);
  // The fake stores NUMERIC as DECIMAL(38,9), while the DuckDB schema declares DECIMAL(9,2).
  EXPECT_EQ(ColumnType(harness, "dim_customer", "contracted_points"), "DECIMAL(38,9)");
  EXPECT_EQ(ColumnType(harness, "dim_customer", "services"), "VARCHAR[]");
  EXPECT_EQ(ColumnType(harness, "dim_date", "date_key"), "BIGINT");

  for (const char* fact :
       {"sprintetl_test.fat_task_sprint", "sprintetl_test.fat_customer_service"}) {
    std::optional<fakes::TableLayout> layout = harness.fake().CreatedLayout(fact);
    ASSERT_TRUE(layout.has_value()) << fact;
    EXPECT_EQ(layout->partition_by, "sprint_end_date") << fact;
    EXPECT_EQ(layout->cluster_by, (std::vector<std::string>{"customer_id", "squad_id"})) << fact;
  }
  EXPECT_FALSE(harness.fake().CreatedLayout("sprintetl_test.dim_customer").has_value());
}

TEST(BigQuerySchemaTest, SecondRunChangesNothing) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_NE(warehouse, nullptr);
  ASSERT_TRUE(EnsureSchema(*warehouse, kSqlDir).ok());
  ASSERT_TRUE(warehouse->Execute("INSERT INTO run_log (run_id, step) VALUES ('r1', 'load')").ok());

  Status again = EnsureSchema(*warehouse, kSqlDir);
  EXPECT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.run_log"), "1");
}

TEST(BigQuerySchemaTest, OlderTableGainsNewColumns) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_NE(warehouse, nullptr);
  // A fact table made before task_key and sprint_end_date existed.
  ASSERT_TRUE(warehouse
                  ->Execute("CREATE TABLE `sprintetl_test.fat_task_sprint` (sprint_id STRING, "
                            "task_id STRING, points NUMERIC)")
                  .ok());
  ASSERT_TRUE(
      warehouse->Execute("INSERT INTO `sprintetl_test.fat_task_sprint` VALUES ('L1', 'T1', 3)")
          .ok());

  Status schema = EnsureSchema(*warehouse, kSqlDir);
  ASSERT_TRUE(schema.ok()) << schema.ToString();
  EXPECT_EQ(ColumnType(harness, "fat_task_sprint", "sprint_end_date"), "DATE");
  EXPECT_EQ(ColumnType(harness, "fat_task_sprint", "task_key"), "BIGINT");
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.fat_task_sprint "
                                  "WHERE task_id = 'T1' AND points = 3"),
            "1");
  // The existing table keeps its layout: CREATE TABLE IF NOT EXISTS did nothing.
  EXPECT_FALSE(harness.fake().CreatedLayout("sprintetl_test.fat_task_sprint").has_value());
}

TEST(BigQuerySchemaTest, ValidRunPassesDataTests) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_NE(warehouse, nullptr);
  ASSERT_TRUE(EnsureSchema(*warehouse, kSqlDir).ok());

  Status applied = Apply(harness, *warehouse, "r1", ValidRows(), "2024-01-16 08:00:00", "L1");
  ASSERT_TRUE(applied.ok()) << applied.ToString();
  EXPECT_EQ(harness.fake().Scalar("SELECT count(*) FROM sprintetl_test.dim_task"), "3");
  int assertions = 0;
  for (const auto& request : harness.fake().requests()) {
    for (size_t at = request.body.find("ASSERT (SELECT COUNT(*)"); at != std::string::npos;
         at = request.body.find("ASSERT (SELECT COUNT(*)", at + 1)) {
      ++assertions;
    }
  }
  EXPECT_EQ(assertions, 7);
}

TEST(BigQuerySchemaTest, FailingDataTestRollsBackLoad) {
  BigQueryHarness harness;
  auto warehouse = OpenOrDie(harness);
  ASSERT_NE(warehouse, nullptr);
  ASSERT_TRUE(EnsureSchema(*warehouse, kSqlDir).ok());
  ASSERT_TRUE(Apply(harness, *warehouse, "r1", ValidRows(), "2024-01-16 08:00:00", "L1").ok());
  const char* const kTables[] = {"stg_task", "dim_task", "dim_customer", "fat_task_sprint",
                                 "applied_run"};
  std::map<std::string, std::string> before;
  for (const char* table : kTables) before[table] = Dump(*warehouse, table);

  StageRows rows = ValidRows();
  rows["stg_customer"][0]["name"] = "Acme Corp";
  rows["stg_task"][0]["points"] = -3;
  Status failed = Apply(harness, *warehouse, "r2", rows, "2024-01-30 08:00:00", "L2");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("data test 060_no_negative_points failed"), std::string::npos)
      << failed.message();
  for (const char* table : kTables) {
    EXPECT_EQ(Dump(*warehouse, table), before[table]) << table;
  }
}

}  // namespace
}  // namespace sprintetl::warehouse
