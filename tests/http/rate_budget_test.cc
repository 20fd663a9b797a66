#include "http/rate_budget.h"

#include <gtest/gtest.h>

#include "http/http_client.h"

namespace sprintetl::http {
namespace {

TEST(RateBudgetTest, RetryAfterWinsOverReset) {
  RateBudget budget(RateHeaders{});
  auto wait = budget.WaitAfter429({{"retry-after", "7"}, {"x-ratelimit-reset", "1"}},
                                  std::chrono::milliseconds(1));
  EXPECT_EQ(wait, std::chrono::milliseconds(7000));
}

TEST(RateBudgetTest, ResetInPastWaitsOnlyMargin) {
  RateBudget budget(RateHeaders{});
  auto wait = budget.WaitAfter429({{"x-ratelimit-reset", "1"}}, std::chrono::milliseconds(1));
  EXPECT_LE(wait, std::chrono::milliseconds(100));
}

TEST(RateBudgetTest, HubSpotIntervalUsedWithoutReset) {
  RateHeaders names;
  names.reset_epoch_seconds = "";
  names.interval_ms = "x-hubspot-ratelimit-interval-milliseconds";
  RateBudget budget(names);
  auto wait = budget.WaitAfter429({{"x-hubspot-ratelimit-interval-milliseconds", "10000"}},
                                  std::chrono::milliseconds(1));
  EXPECT_EQ(wait, std::chrono::milliseconds(10000));
}

TEST(RateBudgetTest, FallbackWithoutHeaders) {
  RateBudget budget(RateHeaders{});
  EXPECT_EQ(budget.WaitAfter429({}, std::chrono::milliseconds(123)), std::chrono::milliseconds(123));
}

TEST(UrlEncodeTest, EncodesReservedAndUtf8) {
  EXPECT_EQ(UrlEncode("a,b c"), "a%2Cb%20c");
  EXPECT_EQ(UrlEncode("ø"), "%C3%B8");
  EXPECT_EQ(UrlEncode("safe-_.~"), "safe-_.~");
}

}  // namespace
}  // namespace sprintetl::http
