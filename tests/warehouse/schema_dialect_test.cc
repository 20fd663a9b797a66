#include "warehouse/schema_dialect.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "build_info.h"

namespace sprintetl::warehouse {
namespace {

TEST(SchemaDialectTest, MapsTypes) {
  const std::pair<std::string, std::string> cases[] = {
      {"VARCHAR", "STRING"},     {"BIGINT", "INT64"},        {"INTEGER", "INT64"},
      {"DOUBLE", "FLOAT64"},     {"DECIMAL(9,2)", "NUMERIC"}, {"DECIMAL(18, 2)", "NUMERIC"},
      {"BOOLEAN", "BOOL"},       {"timestamp", "TIMESTAMP"},  {"DATE", "DATE"},
      {"VARCHAR[]", "ARRAY<STRING>"}, {"BLOB", ""},           {"BLOB[]", ""}};
  for (const auto& [duckdb, bigquery] : cases) {
    EXPECT_EQ(BigQueryType(duckdb), bigquery) << duckdb;
  }
}

TEST(SchemaDialectTest, TranslatesCreateTable) {
  auto statements = TranslateSchemaToBigQuery(
      "-- head\nCREATE TABLE IF NOT EXISTS archive_map (\n"
      "  task_id VARCHAR NOT NULL, \"rows\" BIGINT, -- a comment\n"
      "  points DECIMAL(9,2), tags VARCHAR[],\n"
      "  PRIMARY KEY (task_id)\n);\n",
      "ds", "x.sql");
  ASSERT_TRUE(statements.ok()) << statements.status().ToString();
  ASSERT_EQ(statements->size(), 1u);
  EXPECT_EQ((*statements)[0],
            "CREATE TABLE IF NOT EXISTS `ds.archive_map` (\n"
            "  `task_id` STRING NOT NULL,\n"
            "  `rows` INT64,\n"
            "  `points` NUMERIC,\n"
            "  `tags` ARRAY<STRING>\n"
            ")");
}

TEST(SchemaDialectTest, PartitionsAndClustersFacts) {
  auto statements = TranslateSchemaToBigQuery(
      "CREATE TABLE IF NOT EXISTS fat_x (sprint_end_date DATE, customer_id VARCHAR, "
      "squad_id VARCHAR);",
      "ds", "x.sql");
  ASSERT_TRUE(statements.ok()) << statements.status().ToString();
  ASSERT_EQ(statements->size(), 1u);
  EXPECT_NE((*statements)[0].find(")\nPARTITION BY sprint_end_date\nCLUSTER BY customer_id, "
                                  "squad_id"),
            std::string::npos);
}

TEST(SchemaDialectTest, TranslatesAddColumn) {
  auto statements = TranslateSchemaToBigQuery(
      "ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS task_key BIGINT;", "ds", "x.sql");
  ASSERT_TRUE(statements.ok()) << statements.status().ToString();
  ASSERT_EQ(statements->size(), 1u);
  EXPECT_EQ((*statements)[0],
            "ALTER TABLE `ds.dim_task` ADD COLUMN IF NOT EXISTS `task_key` INT64");
}

TEST(SchemaDialectTest, RejectsOtherStatements) {
  auto statements = TranslateSchemaToBigQuery("CREATE VIEW v AS SELECT 1;", "ds", "x.sql");
  ASSERT_FALSE(statements.ok());
  EXPECT_NE(statements.status().message().find("x.sql statement 'CREATE VIEW v AS SELECT 1'"),
            std::string::npos)
      << statements.status().message();
}

TEST(SchemaDialectTest, RejectsUnknownType) {
  auto statements =
      TranslateSchemaToBigQuery("CREATE TABLE IF NOT EXISTS t (a BLOB);", "ds", "x.sql");
  ASSERT_FALSE(statements.ok());
  EXPECT_NE(statements.status().message().find("cannot translate column 'a BLOB'"),
            std::string::npos)
      << statements.status().message();
}

TEST(SchemaDialectTest, RendersProjectSchema) {
  auto statements = RenderBigQuerySchema(SPRINTETL_SOURCE_DIR "/sql", "sprintetl");
  ASSERT_TRUE(statements.ok()) << statements.status().ToString();
  int creates = 0;
  for (const std::string& statement : *statements) {
    if (statement.rfind("CREATE TABLE IF NOT EXISTS `sprintetl.", 0) == 0) ++creates;
  }
  // Every table the schema files create, however many there are.
  int declared = 0;
  for (const char* file : {"/sql/stage/stage_tables.sql", "/sql/warehouse/bookkeeping.sql"}) {
    std::ifstream in(std::string(SPRINTETL_SOURCE_DIR) + file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("CREATE TABLE IF NOT EXISTS ", 0) == 0) ++declared;
    }
  }
  EXPECT_GT(declared, 0);
  EXPECT_EQ(creates, declared);
}

}  // namespace
}  // namespace sprintetl::warehouse
