// A progress line per run step for people watching a terminal.
//
// When enabled (the CLI enables it only when stderr is a terminal and logs
// are text), each step gets one line on stderr that is redrawn in place
// while pages land: step name, pages, bytes, elapsed seconds and page rate.
// The line is finished with the step's row count and duration. When
// disabled, every call returns at once and the INFO log lines of each step
// are the record. Thread-safe.
#pragma once

#include <string>

namespace sprintetl::progress {

void Enable(bool enabled);
bool Enabled();

void StepStarted(const std::string& step);

// Counts one landed page of `bytes` bytes from `source` in the current step.
void PageLanded(const std::string& source, long long bytes);

// Adds `pages` to the pages the current step is known to need at least, e.g.
// three per ClickUp list read in full (its fields, and the first page of its open
// and of its archived tasks).
void ExpectPages(long long pages);

// Sets the request rate `api` may use, from its rate-limit headers.
void SetAllowedRate(const std::string& api, double requests_per_second);

// Seconds the pages still expected take at `requests_per_second`: a lower
// bound, since more pages may turn up. Returns -1 when nothing is known.
double SecondsLeft(long long expected, long long landed, double requests_per_second);

// Ends the step's line; `status` is ok, failed or skipped.
void StepFinished(const std::string& step, const std::string& status, long long rows,
                  long long ms);

}  // namespace sprintetl::progress
