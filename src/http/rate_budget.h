// RateBudget paces requests to one API under its published rate limit.
//
// It learns the budget from the rate-limit headers each response carries (limit, remaining,
// reset) and counts the requests still in flight against it, so concurrent workers use the
// whole window without being rejected. Acquire() blocks until a request may be sent.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace sprintetl::http {

// The header names one API uses. ClickUp: X-RateLimit-Limit/-Remaining/-Reset
// with the reset in Unix seconds. HubSpot: X-HubSpot-RateLimit-Max/-Remaining
// and -Interval-Milliseconds for its rolling window.
struct RateHeaders {
  std::string api;  // "clickup" or "hubspot", for log lines
  std::string limit = "x-ratelimit-limit";
  std::string remaining = "x-ratelimit-remaining";
  std::string reset_epoch_seconds = "x-ratelimit-reset";  // empty when not sent
  std::string interval_ms;                                 // empty when not sent
};

class RateBudget {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateBudget(RateHeaders headers);

  // Blocks until one more request fits in the budget, then counts it as in flight.
  void Acquire();

  // Ends one request taken by Acquire() and updates the budget from its response's
  // lower-cased headers. Requires one call per Acquire(), with empty headers when no
  // response arrived.
  void Observe(const std::map<std::string, std::string>& headers);

  // Blocks all requests until `until` (after a 429).
  void PauseUntil(Clock::time_point until);

  // The wait a 429 response requests: Retry-After, else the reset
  // header, else `fallback`.
  std::chrono::milliseconds WaitAfter429(const std::map<std::string, std::string>& headers,
                                         std::chrono::milliseconds fallback) const;

 private:
  // Requests that may still be sent in the current window, or nullopt when unknown.
  std::optional<long long> AvailableLocked() const;
  void LogWaitLocked(Clock::time_point until, const char* reason);

  RateHeaders names_;
  std::mutex mutex_;
  std::condition_variable changed_;  // signalled when a response ends a request
  // The lowest remaining count the server stated in the current window: the newest count,
  // because a window's count only falls.
  std::optional<long long> window_remaining_;
  std::optional<long long> limit_;              // the last stated limit per window
  std::optional<long long> last_reset_header_;  // the reset header of the last response
  long long in_flight_ = 0;                     // taken by Acquire(), not yet Observe()d
  Clock::time_point window_reset_{};
  Clock::time_point paused_until_{};
  Clock::time_point logged_wait_until_{};  // the end of the last wait logged
};

}  // namespace sprintetl::http
