#include "core/time_format.h"

#include <date/date.h>

#include <cctype>

namespace sprintetl {
namespace {

// Reads exactly `count` decimal digits at `pos` into `value` and moves past them.
bool ReadDigits(const std::string& text, size_t& pos, size_t count, int& value) {
  if (pos + count > text.size()) return false;
  int result = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    result = result * 10 + (text[i] - '0');
  }
  value = result;
  pos += count;
  return true;
}

// Moves past `expected` when it is the character at `pos`.
bool ReadChar(const std::string& text, size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

}  // namespace

std::string FormatUtcMillis(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  return date::format("%FT%TZ", ms);
}

std::string FormatUtcSeconds(std::chrono::system_clock::time_point t) {
  auto s = std::chrono::floor<std::chrono::seconds>(t);
  return date::format("%F %T", s);
}

std::optional<UtcTime> ParseUtc(const std::string& text) {
  // Parsed by hand because date::parse declares its seconds as an uninitialized
  // long double, which GCC 12 reports as -Wmaybe-uninitialized at -O2.
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool date_read = ReadDigits(text, pos, 4, year) && ReadChar(text, pos, '-') &&
                   ReadDigits(text, pos, 2, month) && ReadChar(text, pos, '-') &&
                   ReadDigits(text, pos, 2, day);
  bool separator_read = date_read && (ReadChar(text, pos, 'T') || ReadChar(text, pos, ' '));
  bool time_read = separator_read && ReadDigits(text, pos, 2, hour) &&
                   ReadChar(text, pos, ':') && ReadDigits(text, pos, 2, minute) &&
                   ReadChar(text, pos, ':') && ReadDigits(text, pos, 2, second);
  if (!time_read || hour > 23 || minute > 59 || second > 59) return std::nullopt;

  date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                           date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;

  // Up to three fraction digits, as in "12:00:00.25" (250 ms).
  int millis = 0;
  if (ReadChar(text, pos, '.')) {
    int digits = 0;
    for (; digits < 3 && pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]));
         ++digits, ++pos) {
      millis = millis * 10 + (text[pos] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
  }
  UtcTime parsed = date::sys_days{ymd} + std::chrono::hours(hour) +
                   std::chrono::minutes(minute) + std::chrono::seconds(second) +
                   std::chrono::milliseconds(millis);

  if (pos == text.size()) return parsed;
  if (ReadChar(text, pos, 'Z')) {
    return pos == text.size() ? std::optional<UtcTime>(parsed) : std::nullopt;
  }

  // An offset such as +02:00 means local time ahead of UTC, so it is subtracted.
  char sign = text[pos++];
  int offset_hours = 0;
  int offset_minutes = 0;
  bool offset_read = (sign == '+' || sign == '-') && ReadDigits(text, pos, 2, offset_hours) &&
                     ReadChar(text, pos, ':') && ReadDigits(text, pos, 2, offset_minutes);
  if (!offset_read || pos != text.size() || offset_hours > 14 || offset_minutes > 59) {
    return std::nullopt;
  }
  auto shift = std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
  return sign == '+' ? parsed - shift : parsed + shift;
}

}  // namespace sprintetl
