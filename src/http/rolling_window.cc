#include "http/rolling_window.h"

#include <algorithm>

namespace sprintetl::http {

void RollingWindow::DropExpired(Clock::time_point now) {
  while (!releases_.empty() && releases_.front() <= now) releases_.pop_front();
}

std::optional<RollingWindow::Clock::time_point> RollingWindow::NextFreeSlot(
    Clock::time_point now, long long in_flight) {
  DropExpired(now);
  long long used = static_cast<long long>(releases_.size()) + in_flight;
  if (used < *limit_) return now;

  // The slot that frees first is the (used - limit + 1)-th release; requests in flight keep
  // theirs until their responses arrive.
  long long must_free = used - *limit_ + 1;
  if (must_free > static_cast<long long>(releases_.size())) return std::nullopt;
  return releases_[static_cast<size_t>(must_free - 1)];
}

void RollingWindow::RecordResponse(Clock::time_point responded_at) {
  // Without a stated limit nothing reads the window, so it must not grow.
  DropExpired(responded_at);
  Clock::time_point release = responded_at + interval_;
  // Responses arrive in time order under RateBudget's lock, so pushing keeps the deque sorted;
  // the guard keeps it sorted should a caller pass an older time.
  if (!releases_.empty() && release < releases_.back()) release = releases_.back();
  releases_.push_back(release);
}

void RollingWindow::MatchServerCount(long long server_remaining, long long in_flight,
                                     Clock::time_point now) {
  if (!limit_) return;
  DropExpired(now);
  long long server_used = *limit_ - std::max(0LL, server_remaining);
  long long local_used = static_cast<long long>(releases_.size()) + in_flight;
  for (long long i = local_used; i < server_used; ++i) RecordResponse(now);
}

}  // namespace sprintetl::http
