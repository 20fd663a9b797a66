#include "http/rate_budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <string>
#include <thread>

#include "http/http_client.h"

namespace sprintetl::http {
namespace {

using Headers = std::map<std::string, std::string>;
using std::chrono::milliseconds;

long long UnixSecondsFromNow(int seconds) {
  auto at = std::chrono::system_clock::now() + std::chrono::seconds(seconds);
  return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

Headers ClickUpHeaders(int limit, int remaining, long long reset_unix_seconds) {
  return {{"x-ratelimit-limit", std::to_string(limit)},
          {"x-ratelimit-remaining", std::to_string(remaining)},
          {"x-ratelimit-reset", std::to_string(reset_unix_seconds)}};
}

// True when Acquire() on another thread returns within `timeout`. A blocked call is left
// running, so the caller must unblock it before `pending` goes out of scope.
bool AcquiresWithin(RateBudget& budget, std::future<void>& pending, milliseconds timeout) {
  pending = std::async(std::launch::async, [&budget] { EXPECT_TRUE(budget.Acquire().ok()); });
  return pending.wait_for(timeout) == std::future_status::ready;
}

TEST(RateBudgetTest, InFlightRequestsCountedOnlyUntilAnswered) {
  RateBudget budget(RateHeaders{});
  long long reset = UnixSecondsFromNow(60);

  // Four requests are sent before any count is known. The server counted all four before
  // it sent the first response, so that count less the three others in flight is below zero.
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(budget.Acquire().ok());
  for (int i = 0; i < 4; ++i) {
    budget.Observe(ClickUpHeaders(5, 1, reset));
    budget.Complete();
  }

  std::future<void> fifth;
  EXPECT_TRUE(AcquiresWithin(budget, fifth, milliseconds(2000)));
  std::future<void> sixth;
  EXPECT_FALSE(AcquiresWithin(budget, sixth, milliseconds(200)));

  // A response stating a new window with room wakes the waiting request.
  budget.Observe(ClickUpHeaders(5, 4, reset + 60));
  EXPECT_EQ(sixth.wait_for(milliseconds(2000)), std::future_status::ready);
}

TEST(RateBudgetTest, RequestWithoutResponseFreesItsPlace) {
  RateBudget budget(RateHeaders{});
  budget.Observe(ClickUpHeaders(5, 1, UnixSecondsFromNow(60)));
  ASSERT_TRUE(budget.Acquire().ok());
  budget.Complete();  // the transport failed, so no response and no headers

  std::future<void> next;
  EXPECT_TRUE(AcquiresWithin(budget, next, milliseconds(2000)));
}

TEST(RateBudgetTest, WaitsForResetWhenWindowUsedUp) {
  RateBudget budget(RateHeaders{});
  long long reset = UnixSecondsFromNow(2);
  auto reset_at = std::chrono::system_clock::time_point(std::chrono::seconds(reset));
  budget.Observe(ClickUpHeaders(5, 0, reset));

  ASSERT_TRUE(budget.Acquire().ok());

  EXPECT_GE(std::chrono::system_clock::now(), reset_at);
}

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

RateHeaders HubSpotNames() {
  RateHeaders names;
  names.api = "hubspot";
  names.limit = "x-hubspot-ratelimit-max";
  names.remaining = "x-hubspot-ratelimit-remaining";
  names.reset_epoch_seconds = "";
  names.interval_ms = "x-hubspot-ratelimit-interval-milliseconds";
  names.daily_limit = "x-hubspot-ratelimit-daily";
  names.daily_remaining = "x-hubspot-ratelimit-daily-remaining";
  names.rolling_window = true;
  return names;
}

TEST(RateBudgetTest, SecondlyRejectionWaitsOneSecond) {
  RateHeaders names = HubSpotNames();
  names.secondly_remaining = "x-hubspot-ratelimit-secondly-remaining";
  RateBudget budget(names);
  auto wait = budget.WaitAfter429({{"x-hubspot-ratelimit-interval-milliseconds", "10000"},
                                   {"x-hubspot-ratelimit-remaining", "120"},
                                   {"x-hubspot-ratelimit-secondly-remaining", "0"}},
                                  std::chrono::milliseconds(1));
  EXPECT_EQ(wait, std::chrono::milliseconds(1000));
}

TEST(RateBudgetTest, BothWindowsUsedUpWaitInterval) {
  RateHeaders names = HubSpotNames();
  names.secondly_remaining = "x-hubspot-ratelimit-secondly-remaining";
  RateBudget budget(names);
  auto wait = budget.WaitAfter429({{"x-hubspot-ratelimit-interval-milliseconds", "10000"},
                                   {"x-hubspot-ratelimit-remaining", "0"},
                                   {"x-hubspot-ratelimit-secondly-remaining", "0"}},
                                  std::chrono::milliseconds(1));
  EXPECT_EQ(wait, std::chrono::milliseconds(10000));
}

TEST(RateBudgetTest, DailyCountUsedUpFailsAcquire) {
  RateBudget budget(HubSpotNames());
  ASSERT_TRUE(budget.Acquire().ok());
  budget.Observe({{"x-hubspot-ratelimit-daily", "10"},
                  {"x-hubspot-ratelimit-daily-remaining", "0"}});
  budget.Complete();
  Status status = budget.Acquire();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("daily request limit of 10"), std::string::npos)
      << status.message();
}

TEST(RateBudgetTest, RollingWindowWaitsForFreeSlot) {
  RateBudget budget(HubSpotNames());
  std::map<std::string, std::string> headers = {
      {"x-hubspot-ratelimit-max", "2"},
      {"x-hubspot-ratelimit-interval-milliseconds", "300"}};
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(budget.Acquire().ok());
    headers["x-hubspot-ratelimit-remaining"] = std::to_string(1 - i);
    budget.Observe(headers);
    budget.Complete();
  }
  auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(budget.Acquire().ok());
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(5)) << "waited for a default interval, not the stated one";
  budget.Complete();
}

TEST(RateBudgetTest, UnknownLimitSendsOneAtATime) {
  RateBudget budget(HubSpotNames());
  ASSERT_TRUE(budget.Acquire().ok());
  std::atomic<bool> second_sent{false};
  std::thread second([&] {
    EXPECT_TRUE(budget.Acquire().ok());
    second_sent = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(second_sent.load()) << "sent before the first answer stated the limit";
  budget.Complete();
  second.join();
  EXPECT_TRUE(second_sent.load());
  budget.Complete();
}

TEST(UrlEncodeTest, EncodesReservedAndUtf8) {
  EXPECT_EQ(UrlEncode("a,b c"), "a%2Cb%20c");
  EXPECT_EQ(UrlEncode("ø"), "%C3%B8");
  EXPECT_EQ(UrlEncode("safe-_.~"), "safe-_.~");
}

}  // namespace
}  // namespace sprintetl::http
