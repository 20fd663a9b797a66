// RateBudget paces requests to one API under its published rate limit.
//
// It learns the budget from the rate-limit headers each response carries. With
// a reset time (ClickUp) it spends the stated remaining count, less the requests
// still in flight, and then waits for the reset, so concurrent workers use the
// whole window without being rejected. With a rolling window (HubSpot) it counts
// its own requests per window (RollingWindow), for the 10-second and the
// per-second limit, and stops sending once the daily count is used up.
// Acquire() blocks until a request may be sent and Complete() ends it.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/status.h"
#include "http/rolling_window.h"

namespace sprintetl::http {

// The header names one API uses. ClickUp: X-RateLimit-Limit/-Remaining/-Reset
// with the reset in Unix seconds. HubSpot: X-HubSpot-RateLimit-Max/-Remaining
// and -Interval-Milliseconds for its rolling window, -Secondly/-Secondly-Remaining
// and -Daily/-Daily-Remaining. An empty name means the API does not send it.
struct RateHeaders {
  std::string api;  // "clickup" or "hubspot", for log lines
  std::string limit = "x-ratelimit-limit";
  std::string remaining = "x-ratelimit-remaining";
  std::string reset_epoch_seconds = "x-ratelimit-reset";
  std::string interval_ms;
  std::string secondly_limit;
  std::string secondly_remaining;
  std::string daily_limit;
  std::string daily_remaining;
  // Pace by counting requests per `interval_ms` window instead of spending
  // `remaining` until the reset.
  bool rolling_window = false;
};

class RateBudget {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateBudget(RateHeaders headers);

  // Blocks until one more request fits in the budget, then takes it; each
  // successful call must be followed by one Complete(). Fails with
  // kUnavailable, without waiting, when the last response stated that the
  // daily count is used up.
  [[nodiscard]] Status Acquire();

  // Ends a request taken by Acquire() once its response (or transport error)
  // arrived, so its place in the budget is freed.
  void Complete();

  // Updates the budget from a response's lower-cased headers. Call it before
  // Complete() for that response.
  void Observe(const std::map<std::string, std::string>& headers);

  // Blocks all requests until `until` (after a 429).
  void PauseUntil(Clock::time_point until);

  // The wait a 429 response requests: Retry-After, else the reset header,
  // else one second when only the per-second window is used up, else the
  // interval header, else `fallback`.
  std::chrono::milliseconds WaitAfter429(const std::map<std::string, std::string>& headers,
                                         std::chrono::milliseconds fallback) const;

 private:
  Status DailyLimitReached() const;
  // Reset mode: requests that may still be sent in the current window, or nullopt when
  // unknown.
  std::optional<long long> AvailableLocked() const;
  // Returns when the rolling windows let one more request go: now, a later time, or nullopt
  // until a response arrives.
  std::optional<Clock::time_point> RollingSlot(Clock::time_point now);
  void ObserveRolling(const std::map<std::string, std::string>& headers);
  void SetAllowedRate(const std::map<std::string, std::string>& headers);
  void LogWaitLocked(Clock::time_point until, const char* reason);

  RateHeaders names_;
  std::mutex mutex_;
  std::condition_variable changed_;  // signalled when a request ends or a pause is set
  // Reset mode: the lowest remaining count the server stated in the current window, the
  // newest count, because a window's count only falls.
  std::optional<long long> window_remaining_;
  std::optional<long long> limit_;  // the last stated limit per window
  std::optional<long long> last_reset_header_;  // the reset header of the last response
  long long in_flight_ = 0;                     // taken by Acquire(), not yet Complete()d
  Clock::time_point window_reset_{};
  Clock::time_point paused_until_{};
  Clock::time_point logged_wait_until_{};  // the end of the last wait given an info line

  // Rolling mode only.
  RollingWindow burst_window_{std::chrono::milliseconds(10000)};
  RollingWindow secondly_window_{std::chrono::milliseconds(1000)};
  std::optional<long long> daily_limit_;
  std::optional<long long> daily_remaining_;
};

}  // namespace sprintetl::http
