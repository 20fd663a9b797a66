#include "core/progress.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>

namespace sprintetl::progress {
namespace {

using Clock = std::chrono::steady_clock;

struct State {
  std::mutex mutex;
  bool enabled = false;
  std::string step;
  long long pages = 0;
  long long bytes = 0;
  long long expected = 0;
  std::map<std::string, double> allowed_rate;  // per API, requests per second
  Clock::time_point started;
  Clock::time_point last_drawn;
};

State& Get() {
  static State state;
  return state;
}

// Redraws the current line: "\r" returns to its start, "\033[K" clears what
// a longer earlier text left behind.
void Draw(const State& s, const char* end) {
  double seconds = std::chrono::duration<double>(Clock::now() - s.started).count();
  double rate = seconds > 0 ? static_cast<double>(s.pages) / seconds : 0;

  // The slowest API's budget bounds the pace; without headers yet, the pace so far.
  double allowed = 0;
  for (const auto& [api, api_rate] : s.allowed_rate) {
    if (allowed == 0 || api_rate < allowed) allowed = api_rate;
  }
  double left = SecondsLeft(s.expected, s.pages, allowed > 0 ? allowed : rate);
  char eta[32] = "";
  if (left >= 0) std::snprintf(eta, sizeof(eta), " eta>=%.0f s", left);

  std::fprintf(stderr, "\r  %-16s pages=%-6lld %8.1f MB %6.0f s %6.1f pages/s%s\033[K%s",
               s.step.c_str(), s.pages, static_cast<double>(s.bytes) / 1e6, seconds, rate, eta,
               end);
  std::fflush(stderr);
}

}  // namespace

void Enable(bool enabled) {
  std::lock_guard<std::mutex> lock(Get().mutex);
  Get().enabled = enabled;
}

bool Enabled() {
  std::lock_guard<std::mutex> lock(Get().mutex);
  return Get().enabled;
}

double SecondsLeft(long long expected, long long landed, double requests_per_second) {
  if (expected <= 0 || requests_per_second <= 0) return -1;
  long long remaining = expected > landed ? expected - landed : 0;
  return static_cast<double>(remaining) / requests_per_second;
}

void ExpectPages(long long pages) {
  State& s = Get();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.expected += pages;
}

void SetAllowedRate(const std::string& api, double requests_per_second) {
  State& s = Get();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (requests_per_second > 0) s.allowed_rate[api] = requests_per_second;
}

void StepStarted(const std::string& step) {
  State& s = Get();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.expected = 0;
  if (!s.enabled) return;
  s.step = step;
  s.pages = 0;
  s.bytes = 0;
  s.started = s.last_drawn = Clock::now();
  Draw(s, "");
}

void PageLanded(const std::string& source, long long bytes) {
  State& s = Get();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.enabled) return;
  ++s.pages;
  s.bytes += bytes;
  // At most about five redraws a second, however fast pages arrive.
  if (Clock::now() - s.last_drawn < std::chrono::milliseconds(200)) return;
  s.last_drawn = Clock::now();
  Draw(s, "");
}

void StepFinished(const std::string& step, const std::string& status, long long rows,
                  long long ms) {
  State& s = Get();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.enabled) return;
  if (status == "skipped") {
    std::fprintf(stderr, "\r  %-16s skipped (finished by the run being resumed)\033[K\n",
                 step.c_str());
  } else {
    std::fprintf(stderr, "\r  %-16s %-7s rows=%-8lld pages=%-6lld %.1f s\033[K\n", step.c_str(),
                 status.c_str(), rows, s.pages, static_cast<double>(ms) / 1000.0);
  }
  std::fflush(stderr);
}

}  // namespace sprintetl::progress
