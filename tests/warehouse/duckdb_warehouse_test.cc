#include "build_info.h"
#include "warehouse/duckdb_warehouse.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {
namespace {

namespace fs = std::filesystem;

class DuckDbWarehouseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sprintetl-duckdb-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = DuckDbWarehouse::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    warehouse_ = std::move(opened).value();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string WriteFile(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::optional<std::string> Scalar(const std::string& sql) {
    auto result = warehouse_->Query(sql);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok() || result->rows.empty()) return std::nullopt;
    return result->rows[0][0];
  }

  fs::path dir_;
  std::unique_ptr<DuckDbWarehouse> warehouse_;
};

TEST_F(DuckDbWarehouseTest, ExecuteRunsSeveralStatements) {
  ASSERT_TRUE(warehouse_
                  ->Execute("CREATE TABLE t (x INTEGER);\n"
                            "-- a comment; with a semicolon\n"
                            "INSERT INTO t VALUES (1), (2);\n"
                            "INSERT INTO t VALUES (3);")
                  .ok());
  EXPECT_EQ(Scalar("SELECT sum(x) FROM t"), "6");
}

TEST_F(DuckDbWarehouseTest, ExecuteErrorNamesFailingStatement) {
  Status status = warehouse_->Execute(
      "CREATE TABLE t (x INTEGER);\n\nINSERT INTO no_such_table VALUES (1);\nSELECT 1;");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("no_such_table"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("[SQL: INSERT INTO no_such_table VALUES (1)"), std::string::npos)
      << status.message();
}

TEST_F(DuckDbWarehouseTest, ExecuteAcceptsCommentOnlyText) {
  EXPECT_TRUE(warehouse_->Execute("-- nothing to run\n").ok());
}

TEST_F(DuckDbWarehouseTest, QueryReturnsTextAndNulls) {
  auto result = warehouse_->Query(
      "SELECT 1 AS i, CAST(2.5 AS DECIMAL(9,2)) AS d, NULL AS n, 'x' AS s, "
      "TIMESTAMP '2024-05-01 10:00:00' AS ts, DATE '2024-05-02' AS day, true AS b");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->rows.size(), 1u);
  const auto& row = result->rows[0];
  EXPECT_EQ(row[result->ColumnIndex("i")], "1");
  EXPECT_EQ(row[result->ColumnIndex("d")], "2.50");
  EXPECT_EQ(row[result->ColumnIndex("n")], std::nullopt);
  EXPECT_EQ(row[result->ColumnIndex("s")], "x");
  EXPECT_EQ(row[result->ColumnIndex("ts")], "2024-05-01 10:00:00");
  EXPECT_EQ(row[result->ColumnIndex("day")], "2024-05-02");
  EXPECT_EQ(row[result->ColumnIndex("b")], "true");
  EXPECT_EQ(result->ColumnIndex("absent"), -1);
}

TEST_F(DuckDbWarehouseTest, QueryCastsNestedTypesKeepingOrder) {
  auto result = warehouse_->Query(
      "SELECT x, [CAST(x AS VARCHAR), 'b'] AS l, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS tz, "
      "CAST(NULL AS VARCHAR[]) AS empty FROM range(5) t(x) ORDER BY x DESC");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->rows.size(), 5u);
  EXPECT_EQ(result->columns[1], "l");
  EXPECT_EQ(result->rows[0][0], "4");
  EXPECT_EQ(result->rows[4][0], "0");
  EXPECT_EQ(result->rows[0][1], "[4, b]");
  EXPECT_EQ(result->rows[0][2], "2024-01-01 00:00:00+00");
  EXPECT_EQ(result->rows[0][3], std::nullopt);
}

TEST_F(DuckDbWarehouseTest, RollbackDiscardsChanges) {
  ASSERT_TRUE(warehouse_->Execute("CREATE TABLE t (x INTEGER)").ok());
  ASSERT_TRUE(warehouse_->Begin().ok());
  ASSERT_TRUE(warehouse_->Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(warehouse_->Rollback().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM t"), "0");
  ASSERT_TRUE(warehouse_->Begin().ok());
  ASSERT_TRUE(warehouse_->Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(warehouse_->Commit().ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM t"), "1");
}

TEST_F(DuckDbWarehouseTest, LoadNdjsonUsesTableTypes) {
  ASSERT_TRUE(EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
  std::string path = WriteFile(
      "stg_task.ndjson",
      R"({"run_id":"r1","task_id":"T1","points":"3.5","priority":2,)"
      R"("created_at":"2024-05-01T10:00:00Z","due_date":"2024-05-03","is_archived":false,)"
      R"("tags":["a","b"],"unknown_key":1})"
      "\n"
      R"({"run_id":"r1","task_id":"T2","points":null,"time_spent_ms":7200000})"
      "\n\n");
  auto loaded = warehouse_->LoadNdjson("stg_task", path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, 2);

  auto rows = warehouse_->Query(
      "SELECT task_id, points, priority, created_at, due_date, is_archived, tags, time_spent_ms, "
      "typeof(created_at) AS created_type, typeof(tags) AS tags_type "
      "FROM stg_task ORDER BY task_id");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 2u);
  const auto& first = rows->rows[0];
  EXPECT_EQ(first[rows->ColumnIndex("points")], "3.5");
  EXPECT_EQ(first[rows->ColumnIndex("priority")], "2");
  EXPECT_EQ(first[rows->ColumnIndex("created_at")], "2024-05-01 10:00:00");
  EXPECT_EQ(first[rows->ColumnIndex("due_date")], "2024-05-03");
  EXPECT_EQ(first[rows->ColumnIndex("is_archived")], "false");
  EXPECT_EQ(first[rows->ColumnIndex("tags")], "[a, b]");
  EXPECT_EQ(first[rows->ColumnIndex("created_type")], "TIMESTAMP");
  EXPECT_EQ(first[rows->ColumnIndex("tags_type")], "VARCHAR[]");
  const auto& second = rows->rows[1];
  EXPECT_EQ(second[rows->ColumnIndex("points")], std::nullopt);
  EXPECT_EQ(second[rows->ColumnIndex("created_at")], std::nullopt);
  EXPECT_EQ(second[rows->ColumnIndex("tags")], std::nullopt);
  EXPECT_EQ(second[rows->ColumnIndex("time_spent_ms")], "7200000");
}

TEST_F(DuckDbWarehouseTest, LoadNdjsonEmptyFileLoadsNothing) {
  ASSERT_TRUE(EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
  auto loaded = warehouse_->LoadNdjson("stg_member", WriteFile("empty.ndjson", ""));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, 0);
  auto blank = warehouse_->LoadNdjson("stg_member", WriteFile("blank.ndjson", "\n \n"));
  ASSERT_TRUE(blank.ok()) << blank.status().ToString();
  EXPECT_EQ(*blank, 0);
}

TEST_F(DuckDbWarehouseTest, LoadNdjsonMissingFileIsNotFound) {
  ASSERT_TRUE(EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
  std::string path = (dir_ / "absent.ndjson").string();
  auto loaded = warehouse_->LoadNdjson("stg_member", path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
}

TEST_F(DuckDbWarehouseTest, LoadNdjsonMalformedIsDataLoss) {
  ASSERT_TRUE(EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
  std::string path = WriteFile("bad.ndjson",
                               "{\"run_id\":\"r1\",\"member_id\":\"1\"}\n"
                               "{\"run_id\":\"r1\",\"member_id\": oops}\n");
  auto loaded = warehouse_->LoadNdjson("stg_member", path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(loaded.status().message().find("bad.ndjson"), std::string::npos)
      << loaded.status().message();
  EXPECT_NE(loaded.status().message().find("line"), std::string::npos) << loaded.status().message();
  EXPECT_EQ(Scalar("SELECT count(*) FROM stg_member"), "0");
}

TEST_F(DuckDbWarehouseTest, LoadNdjsonBadValueIsDataLoss) {
  ASSERT_TRUE(EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
  std::string path = WriteFile("conv.ndjson",
                               "{\"run_id\":\"r1\",\"squad_id\":\"s\","
                               "\"member_count\":\"many\"}\n");
  auto loaded = warehouse_->LoadNdjson("stg_squad", path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(loaded.status().message().find("conv.ndjson"), std::string::npos)
      << loaded.status().message();
}

TEST_F(DuckDbWarehouseTest, LoadNdjsonUnknownTableIsNotFound) {
  auto loaded = warehouse_->LoadNdjson("stg_nothing", WriteFile("x.ndjson", "{\"a\":1}\n"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
  EXPECT_NE(loaded.status().message().find("stg_nothing"), std::string::npos);
}

TEST_F(DuckDbWarehouseTest, EnsureSchemaIsIdempotent) {
  ASSERT_TRUE(EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
  ASSERT_TRUE(warehouse_->Execute("INSERT INTO run_log (run_id, step) VALUES ('r1', 'load')").ok());
  Status again = EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql");
  ASSERT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(Scalar("SELECT count(*) FROM run_log"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                   "('dim_customer', 'dim_squad', 'fat_task_sprint', 'archive_map')"),
            "4");
}

TEST_F(DuckDbWarehouseTest, EnsureSchemaMissingFolderIsNotFound) {
  Status status = EnsureSchema(*warehouse_, (dir_ / "nowhere").string());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
}

TEST(OpenWarehouseTest, RejectsUnknownKind) {
  config::Warehouse settings;
  settings.kind = "oracle";
  auto opened = OpenWarehouse(settings);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(opened.status().message(),
            "warehouse.kind 'oracle' is not supported; use 'duckdb' or 'bigquery'");
}

TEST(OpenWarehouseTest, CreatesParentFolderAndKeepsData) {
  fs::path dir =
      fs::temp_directory_path() / ("sprintetl-open-warehouse-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  config::Warehouse settings;
  settings.path = (dir / "nested" / "w.duckdb").string();
  {
    auto opened = OpenWarehouse(settings);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ((*opened)->Dialect(), "duckdb");
    ASSERT_TRUE((*opened)->Execute("CREATE TABLE t AS SELECT 42 AS x").ok());
  }
  {
    auto reopened = OpenWarehouse(settings);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    auto rows = (*reopened)->Query("SELECT x FROM t");
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(rows->rows.at(0).at(0), "42");
  }
  fs::remove_all(dir);
}

TEST(QuoteLiteralTest, DoublesSingleQuotes) {
  EXPECT_EQ(QuoteLiteral("it's"), "'it''s'");
  EXPECT_EQ(QuoteLiteral(""), "''");
}

}  // namespace
}  // namespace sprintetl::warehouse
