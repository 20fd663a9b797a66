#include "fakes/fake_bigquery_sql.h"

#include <gtest/gtest.h>

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

TEST(FakeBigQuerySqlTest, MapsDuckDbTypesToSchemaTypes) {
  bool repeated = false;
  EXPECT_EQ(BigQueryTypeOf("VARCHAR[]", &repeated), "STRING");
  EXPECT_TRUE(repeated);
  EXPECT_EQ(BigQueryTypeOf("DECIMAL(9,2)", &repeated), "NUMERIC");
  EXPECT_FALSE(repeated);
  EXPECT_EQ(BigQueryTypeOf("TIMESTAMP WITH TIME ZONE", &repeated), "TIMESTAMP");
  EXPECT_EQ(BigQueryTypeOf("INTEGER", &repeated), "INTEGER");
}

}  // namespace
}  // namespace sprintetl::fakes
