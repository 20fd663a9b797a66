#include "core/time_format.h"

#include <gtest/gtest.h>

namespace sprintetl {
namespace {

std::string Parsed(const std::string& text) {
  auto parsed = ParseUtc(text);
  return parsed ? FormatUtcMillis(*parsed) : "invalid";
}

TEST(ParseUtcTest, AcceptsUtcForms) {
  EXPECT_EQ(Parsed("2026-11-17T12:00:00Z"), "2026-11-17T12:00:00.000Z");
  EXPECT_EQ(Parsed("2026-11-17 12:00:00"), "2026-11-17T12:00:00.000Z");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00.250Z"), "2026-11-17T12:00:00.250Z");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00.5"), "2026-11-17T12:00:00.500Z");
  EXPECT_EQ(Parsed("2024-02-29T23:59:59Z"), "2024-02-29T23:59:59.000Z");
}

TEST(ParseUtcTest, ConvertsOffsetToUtc) {
  EXPECT_EQ(Parsed("2026-11-17T12:00:00+02:00"), "2026-11-17T10:00:00.000Z");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00-05:30"), "2026-11-17T17:30:00.000Z");
}

TEST(ParseUtcTest, RejectsGarbage) {
  EXPECT_EQ(Parsed("yesterday"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00 UTC"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00+2"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00+02:00x"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00Zx"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00."), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00.1234Z"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00"), "invalid");
}

TEST(ParseUtcTest, RejectsDaysAndTimesOutOfRange) {
  EXPECT_EQ(Parsed("2026-02-29T12:00:00Z"), "invalid");
  EXPECT_EQ(Parsed("2026-13-01T12:00:00Z"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T24:00:00Z"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:60:00Z"), "invalid");
  EXPECT_EQ(Parsed("2026-11-17T12:00:00+15:00"), "invalid");
}

}  // namespace
}  // namespace sprintetl
