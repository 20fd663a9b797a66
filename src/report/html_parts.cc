#include "report/html_parts.h"

#include <fmt/format.h>

#include "report/html_escape.h"

namespace sprintetl::report {

std::string EmptyNote(const std::string& test_id, const std::string& text) {
  return fmt::format("<p class=\"empty\" id=\"{0}\" data-testid=\"{0}\">{1}</p>\n", test_id,
                     EscapeHtml(text));
}

std::string OpenSection(const std::string& heading) {
  return "<section>\n<h2>" + EscapeHtml(heading) + "</h2>\n";
}

std::string NumberCell(const std::string& text, bool negative) {
  return fmt::format("<td class=\"num{}\">{}</td>", negative ? " negative" : "", EscapeHtml(text));
}

}  // namespace sprintetl::report
