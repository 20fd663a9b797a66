// Logging for every stage: one spdlog logger per stage, writing to stderr.
//
// Events read as `event key=value ...`, e.g.
//   extract.page source=clickup list=901 page=3 tasks=100 ms=212
// INFO for each step's start and end, DEBUG for each HTTP request, WARN for
// retries and skipped records, ERROR once where a run fails. Secrets and
// Authorization headers are never passed to these functions.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace sprintetl::log {

enum class Format { kText, kJson };

// Configures all stage loggers. Call once from main before any logging;
// later calls replace the earlier settings. `level` is one of
// trace, debug, info, warn, error.
void Configure(const std::string& level, Format format);

// Returns the logger named after a stage ("extract", "transform", ...),
// creating it on first use. Thread-safe.
std::shared_ptr<spdlog::logger> Get(const std::string& stage);

}  // namespace sprintetl::log
