#include "http/rate_budget.h"

#include <algorithm>

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

std::optional<long long> RateBudget::AvailableLocked() const {
  // Requests in flight may not be in the server's count yet, so all of them are taken off.
  // The ones the server already counted make the budget wait until their responses arrive.
  if (window_remaining_) return *window_remaining_ - in_flight_;
  if (limit_) return *limit_ - in_flight_;
  return std::nullopt;
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

void RateBudget::LogWaitLocked(Clock::time_point until, const char* reason) {
  auto wait_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
  // Concurrent workers wait for the same instant; one line per wait is enough.
  if (wait_ms < 1000 || until == logged_wait_until_) return;
  logged_wait_until_ = until;
  log::Get("http")->info("http.rate_wait api={} wait_ms={} reason=\"{}\"", names_.api, wait_ms,
                         reason);
}

Status RateBudget::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    auto now = Clock::now();
    // Sending more after the daily count is used up only collects 429 replies until midnight.
    if (daily_remaining_ && *daily_remaining_ - in_flight_ <= 0) return DailyLimitReached();
    if (now < paused_until_) {
      LogWaitLocked(paused_until_, "429 from the server");
      changed_.wait_until(lock, paused_until_);
      continue;
    }

    if (names_.rolling_window) {
      std::optional<Clock::time_point> slot = RollingSlot(now);
      if (!slot) {
        changed_.wait(lock);
        continue;
      }
      if (*slot > now) {
        LogWaitLocked(*slot, "rolling window full");
        changed_.wait_until(lock, *slot);
        continue;
      }
      ++in_flight_;
      return Status::Ok();
    }

    // Once the stated reset has passed, the window rolled over and its count is stale.
    if (window_remaining_ && now >= window_reset_) window_remaining_.reset();

    std::optional<long long> available = AvailableLocked();
    if (available && *available <= 0) {
      if (window_remaining_) {
        // With requests in flight the wait may end early, when a response shows that the
        // server had already counted them.
        if (in_flight_ == 0) LogWaitLocked(window_reset_, "rate limit window used up");
        changed_.wait_until(lock, window_reset_);
      } else {
        changed_.wait(lock);  // the whole limit of a new window is in flight
      }
      continue;
    }
    ++in_flight_;
    return Status::Ok();
  }
}

void RateBudget::Complete() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (names_.rolling_window) {
      auto now = Clock::now();
      burst_window_.RecordResponse(now);
      secondly_window_.RecordResponse(now);
    }
    if (in_flight_ > 0) --in_flight_;
  }
  changed_.notify_all();
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
  SetAllowedRate(headers);
  if (names_.rolling_window) {
    ObserveRolling(headers);
    // The first stated limit lets the requests that waited for it go side by side.
    changed_.notify_all();
    return;
  }
  auto remaining = HeaderNumber(headers, names_.remaining);
  if (!remaining) return;

  // A late response counted in an earlier window shows nothing about the current one.
  auto reset_header = HeaderNumber(headers, names_.reset_epoch_seconds);
  if (reset_header && last_reset_header_ && *reset_header < *last_reset_header_) return;
  bool same_window = reset_header && reset_header == last_reset_header_;
  if (same_window && window_remaining_) {
    window_remaining_ = std::min(*window_remaining_, *remaining);
  } else {
    window_remaining_ = *remaining;
  }
  if (reset_header) last_reset_header_ = reset_header;
  changed_.notify_all();

  if (reset_header) {
    // A small margin avoids racing the server's clock. A reset already past is kept as it is,
    // so that Acquire() treats the window as rolled over.
    // NOTE: the reset is in whole seconds, so requests resume up to about 1 s after the
    // window really ended; see docs/limitations.md.
    auto reset_at = std::chrono::system_clock::time_point(std::chrono::seconds(*reset_header));
    auto wait = std::chrono::duration_cast<Clock::duration>(reset_at -
                                                            std::chrono::system_clock::now());
    window_reset_ = Clock::now() + wait + std::chrono::milliseconds(50);
  } else if (auto interval = HeaderNumber(headers, names_.interval_ms)) {
    window_reset_ = Clock::now() + std::chrono::milliseconds(*interval);
  }
}

void RateBudget::SetAllowedRate(const std::map<std::string, std::string>& headers) {
  // The allowed pace for the progress line's estimate: HubSpot states its window; ClickUp's
  // limit is per minute (ClickUp's rate-limit documentation) and sends only the reset.
  if (auto limit = HeaderNumber(headers, names_.limit)) {
    limit_ = limit;
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
  window_remaining_.reset();
  changed_.notify_all();
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
  // A 429 from the per-second window clears within a second, long before the interval window.
  auto secondly_left = HeaderNumber(headers, names_.secondly_remaining);
  auto interval_left = HeaderNumber(headers, names_.remaining);
  if (secondly_left && *secondly_left <= 0 && (!interval_left || *interval_left > 0)) {
    return std::chrono::milliseconds(1000);
  }
  if (auto interval = HeaderNumber(headers, names_.interval_ms)) {
    return std::chrono::milliseconds(*interval);
  }
  return fallback;
}

}  // namespace sprintetl::http
