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

void RateBudget::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    auto now = Clock::now();
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
    return;
  }
}

void RateBudget::Observe(const std::map<std::string, std::string>& headers) {
  std::lock_guard<std::mutex> lock(mutex_);
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

  // The allowed pace for the progress line's estimate: HubSpot states its window; ClickUp's
  // limit is per minute (ClickUp's rate-limit documentation) and sends only the reset.
  if (auto limit = HeaderNumber(headers, names_.limit)) {
    auto window_ms = HeaderNumber(headers, names_.interval_ms).value_or(60000);
    if (window_ms > 0) {
      progress::SetAllowedRate(names_.api, static_cast<double>(*limit) * 1000.0 /
                                               static_cast<double>(window_ms));
    }
  }

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
