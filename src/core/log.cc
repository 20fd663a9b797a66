#include "core/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>
#include <string_view>

#include "core/json_escape.h"

namespace sprintetl::log {
namespace {

std::mutex g_mutex;
spdlog::level::level_enum g_level = spdlog::level::info;
Format g_format = Format::kText;

// In JSON, "event" is the message's first word (e.g. step.done) and
// "message" the whole text, which collectors split further with their own
// key=value rules. Both go through the escaping flags below, because
// messages carry quotes and API text.
constexpr const char* kTextPattern = "%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v";
constexpr const char* kJsonPattern =
    R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","stage":"%n","event":"%&","message":"%*"})";

// %* : the whole message, escaped for a JSON string.
class EscapedMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string escaped;
    AppendJsonEscaped(std::string_view(message.payload.data(), message.payload.size()), escaped);
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedMessageFlag>();
  }
};

// %& : the message up to its first space, escaped for a JSON string.
class EscapedEventFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string_view text(message.payload.data(), message.payload.size());
    std::string escaped;
    AppendJsonEscaped(text.substr(0, text.find(' ')), escaped);
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedEventFlag>();
  }
};

void Apply(spdlog::logger& logger) {
  logger.set_level(g_level);
  if (g_format == Format::kJson) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<EscapedMessageFlag>('*').add_flag<EscapedEventFlag>('&');
    formatter->set_pattern(kJsonPattern);
    logger.set_formatter(std::move(formatter));
  } else {
    logger.set_pattern(kTextPattern, spdlog::pattern_time_type::utc);
  }
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
