// Escaping of warehouse text (customer, squad, task names) for the HTML report.
#pragma once

#include <string>

namespace sprintetl::report {

// Returns `text` safe for HTML element content and quoted attribute values,
// including inline SVG: & < > " ' become character references. Invalid UTF-8
// bytes and control characters other than tab, line feed and carriage return
// become U+FFFD, so a damaged name cannot break the page's encoding.
std::string EscapeHtml(const std::string& text);

// Returns `text` cut to at most `max_code_points` code points, with "…"
// replacing the cut part. Never splits a UTF-8 sequence.
// NOTE: counts code points, not grapheme clusters, so a cut can still split an
// emoji sequence joined with U+200D; the full text stays in the title tooltip.
std::string TruncateUtf8(const std::string& text, size_t max_code_points);

}  // namespace sprintetl::report
