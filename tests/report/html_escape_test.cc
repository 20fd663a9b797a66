#include "report/html_escape.h"

#include <gtest/gtest.h>

namespace sprintetl::report {
namespace {

TEST(HtmlEscapeTest, EscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtml("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
}

TEST(HtmlEscapeTest, KeepsValidUtf8) {
  EXPECT_EQ(EscapeHtml("Østby 株式会社 🚀 مرحبا"), "Østby 株式会社 🚀 مرحبا");
}

TEST(HtmlEscapeTest, ReplacesInvalidBytesAndControls) {
  EXPECT_EQ(EscapeHtml("a\xFF"
                       "b"),
            "a\uFFFD"
            "b");
  EXPECT_EQ(EscapeHtml("a\xC3"), "a\uFFFD");                    // truncated sequence
  EXPECT_EQ(EscapeHtml("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // UTF-16 surrogate
  EXPECT_EQ(EscapeHtml(std::string("a\0b", 3)),
            "a\uFFFD"
            "b");
  EXPECT_EQ(EscapeHtml("a\tb\nc"), "a\tb\nc");
}

TEST(HtmlEscapeTest, TruncatesByCodePoint) {
  EXPECT_EQ(TruncateUtf8("Sprint 41", 20), "Sprint 41");
  EXPECT_EQ(TruncateUtf8("Sprint 41 (5/6 - 5/19)", 10), "Sprint 41\u2026");
  EXPECT_EQ(TruncateUtf8("ØØØØØ", 3), "ØØ\u2026");
  EXPECT_EQ(TruncateUtf8("🚀🚀🚀", 2), "🚀\u2026");
  EXPECT_EQ(TruncateUtf8("abc", 0), "");
}

}  // namespace
}  // namespace sprintetl::report
