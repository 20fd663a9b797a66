#include "warehouse/data_test_assertions.h"

#include <gtest/gtest.h>

namespace sprintetl::warehouse {
namespace {

TEST(DataTestAssertionTest, WrapsQueryAndNamesTest) {
  DataTest test{"060_no_negative_points", "SELECT 'x' AS problem FROM t WHERE n < 0"};
  std::string assertion = DataTestAssertion(test);
  EXPECT_EQ(assertion.rfind("ASSERT (SELECT COUNT(*) FROM (\nSELECT 'x' AS problem FROM t WHERE "
                            "n < 0\n) AS offending) = 0 AS 'data test 060_no_negative_points "
                            "failed: ",
                            0),
            0u)
      << assertion;
  EXPECT_EQ(assertion.back(), '\'');
}

TEST(DataTestAssertionTest, EscapesQuotesInDescription) {
  DataTest test{"it's", "SELECT 1"};
  std::string assertion = DataTestAssertion(test);
  EXPECT_NE(assertion.find("'data test it\\'s failed"), std::string::npos) << assertion;
}

}  // namespace
}  // namespace sprintetl::warehouse
