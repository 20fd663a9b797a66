#include "http/rolling_window.h"

#include <gtest/gtest.h>

namespace sprintetl::http {
namespace {

using std::chrono::milliseconds;

TEST(RollingWindowTest, FitsBelowLimit) {
  RollingWindow window(milliseconds(1000));
  window.SetLimit(2);
  auto now = RollingWindow::Clock::now();
  window.RecordResponse(now);
  EXPECT_EQ(window.NextFreeSlot(now, 0), now);
}

TEST(RollingWindowTest, SlotFreesIntervalAfterAnswer) {
  RollingWindow window(milliseconds(1000));
  window.SetLimit(2);
  auto start = RollingWindow::Clock::now();
  window.RecordResponse(start);
  window.RecordResponse(start + milliseconds(10));
  auto slot = window.NextFreeSlot(start + milliseconds(20), 0);
  ASSERT_TRUE(slot.has_value());
  EXPECT_EQ(*slot, start + milliseconds(1000));
}

TEST(RollingWindowTest, UnansweredRequestsHoldSlots) {
  RollingWindow window(milliseconds(1000));
  window.SetLimit(2);
  EXPECT_FALSE(window.NextFreeSlot(RollingWindow::Clock::now(), 2).has_value());
}

TEST(RollingWindowTest, ExpiredAnswersFreeSlots) {
  RollingWindow window(milliseconds(100));
  window.SetLimit(1);
  auto start = RollingWindow::Clock::now();
  window.RecordResponse(start);
  EXPECT_EQ(window.NextFreeSlot(start + milliseconds(100), 0), start + milliseconds(100));
}

TEST(RollingWindowTest, HigherServerCountHoldsSlots) {
  RollingWindow window(milliseconds(1000));
  window.SetLimit(5);
  auto now = RollingWindow::Clock::now();
  window.MatchServerCount(2, 0, now);  // the server counts 3 requests this client never sent
  EXPECT_EQ(window.NextFreeSlot(now, 1), now);
  auto slot = window.NextFreeSlot(now, 2);
  ASSERT_TRUE(slot.has_value());
  EXPECT_EQ(*slot, now + milliseconds(1000));
}

TEST(RollingWindowTest, LowerServerCountChangesNothing) {
  RollingWindow window(milliseconds(1000));
  window.SetLimit(2);
  auto now = RollingWindow::Clock::now();
  window.RecordResponse(now);
  window.RecordResponse(now);
  window.MatchServerCount(2, 0, now);
  EXPECT_NE(window.NextFreeSlot(now, 0), now);
}

}  // namespace
}  // namespace sprintetl::http
