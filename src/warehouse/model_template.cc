#include "warehouse/model_template.h"

#include <algorithm>
#include <cctype>

#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {
namespace {

int LineOf(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string At(const std::string& origin, const std::string& text, size_t offset) {
  return origin + " line " + std::to_string(LineOf(text, offset));
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

bool IsDialectName(const std::string& name) { return name == "duckdb" || name == "bigquery"; }

// The newlines of `text` alone, so a dropped branch keeps the line numbers of
// the text after it, and backend errors still point at the file's lines.
std::string NewlinesOf(const std::string& text, size_t begin, size_t end) {
  return std::string(static_cast<size_t>(std::count(text.begin() + begin, text.begin() + end,
                                                    '\n')),
                     '\n');
}

// Resolves every `{% if dialect %} ... {% else %} ... {% endif %}` block.
Result<std::string> ResolveIfBlocks(const std::string& text, const std::string& origin,
                                    const std::string& dialect) {
  std::string out;
  size_t position = 0;
  bool in_block = false;
  bool keep = true;      // whether the current branch is the rendered one
  bool seen_else = false;
  while (true) {
    size_t open = text.find("{%", position);
    if (open == std::string::npos) break;
    size_t close = text.find("%}", open + 2);
    if (close == std::string::npos) {
      return InvalidArgument(At(origin, text, open) + ": '{%' is never closed with '%}'");
    }
    const std::string tag = Trim(text.substr(open + 2, close - open - 2));
    if (keep) {
      out.append(text, position, open - position);
    } else {
      out += NewlinesOf(text, position, open);
    }
    out += NewlinesOf(text, open, close);

    if (tag.rfind("if ", 0) == 0) {
      const std::string condition = Trim(tag.substr(3));
      if (in_block) {
        return InvalidArgument(At(origin, text, open) +
                               ": '{% if %}' blocks do not nest; close the outer one first");
      }
      if (!IsDialectName(condition)) {
        return InvalidArgument(At(origin, text, open) + ": unknown dialect '" + condition +
                               "' in '{% if %}'; known are duckdb and bigquery");
      }
      in_block = true;
      seen_else = false;
      keep = condition == dialect;
    } else if (tag == "else") {
      if (!in_block || seen_else) {
        return InvalidArgument(At(origin, text, open) + ": '{% else %}' outside an if block");
      }
      seen_else = true;
      keep = !keep;
    } else if (tag == "endif") {
      if (!in_block) {
        return InvalidArgument(At(origin, text, open) + ": '{% endif %}' without '{% if %}'");
      }
      in_block = false;
      keep = true;
    } else {
      return InvalidArgument(At(origin, text, open) + ": unknown block '{% " + tag +
                             " %}'; known are if, else and endif");
    }
    position = close + 2;
  }
  if (in_block) {
    return InvalidArgument(origin + ": '{% if %}' is never closed with '{% endif %}'");
  }
  out.append(text, position, std::string::npos);
  return out;
}

std::string TableName(const std::string& table, const TemplateDialect& dialect) {
  if (dialect.name != "bigquery") return table;
  return "`" + dialect.dataset + "." + table + "`";
}

// BigQuery type names that DuckDB spells differently. STRING, INT64 and BOOL
// need no entry: DuckDB accepts them as aliases.
Result<std::string> TypeName(const std::string& bigquery_type, const TemplateDialect& dialect,
                             const std::string& where) {
  static const std::map<std::string, std::string> kDuckDbNames = {{"FLOAT64", "DOUBLE"}};
  auto found = kDuckDbNames.find(bigquery_type);
  if (found == kDuckDbNames.end()) {
    return InvalidArgument(where + ": unknown type '{{ type " + bigquery_type +
                           " }}'; known is FLOAT64, and STRING, INT64 and BOOL need no "
                           "placeholder");
  }
  return dialect.name == "bigquery" ? bigquery_type : found->second;
}

}  // namespace

std::string QuoteLiteralFor(const std::string& text, const TemplateDialect& dialect) {
  if (dialect.name != "bigquery") return QuoteLiteral(text);
  std::string literal = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') literal += '\\';
    literal += c;
  }
  return literal + "'";
}

Result<std::string> RenderModelTemplate(const std::string& template_text,
                                        const std::map<std::string, std::string>& values,
                                        const std::string& origin,
                                        const TemplateDialect& dialect) {
  if (!IsDialectName(dialect.name)) {
    return InvalidArgument(origin + ": unknown SQL dialect '" + dialect.name +
                           "'; known are duckdb and bigquery");
  }
  SPRINTETL_ASSIGN_OR_RETURN(std::string text,
                             ResolveIfBlocks(template_text, origin, dialect.name));

  std::string rendered;
  rendered.reserve(text.size());
  size_t position = 0;
  while (true) {
    size_t open = text.find("{{", position);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) {
      return InvalidArgument(At(origin, text, open) + ": '{{' is never closed with '}}'");
    }
    std::string name = Trim(text.substr(open + 2, close - open - 2));
    rendered.append(text, position, open - position);
    position = close + 2;

    if (name.rfind("table ", 0) == 0) {
      rendered += TableName(Trim(name.substr(6)), dialect);
      continue;
    }
    if (name.rfind("type ", 0) == 0) {
      SPRINTETL_ASSIGN_OR_RETURN(std::string type,
                                 TypeName(Trim(name.substr(5)), dialect, At(origin, text, open)));
      rendered += type;
      continue;
    }
    auto value = values.find(name);
    if (value == values.end()) {
      return InvalidArgument(At(origin, text, open) + ": unknown placeholder '{{ " + name +
                             " }}'; known names are " + KnownNames(values) +
                             ", 'table <name>' and 'type <name>'");
    }
    rendered += QuoteLiteralFor(value->second, dialect);
  }
  rendered.append(text, position, std::string::npos);
  return rendered;
}

}  // namespace sprintetl::warehouse
