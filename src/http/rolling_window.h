// RollingWindow counts the requests of one rolling rate window (HubSpot's
// TEN_SECONDLY_ROLLING burst limit, or its per-second limit) on the client.
//
// A request occupies a slot from the moment it is sent until `interval` after
// its response arrived. The server counted the request before it responded, so a
// slot freed that way is free on the server too, whether the server rolls its
// window or restarts it at fixed times. Not thread-safe: RateBudget guards it.
#pragma once

#include <chrono>
#include <deque>
#include <optional>

namespace sprintetl::http {

class RollingWindow {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RollingWindow(std::chrono::milliseconds interval) : interval_(interval) {}

  // Sets the requests allowed per interval, as the server states them.
  void SetLimit(long long limit) { limit_ = limit; }
  void SetInterval(std::chrono::milliseconds interval) { interval_ = interval; }
  bool limit_known() const { return limit_.has_value(); }

  // Returns the earliest time one more request fits beside `in_flight`
  // requests in flight: `now` when it fits at once, nullopt when only a
  // response can free a slot (every slot is taken by a request in flight).
  // Requires limit_known().
  std::optional<Clock::time_point> NextFreeSlot(Clock::time_point now, long long in_flight);

  // Keeps a slot taken until `interval` after `responded_at`.
  void RecordResponse(Clock::time_point responded_at);

  // Takes in the server's count when it is higher than the local one, e.g.
  // because another client shares the token: the difference takes slots for
  // a whole interval from `now`.
  void MatchServerCount(long long server_remaining, long long in_flight, Clock::time_point now);

 private:
  void DropExpired(Clock::time_point now);

  std::optional<long long> limit_;
  std::chrono::milliseconds interval_;
  std::deque<Clock::time_point> releases_;  // when completed requests leave the window, ascending
};

}  // namespace sprintetl::http
