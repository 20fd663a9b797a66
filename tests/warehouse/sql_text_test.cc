#include "warehouse/sql_text.h"

#include <gtest/gtest.h>

namespace sprintetl::warehouse {
namespace {

TEST(SqlTextTest, SplitsOutsideQuotesAndComments) {
  auto statements = SplitSqlStatements(
      "-- head; comment\nSELECT 'a;b';\n/* x; y */ SELECT \"c;d\" FROM t;\n\n-- tail only\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], "-- head; comment\nSELECT 'a;b'");
  EXPECT_EQ(statements[1], "/* x; y */ SELECT \"c;d\" FROM t");
}

TEST(SqlTextTest, DoubledQuoteStaysInLiteral) {
  auto statements = SplitSqlStatements("SELECT 'it''s; fine'; SELECT 2");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1], "SELECT 2");
}

TEST(SqlTextTest, FirstLineSkipsCommentsAndBlanks) {
  EXPECT_EQ(FirstSqlLine("\n-- note\n  INSERT INTO t\nVALUES (1)"), "INSERT INTO t");
  EXPECT_EQ(FirstSqlLine("-- only"), "");
  EXPECT_EQ(FirstSqlLine(std::string(300, 'x')).size(), 163u);
}

TEST(SqlTextTest, QuoteIdentifierDoublesQuotes) {
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace sprintetl::warehouse
