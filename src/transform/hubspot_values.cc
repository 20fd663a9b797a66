#include "transform/hubspot_values.h"

#include <date/date.h>

#include <cctype>
#include <chrono>
#include <sstream>

#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char ch : text) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  }
  return true;
}

// Splits a trailing "Z" or "+HH:MM"/"-HH:MM" off `text`; returns the offset
// east of UTC, or nullopt when the suffix is malformed.
std::optional<std::chrono::minutes> TakeZoneSuffix(std::string& text) {
  if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) {
    text.pop_back();
    return std::chrono::minutes(0);
  }
  if (text.size() > 19 && (text[text.size() - 6] == '+' || text[text.size() - 6] == '-') &&
      text[text.size() - 3] == ':') {
    std::string_view hours(text.data() + text.size() - 5, 2);
    std::string_view minutes(text.data() + text.size() - 2, 2);
    if (!AllDigits(hours) || !AllDigits(minutes)) return std::nullopt;
    int total = std::stoi(std::string(hours)) * 60 + std::stoi(std::string(minutes));
    if (text[text.size() - 6] == '-') total = -total;
    text.resize(text.size() - 6);
    return std::chrono::minutes(total);
  }
  return std::chrono::minutes(0);
}

}  // namespace

std::optional<std::string> PropertyText(const nlohmann::json& record, std::string_view name) {
  std::optional<std::string> text = TextOf(Member(record, "properties", name));
  if (!text || text->empty()) return std::nullopt;
  return text;
}

std::optional<double> ParseHubSpotNumber(std::string_view text) {
  text = Trim(text);
  std::string digits;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ',') {
      digits.push_back(text[i]);
      continue;
    }
    // A separator must sit between digits with a group of three after it.
    bool digit_before = i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]));
    bool group_after =
        i + 3 < text.size() && AllDigits(text.substr(i + 1, 3)) &&
        (i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4])));
    if (!digit_before || !group_after) return std::nullopt;
  }
  return ParseDecimal(digits);
}

std::optional<bool> ParseHubSpotBool(std::string_view text) {
  std::string lower(Trim(text));
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return std::nullopt;
}

std::vector<std::string> SplitMultiSelect(std::string_view text) {
  std::vector<std::string> values;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view value = Trim(text.substr(start, end - start));
    if (!value.empty()) values.emplace_back(value);
    start = end + 1;
  }
  return values;
}

std::optional<UtcTime> ParseHubSpotTime(std::string_view input) {
  std::string text(Trim(input));
  if (text.empty()) return std::nullopt;

  // Epoch milliseconds, also sent as a float string ("1700000000000.0").
  size_t point = text.find('.');
  std::string_view whole = std::string_view(text).substr(0, point);
  std::string_view fraction =
      point == std::string::npos ? std::string_view() : std::string_view(text).substr(point + 1);
  if (whole.size() >= 11 && AllDigits(whole) &&
      fraction.find_first_not_of('0') == std::string_view::npos) {
    return UtcTime(std::chrono::milliseconds(std::stoll(std::string(whole))));
  }

  if (text.size() == 10) {
    std::istringstream in(text);
    date::sys_days day;
    in >> date::parse("%F", day);
    if (in.fail()) return std::nullopt;
    return UtcTime(day);
  }

  std::optional<std::chrono::minutes> offset = TakeZoneSuffix(text);
  if (!offset) return std::nullopt;
  std::optional<UtcTime> local = ParseUtc(text);
  if (!local) return std::nullopt;
  return *local - *offset;
}

}  // namespace sprintetl::transform
