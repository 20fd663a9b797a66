#include "core/time_format.h"

#include <date/date.h>

#include <sstream>

namespace sprintetl {

std::string FormatUtcMillis(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  return date::format("%FT%TZ", ms);
}

std::string FormatUtcSeconds(std::chrono::system_clock::time_point t) {
  auto s = std::chrono::floor<std::chrono::seconds>(t);
  return date::format("%F %T", s);
}

std::optional<UtcTime> ParseUtc(const std::string& text) {
  std::string normalised = text;
  if (normalised.size() > 10 && normalised[10] == ' ') normalised[10] = 'T';
  if (!normalised.empty() && normalised.back() == 'Z') normalised.pop_back();

  std::istringstream in(normalised);
  date::sys_time<std::chrono::milliseconds> parsed;
  in >> date::parse("%FT%T", parsed);
  if (in.fail()) return std::nullopt;
  return parsed;
}

}  // namespace sprintetl
