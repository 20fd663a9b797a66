#include "report/locale_format.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sprintetl::report {
namespace {

LocaleFormat Locale(const std::string& tag) {
  std::optional<LocaleFormat> locale = FindLocaleFormat(tag);
  EXPECT_TRUE(locale.has_value()) << tag;
  return locale.value_or(LocaleFormat{});
}

TEST(LocaleFormatTest, GroupsThousandsPerLocale) {
  EXPECT_EQ(FormatNumber(1234.5, 2, Locale("en-US")), "1,234.5");
  EXPECT_EQ(FormatNumber(1234.5, 2, Locale("pt-BR")), "1.234,5");
  EXPECT_EQ(FormatNumber(1234.5, 2, Locale("de-DE")), "1.234,5");
  EXPECT_EQ(FormatNumber(1234.5, 2, Locale("fr-FR")), "1\u202F234,5");
  EXPECT_EQ(FormatNumber(1234567.891, 2, Locale("en-US")), "1,234,567.89");
  EXPECT_EQ(FormatNumber(123, 2, Locale("en-US")), "123");
  EXPECT_EQ(FormatNumber(0, 2, Locale("en-US")), "0");
}

TEST(LocaleFormatTest, FixedKeepsTrailingZeros) {
  EXPECT_EQ(FormatFixed(1234.5, 2, Locale("en-US")), "1,234.50");
  EXPECT_EQ(FormatFixed(1234.5, 2, Locale("pt-BR")), "1.234,50");
  EXPECT_EQ(FormatFixed(7, 2, Locale("de-DE")), "7,00");
}

TEST(LocaleFormatTest, NegativeAndRoundedValues) {
  EXPECT_EQ(FormatNumber(-1234.5, 2, Locale("en-US")), "-1,234.5");
  EXPECT_EQ(FormatNumber(-0.001, 2, Locale("en-US")), "0");
  EXPECT_EQ(FormatNumber(2.345678, 2, Locale("en-US")), "2.35");
  EXPECT_EQ(FormatNumber(999999.999, 2, Locale("en-US")), "1,000,000");
  EXPECT_EQ(FormatNumber(std::nan(""), 2, Locale("en-US")), "-");
}

TEST(LocaleFormatTest, QuantityPicksSingularOnlyForOne) {
  const UnitName points{"point", "points"};
  EXPECT_EQ(FormatQuantity(1, 2, points, Locale("en-US")), "1 point");
  EXPECT_EQ(FormatQuantity(1.001, 2, points, Locale("en-US")), "1 point") << "shown as 1";
  EXPECT_EQ(FormatQuantity(2, 2, points, Locale("en-US")), "2 points");
  EXPECT_EQ(FormatQuantity(0, 2, points, Locale("en-US")), "0 points");
  EXPECT_EQ(FormatQuantity(1.5, 2, points, Locale("en-US")), "1.5 points");
  EXPECT_EQ(FormatQuantity(-1, 2, points, Locale("en-US")), "-1 points");
  EXPECT_EQ(FormatQuantity(1.5, 2, points, Locale("pt-BR")), "1,5 points");
  EXPECT_EQ(FormatQuantity(1, 0, {"task", "tasks"}, Locale("de-DE")), "1 task");
}

TEST(LocaleFormatTest, DatesPerLocale) {
  EXPECT_EQ(FormatDate("2024-05-19", Locale("en-US")), "2024-05-19");
  EXPECT_EQ(FormatDate("2024-05-19", Locale("pt-BR")), "19/05/2024");
  EXPECT_EQ(FormatDate("2024-05-19", Locale("de-DE")), "19.05.2024");
  EXPECT_EQ(FormatDate("2024-05-19 08:30", Locale("de-DE")), "19.05.2024 08:30");
  EXPECT_EQ(FormatDate("19 May", Locale("de-DE")), "19 May");
  EXPECT_EQ(FormatDate("", Locale("pt-BR")), "");
}

TEST(LocaleFormatTest, FindsTagsLoosely) {
  EXPECT_EQ(Locale("pt_br").tag, "pt-BR");
  EXPECT_EQ(Locale("DE-de").tag, "de-DE");
  EXPECT_EQ(Locale("pt").tag, "pt-BR");
  EXPECT_EQ(Locale("en-GB").tag, "en-GB");
  EXPECT_FALSE(FindLocaleFormat("xx-YY").has_value());
  EXPECT_FALSE(FindLocaleFormat("").has_value());
}

}  // namespace
}  // namespace sprintetl::report
