// Number and date formats for the HTML report, by locale tag.
//
// Only the formats change with the locale; the report's words stay English.
// Supported tags (case-insensitive, "_" accepted for "-"; a bare language
// picks the first country listed):
//   en-US  1,234.5   2024-05-19  (ISO dates: unambiguous for readers abroad)
//   en-GB  1,234.5   19/05/2024
//   pt-BR  1.234,5   19/05/2024
//   de-DE  1.234,5   19.05.2024
//   fr-FR  1 234,5   19/05/2024  (narrow no-break space between thousands)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sprintetl::report {

struct LocaleFormat {
  std::string tag;            // canonical tag, e.g. "pt-BR"
  std::string decimal;        // decimal separator
  std::string thousands;      // thousands separator, UTF-8
  bool iso_dates = false;     // yyyy-mm-dd when true, else dd<sep>mm<sep>yyyy
  char date_separator = '/';  // unused when iso_dates
};

// Returns the format for `tag`, or std::nullopt when the tag is not supported.
std::optional<LocaleFormat> FindLocaleFormat(const std::string& tag);

// Returns the canonical tags FindLocaleFormat accepts, e.g. for help text.
std::vector<std::string> SupportedLocaleTags();

// Formats `value` rounded to at most `max_decimals` decimals, trailing zeros
// dropped: 1234.5 -> "1,234.5" (en-US), "1.234,5" (pt-BR). A value that
// rounds to zero shows as "0", never "-0". NaN and infinities show as "-".
std::string FormatNumber(double value, int max_decimals, const LocaleFormat& locale);

// Formats `value` with exactly `decimals` decimals, as for money: "1.234,50".
std::string FormatFixed(double value, int decimals, const LocaleFormat& locale);

// A unit's English singular and plural, e.g. {"point", "points"}.
struct UnitName {
  std::string singular;
  std::string plural;
};

// Formats `value` as FormatNumber does, then a space and the unit: "1 point",
// "0 points", "2,5 points". The singular follows only a number shown as "1",
// so 1.001 rounded to "1" reads "1 point" and -1 reads "-1 points".
std::string FormatQuantity(double value, int max_decimals, const UnitName& unit,
                           const LocaleFormat& locale);

// Formats a date given as "YYYY-MM-DD" (anything after the first ten
// characters, such as a time, is kept as it is). Text in another shape is
// returned unchanged, so a surprising value still shows.
std::string FormatDate(const std::string& iso_date, const LocaleFormat& locale);

}  // namespace sprintetl::report
