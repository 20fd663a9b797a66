#include "report/html_escape.h"

namespace sprintetl::report {

namespace {

constexpr char kReplacementCharacter[] = "\xEF\xBF\xBD";  // U+FFFD
constexpr char kEllipsis[] = "\xE2\x80\xA6";              // U+2026

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Returns the length of the valid UTF-8 sequence starting at `pos`, or 0 when
// the bytes there are not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF are invalid).
size_t ValidSequenceLength(const std::string& text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  unsigned char lead = byte(0);
  size_t length = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }

  if (pos + length > text.size()) return 0;
  if (byte(1) < min_second || byte(1) > max_second) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
  }
  return length;
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t length = ValidSequenceLength(text, pos);
    if (length == 0) {
      escaped += kReplacementCharacter;
      ++pos;
      continue;
    }
    if (length > 1) {
      escaped.append(text, pos, length);
      pos += length;
      continue;
    }

    char c = text[pos++];
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        escaped += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          escaped += kReplacementCharacter;
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

std::string TruncateUtf8(const std::string& text, size_t max_code_points) {
  size_t pos = 0;
  size_t count = 0;
  while (pos < text.size() && count < max_code_points) {
    size_t length = ValidSequenceLength(text, pos);
    pos += length == 0 ? 1 : length;
    ++count;
  }
  if (pos >= text.size()) return text;
  if (max_code_points == 0) return "";

  // Drop the last kept code point to make room for the ellipsis.
  size_t cut = pos;
  do {
    --cut;
  } while (cut > 0 && IsContinuation(static_cast<unsigned char>(text[cut])));
  return text.substr(0, cut) + kEllipsis;
}

}  // namespace sprintetl::report
