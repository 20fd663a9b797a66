#include "warehouse/scd2_step.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "warehouse/model_template.h"

namespace sprintetl::warehouse {
namespace {

const std::string kBlock =
    "-- head\n"
    "{% scd2 table=dim_member key=member_id surrogate=member_key\n"
    "        attributes=username,\n"
    "                   initials missing=close %}\n"
    "  SELECT member_id, username, initials, changed_at, source_page FROM stg_member;\n"
    "{% endscd2 %}\n"
    "-- tail\n";

TEST(Scd2StepTest, ExpandsBlockBetweenText) {
  auto expanded = ExpandScd2Blocks(kBlock, {}, "m.sql");
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_EQ(expanded->rfind("-- head\n", 0), 0u);
  EXPECT_NE(expanded->find("CREATE OR REPLACE TEMP TABLE dim_member_change AS"),
            std::string::npos);
  EXPECT_NE(expanded->find("SET username = x.username, initials = x.initials,"),
            std::string::npos);
  EXPECT_EQ(expanded->find("{% scd2"), std::string::npos);
  EXPECT_EQ(expanded->find("{% endscd2"), std::string::npos);
  EXPECT_NE(expanded->find("-- tail\n"), std::string::npos);
}

TEST(Scd2StepTest, HashRendersForEachDialect) {
  auto expanded = ExpandScd2Blocks(kBlock, {}, "m.sql");
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  std::map<std::string, std::string> values = {{"run_id", "r1"}, {"snapshot_at", "s"}};

  auto duckdb = RenderModelTemplate(*expanded, values, "m.sql", {"duckdb", ""});
  ASSERT_TRUE(duckdb.ok()) << duckdb.status().ToString();
  EXPECT_NE(duckdb->find("(md5(CAST(to_json(["), std::string::npos);
  EXPECT_EQ(duckdb->find("TO_HEX"), std::string::npos);

  auto bigquery = RenderModelTemplate(*expanded, values, "m.sql", {"bigquery", "ds"});
  ASSERT_TRUE(bigquery.ok()) << bigquery.status().ToString();
  EXPECT_NE(bigquery->find("TO_HEX(MD5(CAST(TO_JSON_STRING(["), std::string::npos);
  EXPECT_EQ(bigquery->find("md5("), std::string::npos);
  EXPECT_EQ(bigquery->find("EXCLUDE"), std::string::npos);
  EXPECT_EQ(bigquery->find("VARCHAR"), std::string::npos);
}

TEST(Scd2StepTest, TypeOneCorrectsInPlace) {
  auto expanded = ExpandScd2Blocks(kBlock, {}, "m.sql");
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_NE(expanded->find("current_key IS NOT NULL AND (true) AS corrects_current"),
            std::string::npos);
  EXPECT_EQ(expanded->find("'missing' AS deleted_reason"), std::string::npos);
}

TEST(Scd2StepTest, HistoriedClosesMissingKeys) {
  auto expanded = ExpandScd2Blocks(kBlock, {"dim_member"}, "m.sql");
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_NE(expanded->find("AND (valid_from = current_from) AS corrects_current"),
            std::string::npos);
  EXPECT_NE(expanded->find("'missing' AS deleted_reason"), std::string::npos);
}

TEST(Scd2StepTest, RejectsUnclosedBlock) {
  auto expanded = ExpandScd2Blocks("SELECT 1;\n{% scd2 table=t key=k surrogate=s %}\nSELECT 1",
                                   {}, "m.sql");
  ASSERT_FALSE(expanded.ok());
  EXPECT_NE(expanded.status().message().find("m.sql line 2"), std::string::npos);
  EXPECT_NE(expanded.status().message().find("never closed"), std::string::npos);
}

TEST(Scd2StepTest, RejectsBadArguments) {
  const std::string cases[][2] = {
      {"table=t key=k attributes=a missing=keep", "needs surrogate="},
      {"table=t key=k surrogate=s missing=keep", "needs attributes="},
      {"table=t key=k surrogate=s attributes=a", "missing=close or missing=keep"},
      {"table=t key=k surrogate=s attributes=a missing=keep color=red", "'color'"},
      {"table=t key=k surrogate=s attributes=a;b missing=keep", "'a;b'"},
      {"table=t key=k surrogate=s attributes=a missing=keep oops", "'oops'"},
  };
  for (const auto& [header, expected] : cases) {
    auto expanded =
        ExpandScd2Blocks("{% scd2 " + header + " %} SELECT 1 {% endscd2 %}", {}, "m.sql");
    ASSERT_FALSE(expanded.ok()) << header;
    EXPECT_NE(expanded.status().message().find(expected), std::string::npos)
        << header << ": " << expanded.status().message();
  }
}

}  // namespace
}  // namespace sprintetl::warehouse
