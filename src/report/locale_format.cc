#include "report/locale_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace sprintetl::report {

namespace {

// U+202F NARROW NO-BREAK SPACE, the French thousands separator in CLDR.
constexpr char kNarrowNoBreakSpace[] = "\xE2\x80\xAF";

const std::vector<LocaleFormat>& LocaleTable() {
  static const std::vector<LocaleFormat> table = {
      {"en-US", ".", ",", true, '-'},
      {"en-GB", ".", ",", false, '/'},
      {"pt-BR", ",", ".", false, '/'},
      {"de-DE", ",", ".", false, '.'},
      {"fr-FR", ",", kNarrowNoBreakSpace, false, '/'},
  };
  return table;
}

std::string NormalizeTag(const std::string& tag) {
  std::string normalized;
  for (char c : tag) {
    normalized += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return normalized;
}

std::string ToLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Formats |value| with `decimals` decimals and the locale's separators.
std::string FormatMagnitude(double value, int decimals, bool trim_zeros,
                            const LocaleFormat& locale) {
  char digits[512];
  std::snprintf(digits, sizeof(digits), "%.*f", decimals, std::fabs(value));
  std::string text = digits;

  std::string integer = text;
  std::string fraction;
  size_t point = text.find('.');
  if (point != std::string::npos) {
    integer = text.substr(0, point);
    fraction = text.substr(point + 1);
  }
  if (trim_zeros) {
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  }

  std::string grouped;
  for (size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += locale.thousands;
    grouped += integer[i];
  }
  if (!fraction.empty()) grouped += locale.decimal + fraction;
  return grouped;
}

std::string FormatSigned(double value, int decimals, bool trim_zeros, const LocaleFormat& locale) {
  if (!std::isfinite(value)) return "-";
  decimals = std::clamp(decimals, 0, 6);
  std::string magnitude = FormatMagnitude(value, decimals, trim_zeros, locale);

  // A value that rounds to zero shows as "0", never "-0".
  bool all_zero =
      std::none_of(magnitude.begin(), magnitude.end(), [](char c) { return c >= '1' && c <= '9'; });
  if (value < 0 && !all_zero) return "-" + magnitude;
  return magnitude;
}

}  // namespace

std::optional<LocaleFormat> FindLocaleFormat(const std::string& tag) {
  std::string wanted = NormalizeTag(tag);
  for (const LocaleFormat& locale : LocaleTable()) {
    std::string canonical = ToLower(locale.tag);
    if (wanted == canonical || wanted == canonical.substr(0, 2)) return locale;
  }
  return std::nullopt;
}

std::vector<std::string> SupportedLocaleTags() {
  std::vector<std::string> tags;
  for (const LocaleFormat& locale : LocaleTable()) tags.push_back(locale.tag);
  return tags;
}

std::string FormatNumber(double value, int max_decimals, const LocaleFormat& locale) {
  return FormatSigned(value, max_decimals, true, locale);
}

std::string FormatFixed(double value, int decimals, const LocaleFormat& locale) {
  return FormatSigned(value, decimals, false, locale);
}

std::string FormatQuantity(double value, int max_decimals, const UnitName& unit,
                           const LocaleFormat& locale) {
  std::string number = FormatNumber(value, max_decimals, locale);
  return number + " " + (number == "1" ? unit.singular : unit.plural);
}

std::string FormatDate(const std::string& iso_date, const LocaleFormat& locale) {
  bool shaped = iso_date.size() >= 10 && iso_date[4] == '-' && iso_date[7] == '-';
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!shaped) break;
    shaped = std::isdigit(static_cast<unsigned char>(iso_date[i])) != 0;
  }
  if (!shaped || locale.iso_dates) return iso_date;

  std::string year = iso_date.substr(0, 4);
  std::string month = iso_date.substr(5, 2);
  std::string day = iso_date.substr(8, 2);
  char sep = locale.date_separator;
  return day + sep + month + sep + year + iso_date.substr(10);
}

}  // namespace sprintetl::report
