#include "core/progress.h"

#include <gtest/gtest.h>

namespace sprintetl::progress {
namespace {

TEST(ProgressTest, SecondsLeftFromAllowedRate) {
  // 40 of 100 expected pages landed, at ClickUp's 100 requests a minute.
  EXPECT_DOUBLE_EQ(SecondsLeft(100, 40, 100.0 / 60.0), 36.0);
}

TEST(ProgressTest, SecondsLeftNeverNegative) {
  EXPECT_DOUBLE_EQ(SecondsLeft(10, 25, 2.0), 0.0);
}

TEST(ProgressTest, SecondsLeftUnknownWithoutExpectationOrRate) {
  EXPECT_DOUBLE_EQ(SecondsLeft(0, 0, 2.0), -1.0);
  EXPECT_DOUBLE_EQ(SecondsLeft(10, 0, 0.0), -1.0);
}

}  // namespace
}  // namespace sprintetl::progress
