#include "transform/hubspot_property_types.h"

#include <gtest/gtest.h>

namespace sprintetl::transform {
namespace {

using nlohmann::json;

TEST(HubSpotPropertyTypesTest, NumbersWithSeparatorsAndBlanks) {
  DeclaredType number{"number", "number"};
  EXPECT_EQ(TypedPropertyValue(number, "1,234.50"), json(1234.5));
  EXPECT_EQ(TypedPropertyValue(number, "-3"), json(-3.0));
  EXPECT_EQ(TypedPropertyValue(number, ""), json());
  EXPECT_EQ(TypedPropertyValue(number, "1234;5678"), std::nullopt);
}

TEST(HubSpotPropertyTypesTest, DatesAreUtcDays) {
  DeclaredType date{"date", "date"};
  EXPECT_EQ(TypedPropertyValue(date, "2025-03-01"), json("2025-03-01"));
  EXPECT_EQ(TypedPropertyValue(date, "1740787200000"), json("2025-03-01")) << "epoch ms";
  EXPECT_EQ(TypedPropertyValue(date, "1740787200000.0"), json("2025-03-01")) << "float text";
  EXPECT_EQ(TypedPropertyValue(date, "2025-03-01T00:00:00Z"), json("2025-03-01"));
  EXPECT_EQ(TypedPropertyValue(date, "March 1st"), std::nullopt);
}

TEST(HubSpotPropertyTypesTest, DatetimesAreUtcMillis) {
  DeclaredType datetime{"datetime", "date"};
  EXPECT_EQ(TypedPropertyValue(datetime, "2025-03-04T10:11:12.345Z"),
            json("2025-03-04T10:11:12.345Z"));
  EXPECT_EQ(TypedPropertyValue(datetime, "2025-03-04T11:11:12+01:00"),
            json("2025-03-04T10:11:12.000Z"));
  EXPECT_EQ(TypedPropertyValue(datetime, "1741083072345"), json("2025-03-04T10:11:12.345Z"));
}

TEST(HubSpotPropertyTypesTest, BoolsAndEnumerations) {
  EXPECT_EQ(TypedPropertyValue({"bool", "booleancheckbox"}, "true"), json(true));
  EXPECT_EQ(TypedPropertyValue({"bool", "booleancheckbox"}, "maybe"), std::nullopt);
  EXPECT_EQ(TypedPropertyValue({"enumeration", "checkbox"}, "seo;paid, media"),
            json({"seo", "paid, media"}))
      << "a multi-select splits on ';' only";
  EXPECT_EQ(TypedPropertyValue({"enumeration", "select"}, "a;b"), json("a;b"))
      << "a single select is never split";
  EXPECT_EQ(TypedPropertyValue({"string", "text"}, "Østby \"North\" 🚀"),
            json("Østby \"North\" 🚀"));
}

}  // namespace
}  // namespace sprintetl::transform
