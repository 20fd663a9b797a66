#include "http/rate_budget.h"

#include <thread>

#include "core/log.h"
#include "core/progress.h"

namespace sprintetl::http {
namespace {

std::optional<long long> HeaderNumber(const std::map<std::string, std::string>& headers,
                                      const std::string& name) {
  if (name.empty()) return std::nullopt;
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  try {
    return std::stoll(it->second);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

RateBudget::RateBudget(RateHeaders headers) : names_(std::move(headers)) {}

Status RateBudget::DailyLimitReached() const {
  return Unavailable(names_.api + " daily request limit of " +
                     (daily_limit_ ? std::to_string(*daily_limit_) : std::string("?")) +
                     " is used up (" + names_.daily_remaining + ": " +
                     std::to_string(*daily_remaining_) + "); the count resets at midnight in "
                     "the portal's time zone, so run again after that");
}

std::optional<RateBudget::Clock::time_point> RateBudget::RollingSlot(Clock::time_point now) {
  // Until a response states the limit, one request at a time finds it out.
  if (!burst_window_.limit_known()) {
    if (in_flight_ > 0) return std::nullopt;
    return now;
  }
  std::optional<Clock::time_point> slot = burst_window_.NextFreeSlot(now, in_flight_);
  if (slot && secondly_window_.limit_known()) {
    std::optional<Clock::time_point> second = secondly_window_.NextFreeSlot(now, in_flight_);
    if (!second) return std::nullopt;
    slot = std::max(*slot, *second);
  }
  return slot;
}

Status RateBudget::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    auto now = Clock::now();
    // Sending more after the daily count is used up only collects 429 replies until midnight.
    if (daily_remaining_ && *daily_remaining_ - in_flight_ <= 0) return DailyLimitReached();
    if (now < paused_until_) {
      auto until = paused_until_;
      auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
      if (wait_ms >= 1000) {
        log::Get("http")->info("http.rate_wait api={} wait_ms={} reason=\"429 from the server\"",
                               names_.api, wait_ms);
      }
      lock.unlock();
      std::this_thread::sleep_until(until);
      lock.lock();
      continue;
    }
    if (names_.rolling_window) {
      std::optional<Clock::time_point> slot = RollingSlot(now);
      if (!slot) {
        answered_.wait(lock);
        continue;
      }
      if (*slot > now) {
        auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*slot - now).count();
        // Concurrent readers wait for the same slot; one line per wait is enough.
        if (wait_ms >= 1000 && *slot != logged_wait_until_) {
          logged_wait_until_ = *slot;
          log::Get("http")->info("http.rate_wait api={} wait_ms={} reason=\"rolling window "
                                 "full\"", names_.api, wait_ms);
        }
        answered_.wait_until(lock, *slot);
        continue;
      }
      ++in_flight_;
      return Status::Ok();
    }
    // With no requests left in the window, wait for the reset the server stated.
    // A reset already past means the window rolled over, so the count is stale.
    if (remaining_ && *remaining_ <= 0 && now < window_reset_) {
      auto until = window_reset_;
      auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
      if (wait_ms >= 1000) {
        log::Get("http")->info("http.rate_wait api={} wait_ms={} reason=\"rate limit window "
                               "used up\"", names_.api, wait_ms);
      }
      lock.unlock();
      std::this_thread::sleep_until(until);
      lock.lock();
      continue;
    }
    if (remaining_ && *remaining_ <= 0) remaining_.reset();
    if (remaining_) {
      --*remaining_;
    } else {
      ++uncounted_sends_;
    }
    return Status::Ok();
  }
}

void RateBudget::Complete() {
  if (!names_.rolling_window) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = Clock::now();
    burst_window_.RecordAnswer(now);
    secondly_window_.RecordAnswer(now);
    --in_flight_;
  }
  answered_.notify_all();
}

void RateBudget::ObserveRolling(const std::map<std::string, std::string>& headers) {
  auto now = Clock::now();
  if (auto interval = HeaderNumber(headers, names_.interval_ms); interval && *interval > 0) {
    burst_window_.SetInterval(std::chrono::milliseconds(*interval));
  }
  if (auto limit = HeaderNumber(headers, names_.limit); limit && *limit > 0) {
    burst_window_.SetLimit(*limit);
  }
  if (auto remaining = HeaderNumber(headers, names_.remaining)) {
    burst_window_.MatchServerCount(*remaining, in_flight_, now);
  }
  if (auto limit = HeaderNumber(headers, names_.secondly_limit); limit && *limit > 0) {
    secondly_window_.SetLimit(*limit);
  }
  if (auto remaining = HeaderNumber(headers, names_.secondly_remaining)) {
    secondly_window_.MatchServerCount(*remaining, in_flight_, now);
  }
  if (auto limit = HeaderNumber(headers, names_.daily_limit)) daily_limit_ = limit;
  if (auto remaining = HeaderNumber(headers, names_.daily_remaining)) daily_remaining_ = remaining;
}

void RateBudget::Observe(const std::map<std::string, std::string>& headers) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (names_.rolling_window) {
    ObserveRolling(headers);
    SetAllowedRate(headers);
    // The first stated limit lets the requests that waited for it go side by side.
    answered_.notify_all();
    return;
  }
  auto remaining = HeaderNumber(headers, names_.remaining);
  if (!remaining) return;
  // Concurrent requests make a response's count stale: requests sent after it was counted
  // are already taken off the local count. Within one window the lower count is the true one.
  auto reset_header = HeaderNumber(headers, names_.reset_epoch_seconds);
  // A late response counted in an earlier window tells nothing about the current one.
  if (reset_header && last_reset_header_ && *reset_header < *last_reset_header_) return;
  bool same_window = reset_header && reset_header == last_reset_header_;
  if (same_window && remaining_) {
    remaining_ = std::min(*remaining_, *remaining);
  } else {
    // Requests sent before any count was known, other than the one answered here, may not be
    // in this count yet; taking them off can only make the budget wait too long.
    remaining_ = std::max(0LL, *remaining - std::max(0LL, uncounted_sends_ - 1));
  }
  uncounted_sends_ = 0;
  if (reset_header) last_reset_header_ = reset_header;

  SetAllowedRate(headers);

  if (auto reset = HeaderNumber(headers, names_.reset_epoch_seconds)) {
    auto wall_now = std::chrono::system_clock::now();
    auto reset_at = std::chrono::system_clock::time_point(std::chrono::seconds(*reset));
    auto wait = std::chrono::duration_cast<Clock::duration>(reset_at - wall_now);
    // The reset is in whole seconds; a small margin avoids racing the server's clock.
    window_reset_ = Clock::now() + std::max(wait, Clock::duration::zero()) +
                    std::chrono::milliseconds(50);
  } else if (auto interval = HeaderNumber(headers, names_.interval_ms)) {
    window_reset_ = Clock::now() + std::chrono::milliseconds(*interval);
  }
}

void RateBudget::SetAllowedRate(const std::map<std::string, std::string>& headers) const {
  // The allowed pace for the progress line's estimate: HubSpot states its window; ClickUp's
  // limit is per minute (ClickUp's rate-limit documentation) and sends only the reset.
  if (auto limit = HeaderNumber(headers, names_.limit)) {
    auto window_ms = HeaderNumber(headers, names_.interval_ms).value_or(60000);
    if (window_ms > 0) {
      progress::SetAllowedRate(names_.api, static_cast<double>(*limit) * 1000.0 /
                                               static_cast<double>(window_ms));
    }
  }
}

void RateBudget::PauseUntil(Clock::time_point until) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (until > paused_until_) paused_until_ = until;
  remaining_.reset();
}

std::chrono::milliseconds RateBudget::WaitAfter429(
    const std::map<std::string, std::string>& headers, std::chrono::milliseconds fallback) const {
  if (auto retry_after = HeaderNumber(headers, "retry-after")) {
    return std::chrono::seconds(std::max(0LL, *retry_after));
  }
  if (auto reset = HeaderNumber(headers, names_.reset_epoch_seconds)) {
    auto reset_at = std::chrono::system_clock::time_point(std::chrono::seconds(*reset));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        reset_at - std::chrono::system_clock::now());
    return std::max(wait, std::chrono::milliseconds(0)) + std::chrono::milliseconds(50);
  }
  if (auto interval = HeaderNumber(headers, names_.interval_ms)) {
    return std::chrono::milliseconds(*interval);
  }
  return fallback;
}

}  // namespace sprintetl::http
