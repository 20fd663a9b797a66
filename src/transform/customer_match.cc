#include "transform/customer_match.h"

#include <cctype>
#include <string_view>

namespace sprintetl::transform {
namespace {

// Base letters of U+00C0..U+00FF and U+0100..U+017F, one byte per code point.
// '*' marks a letter that becomes two (see TwoLetterBase), '=' one that stays.
constexpr std::string_view kLatin1Base =
    "aaaaaa*ceeeeiiii"
    "dnooooo=ouuuuy**"
    "aaaaaa*ceeeeiiii"
    "dnooooo=ouuuuy*y";
constexpr std::string_view kLatinExtendedABase =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "ii**jjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo**rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";
static_assert(kLatin1Base.size() == 0x40 && kLatinExtendedABase.size() == 0x80);

std::string_view TwoLetterBase(char32_t code_point) {
  switch (code_point) {
    case 0xC6:
    case 0xE6:
      return "ae";
    case 0xDE:
    case 0xFE:
      return "th";
    case 0xDF:
      return "ss";
    case 0x132:
    case 0x133:
      return "ij";
    case 0x152:
    case 0x153:
      return "oe";
    default:
      return "";
  }
}

bool IsQuote(char32_t code_point) {
  switch (code_point) {
    case U'"':
    case U'\'':
    case U'`':
    case 0xAB:
    case 0xBB:  // « »
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:  // ‘ ’ ‚ ‛
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:  // “ ” „ ‟
      return true;
    default:
      return false;
  }
}

bool IsSpace(char32_t code_point) {
  return code_point == U' ' || (code_point >= 0x09 && code_point <= 0x0D) || code_point == 0xA0 ||
         (code_point >= 0x2000 && code_point <= 0x200A) || code_point == 0x202F ||
         code_point == 0x3000;
}

// Decodes the UTF-8 sequence at `text[pos]`; sets `length` to its byte count.
// An invalid byte decodes to itself with length 1, so it is kept unchanged.
char32_t DecodeUtf8(std::string_view text, size_t pos, size_t& length) {
  unsigned char lead = static_cast<unsigned char>(text[pos]);
  length = 1;
  size_t extra = 0;
  if (lead < 0x80) return lead;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
  } else {
    return lead;
  }
  if (pos + extra >= text.size()) return lead;

  char32_t code_point = lead & (0x3F >> extra);
  for (size_t i = 1; i <= extra; ++i) {
    unsigned char next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) return lead;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  length = extra + 1;
  return code_point;
}

// The base letters of an accented Latin letter, or "" when it has none.
std::string LatinBase(char32_t code_point) {
  char base = 0;
  if (code_point >= 0xC0 && code_point <= 0xFF) base = kLatin1Base[code_point - 0xC0];
  if (code_point >= 0x100 && code_point <= 0x17F) base = kLatinExtendedABase[code_point - 0x100];
  if (base == 0 || base == '=') return "";
  if (base == '*') return std::string(TwoLetterBase(code_point));
  return std::string(1, base);
}

}  // namespace

std::string NormaliseCompanyName(const std::string& name) {
  std::string normalised;
  bool pending_space = false;
  size_t pos = 0;
  while (pos < name.size()) {
    size_t length = 1;
    char32_t code_point = DecodeUtf8(name, pos, length);
    std::string_view original(name.data() + pos, length);
    pos += length;

    if (IsQuote(code_point)) continue;
    if (IsSpace(code_point)) {
      pending_space = !normalised.empty();
      continue;
    }
    if (pending_space) {
      normalised.push_back(' ');
      pending_space = false;
    }
    if (code_point < 0x80) {
      normalised.push_back(static_cast<char>(std::tolower(static_cast<int>(code_point))));
      continue;
    }
    std::string base = LatinBase(code_point);
    normalised += base.empty() ? std::string(original) : base;
  }
  return normalised;
}

bool CompanyIndex::Add(const std::string& id, const std::string& name,
                       const std::vector<std::string>& merged_ids) {
  ids_[id] = id;
  for (const std::string& merged : merged_ids) {
    if (merged != id) merged_into_[merged] = id;
  }
  if (name.empty()) return true;
  return by_name_.emplace(NormaliseCompanyName(name), id).second;
}

std::optional<std::string> CompanyIndex::ResolveId(const std::string& id) const {
  if (ids_.count(id) > 0) return id;
  auto merged = merged_into_.find(id);
  if (merged != merged_into_.end()) return merged->second;
  return std::nullopt;
}

std::optional<std::string> CompanyIndex::MatchName(const std::string& name) const {
  auto found = by_name_.find(NormaliseCompanyName(name));
  if (found == by_name_.end()) return std::nullopt;
  return found->second;
}

}  // namespace sprintetl::transform
