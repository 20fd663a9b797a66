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

  // An offset such as +02:00 means local time ahead of UTC, so it is subtracted.
  std::string rest;
  std::getline(in, rest);
  if (rest.empty()) return parsed;
  int hours = 0;
  int minutes = 0;
  char colon = 0;
  std::istringstream offset(rest.substr(1));
  offset >> hours >> colon >> minutes;
  if ((rest[0] != '+' && rest[0] != '-') || offset.fail() || colon != ':' || !offset.eof() ||
      hours > 14 || minutes > 59) {
    return std::nullopt;
  }
  auto shift = std::chrono::hours(hours) + std::chrono::minutes(minutes);
  return rest[0] == '+' ? parsed - shift : parsed + shift;
}

}  // namespace sprintetl
