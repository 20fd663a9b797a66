#include "core/json_escape.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace sprintetl {
namespace {

std::string Escaped(std::string_view text) {
  std::string out;
  AppendJsonEscaped(text, out);
  return out;
}

// Parses "<escaped>" as a JSON string; fails the test when it is not one.
std::string RoundTrip(std::string_view text) {
  auto json = nlohmann::json::parse("\"" + Escaped(text) + "\"", nullptr, false);
  EXPECT_TRUE(json.is_string()) << Escaped(text);
  return json.is_string() ? json.get<std::string>() : "";
}

TEST(JsonEscapeTest, QuotesBackslashesAndControls) {
  EXPECT_EQ(Escaped("error=\"a\\b\"\n\t"), "error=\\\"a\\\\b\\\"\\n\\t");
  EXPECT_EQ(Escaped(std::string("x\x01y", 3)), "x\\u0001y");
  EXPECT_EQ(RoundTrip("step.failed error=\"C:\\path\" \r\n end"),
            "step.failed error=\"C:\\path\" \r\n end");
}

TEST(JsonEscapeTest, KeepsValidUtf8) {
  EXPECT_EQ(Escaped("Café Ümlaut ★ 🚀"), "Café Ümlaut ★ 🚀");
}

TEST(JsonEscapeTest, ReplacesInvalidUtf8) {
  EXPECT_EQ(Escaped("a\xff" "b"), "a\\ufffdb");
  EXPECT_EQ(Escaped("cut \xe2\x98"), "cut \\ufffd\\ufffd");
  EXPECT_EQ(RoundTrip("\xc0\xaf overlong"), "\xef\xbf\xbd\xef\xbf\xbd overlong");
}

}  // namespace
}  // namespace sprintetl
