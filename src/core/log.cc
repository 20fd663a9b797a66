#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

namespace sprintetl::log {
namespace {

std::mutex g_mutex;
spdlog::level::level_enum g_level = spdlog::level::info;
Format g_format = Format::kText;

// The JSON pattern keeps the event text as one string field, which collectors
// parse further with their own key=value rules.
constexpr const char* kTextPattern = "%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v";
constexpr const char* kJsonPattern =
    R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","stage":"%n","event":"%v"})";

void Apply(spdlog::logger& logger) {
  logger.set_level(g_level);
  logger.set_pattern(g_format == Format::kJson ? kJsonPattern : kTextPattern,
                     spdlog::pattern_time_type::utc);
}

}  // namespace

void Configure(const std::string& level, Format format) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_level = spdlog::level::from_str(level);
  g_format = format;
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& logger) { Apply(*logger); });
}

std::shared_ptr<spdlog::logger> Get(const std::string& stage) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (auto existing = spdlog::get(stage)) return existing;
  auto logger = spdlog::stderr_color_mt(stage);
  Apply(*logger);
  return logger;
}

}  // namespace sprintetl::log
