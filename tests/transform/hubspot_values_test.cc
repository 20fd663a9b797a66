#include "transform/hubspot_values.h"

#include <gtest/gtest.h>

namespace sprintetl::transform {
namespace {

TEST(HubSpotValuesTest, Numbers) {
  EXPECT_EQ(ParseHubSpotNumber("1,234.50"), 1234.5);
  EXPECT_EQ(ParseHubSpotNumber("1,250,000.75"), 1250000.75);
  EXPECT_EQ(ParseHubSpotNumber("12500.50"), 12500.5);
  EXPECT_EQ(ParseHubSpotNumber("-150.00"), -150.0);
  EXPECT_EQ(ParseHubSpotNumber(""), std::nullopt);
  EXPECT_EQ(ParseHubSpotNumber("1,23"), std::nullopt) << "not a thousands group";
  EXPECT_EQ(ParseHubSpotNumber("abc"), std::nullopt);
}

TEST(HubSpotValuesTest, EmptyStringIsNull) {
  auto record = nlohmann::json::parse(
      R"({"properties": {"domain": "", "squad": null, "name": "Zürich Bergbahn Marketing AG"}})");
  EXPECT_EQ(PropertyText(record, "domain"), std::nullopt);
  EXPECT_EQ(PropertyText(record, "squad"), std::nullopt);
  EXPECT_EQ(PropertyText(record, "missing"), std::nullopt);
  EXPECT_EQ(PropertyText(record, "name"), "Zürich Bergbahn Marketing AG");
}

TEST(HubSpotValuesTest, MultiSelectSplitsOnSemicolonOnly) {
  EXPECT_EQ(SplitMultiSelect("seo;paid_media"), (std::vector<std::string>{"seo", "paid_media"}));
  EXPECT_EQ(SplitMultiSelect("a, b;c"), (std::vector<std::string>{"a, b", "c"}));
  EXPECT_TRUE(SplitMultiSelect("").empty());
  EXPECT_EQ(SplitMultiSelect(" seo ;;"), std::vector<std::string>{"seo"});
}

TEST(HubSpotValuesTest, Booleans) {
  EXPECT_EQ(ParseHubSpotBool("true"), true);
  EXPECT_EQ(ParseHubSpotBool("FALSE"), false);
  EXPECT_EQ(ParseHubSpotBool("yes"), std::nullopt);
}

TEST(HubSpotValuesTest, Times) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"2026-11-28T16:40:02.517Z", "2026-11-28T16:40:02.517Z"},
      {"2025-12-18T14:03:00Z", "2025-12-18T14:03:00.000Z"},
      {"2026-01-01", "2026-01-01T00:00:00.000Z"},
      {"2026-01-01T01:30:00+01:00", "2026-01-01T00:30:00.000Z"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseHubSpotTime(c.input);
    ASSERT_TRUE(parsed.has_value()) << c.input;
    EXPECT_EQ(FormatUtcMillis(*parsed), c.expected) << c.input;
  }
  EXPECT_EQ(ParseHubSpotTime(""), std::nullopt);
  EXPECT_EQ(ParseHubSpotTime("soon"), std::nullopt);
}

}  // namespace
}  // namespace sprintetl::transform
