// RateBudget paces requests to one API under its published rate limit.
//
// It starts from a configured guess and retunes itself from the rate-limit
// headers each response carries (limit, remaining, reset). Acquire() blocks
// until a request may be sent. Thread-safe.
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

  // Blocks until one more request fits in the budget, then takes it.
  void Acquire();

  // Updates the budget from a response's lower-cased headers.
  void Observe(const std::map<std::string, std::string>& headers);

  // Blocks all requests until `until` (after a 429).
  void PauseUntil(Clock::time_point until);

  // The wait a 429 response requests: Retry-After, else the reset
  // header, else `fallback`.
  std::chrono::milliseconds WaitAfter429(const std::map<std::string, std::string>& headers,
                                         std::chrono::milliseconds fallback) const;

 private:
  RateHeaders names_;
  std::mutex mutex_;
  std::optional<long long> remaining_;
  std::optional<long long> last_reset_header_;  // the reset header of the last response
  long long uncounted_sends_ = 0;  // requests sent while no count was known
  Clock::time_point window_reset_{};
  Clock::time_point paused_until_{};
};

}  // namespace sprintetl::http
