#include "warehouse/model_template.h"

#include <algorithm>
#include <cctype>

#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {
namespace {

int LineOf(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string KnownNames(const std::map<std::string, std::string>& values) {
  std::string names;
  for (const auto& [name, value] : values) names += (names.empty() ? "" : ", ") + name;
  return names;
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

Result<std::string> RenderModelTemplate(const std::string& text,
                                        const std::map<std::string, std::string>& values,
                                        const std::string& origin) {
  std::string rendered;
  rendered.reserve(text.size());
  size_t position = 0;
  while (true) {
    size_t open = text.find("{{", position);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      return InvalidArgument(origin + " line " + std::to_string(LineOf(text, open)) +
                             ": '{{' is never closed with '}}'");
    }
    std::string name = Trim(text.substr(open + 2, close - open - 2));
    auto value = values.find(name);
    if (value == values.end()) {
      return InvalidArgument(origin + " line " + std::to_string(LineOf(text, open)) +
                             ": unknown placeholder '{{ " + name + " }}'; known names are " +
                             KnownNames(values));
    }
    rendered.append(text, position, open - position);
    rendered += QuoteLiteral(value->second);
    position = close + 2;
  }
  rendered.append(text, position, std::string::npos);
  return rendered;
}

}  // namespace sprintetl::warehouse
