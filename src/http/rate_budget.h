// RateBudget paces requests to one API under its published rate limit.
//
// It retunes itself from the rate-limit headers each response carries. With
// a reset time (ClickUp) it spends the stated remaining count and then waits
// for the reset. With a rolling window (HubSpot) it counts its own requests
// per window (RollingWindow), for the 10-second and the per-second limit, and
// stops sending once the daily count is used up. Acquire() blocks until a
// request may be sent and Complete() ends it. Thread-safe.
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
  // arrived, so its rolling-window slot starts to expire.
  void Complete();

  // Updates the budget from a response's lower-cased headers. Call it before
  // Complete() for that response.
  void Observe(const std::map<std::string, std::string>& headers);

  // Blocks all requests until `until` (after a 429).
  void PauseUntil(Clock::time_point until);

  // The wait a 429 response requests: Retry-After, else the reset
  // header, else `fallback`.
  std::chrono::milliseconds WaitAfter429(const std::map<std::string, std::string>& headers,
                                         std::chrono::milliseconds fallback) const;

 private:
  Status DailyLimitReached() const;
  // Returns when the rolling windows let one more request go: now, a later time, or nullopt
  // until a response arrives.
  std::optional<Clock::time_point> RollingSlot(Clock::time_point now);
  void ObserveRolling(const std::map<std::string, std::string>& headers);
  void SetAllowedRate(const std::map<std::string, std::string>& headers) const;

  RateHeaders names_;
  std::mutex mutex_;
  std::condition_variable answered_;  // signalled by Complete() in rolling mode
  std::optional<long long> remaining_;
  std::optional<long long> last_reset_header_;  // the reset header of the last response
  long long uncounted_sends_ = 0;  // requests sent while no count was known
  Clock::time_point window_reset_{};
  Clock::time_point paused_until_{};

  // Rolling mode only.
  RollingWindow burst_window_{std::chrono::milliseconds(10000)};
  RollingWindow secondly_window_{std::chrono::milliseconds(1000)};
  long long in_flight_ = 0;
  Clock::time_point logged_wait_until_{};  // the last wait given an info line
  std::optional<long long> daily_limit_;
  std::optional<long long> daily_remaining_;
};

}  // namespace sprintetl::http
