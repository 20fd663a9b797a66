#include "fakes/fake_bigquery_sql.h"

#include <gtest/gtest.h>

#include "warehouse/duckdb_warehouse.h"

namespace sprintetl::fakes {
namespace {

TEST(FakeBigQuerySqlTest, RewritesBacktickedPaths) {
  EXPECT_EQ(TranslateBigQuerySql("SELECT * FROM `p.d.t` JOIN `d.u` USING (id) JOIN `v`"),
            R"(SELECT * FROM "d"."t" JOIN "d"."u" USING (id) JOIN "v")");
}

TEST(FakeBigQuerySqlTest, RewritesTypes) {
  EXPECT_EQ(TranslateBigQuerySql("CREATE TABLE t (a INT64, b FLOAT64, c STRING, d BOOL, "
                                 "e NUMERIC, f ARRAY<STRING>)"),
            "CREATE TABLE t (a BIGINT, b DOUBLE, c VARCHAR, d BOOLEAN, e DECIMAL(38,9), "
            "f VARCHAR[])");
  EXPECT_EQ(TranslateBigQuerySql("SELECT CAST(x AS int64)"), "SELECT CAST(x AS BIGINT)");
}

TEST(FakeBigQuerySqlTest, RewritesTransactionEnd) {
  EXPECT_EQ(TranslateBigQuerySql("BEGIN TRANSACTION;\nDELETE FROM t;\nCOMMIT TRANSACTION;"),
            "BEGIN TRANSACTION;\nDELETE FROM t;\nCOMMIT;");
  EXPECT_EQ(TranslateBigQuerySql("ROLLBACK TRANSACTION"), "ROLLBACK");
}

TEST(FakeBigQuerySqlTest, KeepsLiteralsAndComments) {
  EXPECT_EQ(TranslateBigQuerySql("SELECT 'STRING `x`' -- INT64 here\n, \"INT64\""),
            "SELECT 'STRING `x`' -- INT64 here\n, \"INT64\"");
}

TEST(FakeBigQuerySqlTest, NamesUnnestedColumns) {
  EXPECT_EQ(TranslateBigQuerySql("SELECT s FROM t, UNNEST(t.ids) AS s WHERE s <> ''"),
            "SELECT s FROM t, UNNEST(t.ids) AS _unnest_s(s) WHERE s <> ''");
  EXPECT_EQ(TranslateBigQuerySql("FROM UNNEST(SPLIT(x, ' ')) AS w WITH OFFSET AS p ORDER BY p"),
            "FROM UNNEST(SPLIT(x, ' ')) WITH ORDINALITY AS _unnest_w(w, p) ORDER BY p");
  EXPECT_EQ(TranslateBigQuerySql("SELECT UNNEST(ids) FROM t"), "SELECT UNNEST(ids) FROM t");
}

TEST(FakeBigQuerySqlTest, RenamesFunctionsDuckDbSpellsDifferently) {
  EXPECT_EQ(TranslateBigQuerySql("SELECT TO_HEX(MD5(x)), DATE(t, 'UTC'), TIMESTAMP(d, 'UTC')"),
            "SELECT bq_to_hex(bq_md5(x)), bq_date(t, 'UTC'), bq_timestamp(d, 'UTC')");
  EXPECT_EQ(TranslateBigQuerySql("SELECT CAST(x AS DATE), DATE '2024-01-01', TIMESTAMP 'x'"),
            "SELECT CAST(x AS DATE), DATE '2024-01-01', TIMESTAMP 'x'");
}

TEST(FakeBigQuerySqlTest, MacrosGiveBigQueryResults) {
  auto duckdb = warehouse::DuckDbWarehouse::Open(":memory:");
  ASSERT_TRUE(duckdb.ok()) << duckdb.status().ToString();
  ASSERT_TRUE((*duckdb)->Execute(BigQueryFunctionMacros()).ok());
  const std::pair<const char*, const char*> cases[] = {
      {"TO_HEX(MD5('abc'))", "900150983cd24fb0d6963f7d28e17f72"},
      {"TO_JSON_STRING(['a', 'b'])", R"(["a","b"])"},
      {"DATE(TIMESTAMP '2024-01-01 23:30:00', 'Europe/Paris')", "2024-01-02"},
      {"DATE(2024, 12, 31)", "2024-12-31"},
      {"TIMESTAMP(DATE '2024-01-02', 'Europe/Paris')", "2024-01-01 23:00:00"},
      {"FORMAT_DATE('%G-%V-%u', DATE '2021-01-01')", "2020-53-5"},
      {"REGEXP_REPLACE('seo__audit-x', '[_-]+', ' ')", "seo audit x"},
      {"ARRAY_LENGTH(GENERATE_DATE_ARRAY(DATE '2024-02-27', DATE '2024-03-01'))", "4"},
      {"ARRAY_TO_STRING(ARRAY(SELECT w FROM UNNEST(SPLIT('b a c', ' ')) AS w WITH OFFSET AS p "
       "ORDER BY p), ',')",
       "b,a,c"},
  };
  for (const auto& [expression, expected] : cases) {
    auto result = (*duckdb)->Query(TranslateBigQuerySql(std::string("SELECT ") + expression));
    ASSERT_TRUE(result.ok()) << expression << ": " << result.status().ToString();
    EXPECT_EQ(result->rows.at(0).at(0).value_or("NULL"), expected) << expression;
  }
}

TEST(FakeBigQuerySqlTest, MapsDuckDbTypesToSchemaTypes) {
  bool repeated = false;
  EXPECT_EQ(BigQueryTypeOf("VARCHAR[]", &repeated), "STRING");
  EXPECT_TRUE(repeated);
  EXPECT_EQ(BigQueryTypeOf("DECIMAL(9,2)", &repeated), "NUMERIC");
  EXPECT_FALSE(repeated);
  EXPECT_EQ(BigQueryTypeOf("TIMESTAMP WITH TIME ZONE", &repeated), "TIMESTAMP");
  EXPECT_EQ(BigQueryTypeOf("INTEGER", &repeated), "INTEGER");
}

TEST(FakeBigQuerySqlTest, StripsPartitionAndCluster) {
  TableLayout layout;
  std::string stripped = StripTableLayout(
      "CREATE TABLE IF NOT EXISTS \"d\".\"fat\" (\n  a DATE,\n  b DECIMAL(38,9)\n)\n"
      "PARTITION BY a\nCLUSTER BY c1, c2\nOPTIONS (description = 'x')",
      &layout);
  EXPECT_EQ(stripped,
            "CREATE TABLE IF NOT EXISTS \"d\".\"fat\" (\n  a DATE,\n  b DECIMAL(38,9)\n)");
  EXPECT_EQ(layout.table, "d.fat");
  EXPECT_EQ(layout.partition_by, "a");
  EXPECT_EQ(layout.cluster_by, (std::vector<std::string>{"c1", "c2"}));
}

TEST(FakeBigQuerySqlTest, LeavesOtherStatementsAlone) {
  TableLayout layout;
  const std::string plain = "CREATE TABLE t (a BIGINT)";
  EXPECT_EQ(StripTableLayout(plain, &layout), plain);
  EXPECT_TRUE(layout.table.empty());
  const std::string as_select = "CREATE TEMP TABLE t AS SELECT count(*) AS n FROM u";
  EXPECT_EQ(StripTableLayout(as_select, &layout), as_select);
  EXPECT_TRUE(layout.table.empty());
}

TEST(FakeBigQuerySqlTest, ParsesAssert) {
  std::string condition, description;
  ASSERT_TRUE(ParseAssert("ASSERT (SELECT 1) = 0 AS 'it\\'s broken'", &condition, &description));
  EXPECT_EQ(condition, "(SELECT 1) = 0");
  EXPECT_EQ(description, "it's broken");

  ASSERT_TRUE(ParseAssert("  assert(x > 'a')", &condition, &description));
  EXPECT_EQ(condition, "(x > 'a')");
  EXPECT_EQ(description, "");

  EXPECT_FALSE(ParseAssert("ASSERTED_VIEW", &condition, &description));
  EXPECT_FALSE(ParseAssert("SELECT 1", &condition, &description));
}

}  // namespace
}  // namespace sprintetl::fakes
