// JSON string escaping for log lines written with --log-format json, where
// messages carry quotes, backslashes and API text of any kind.
#pragma once

#include <string>
#include <string_view>

namespace sprintetl {

// Appends `text` to `out` as the inside of a JSON string: quotes,
// backslashes and control characters escaped, and each byte that is not
// part of valid UTF-8 replaced by U+FFFD so the line stays parseable.
void AppendJsonEscaped(std::string_view text, std::string& out);

}  // namespace sprintetl
