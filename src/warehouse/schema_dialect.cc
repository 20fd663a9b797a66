#include "warehouse/schema_dialect.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "warehouse/sql_text.h"

namespace sprintetl::warehouse {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// Removes `--` comments; the schema files put no "--" inside string literals.
std::string WithoutComments(const std::string& sql) {
  std::string text;
  std::istringstream lines(sql);
  for (std::string line; std::getline(lines, line);) {
    size_t comment = line.find("--");
    text += (comment == std::string::npos ? line : line.substr(0, comment)) + "\n";
  }
  return text;
}

// Splits a column list at the commas outside parentheses.
std::vector<std::string> SplitDefinitions(const std::string& list) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  for (char c : list) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      parts.push_back(Trim(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!Trim(current).empty()) parts.push_back(Trim(current));
  return parts;
}

std::string Unquoted(const std::string& name) {
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    return name.substr(1, name.size() - 2);
  }
  return name;
}

// "name TYPE [NOT NULL]" in BigQuery, or "" for a type it cannot map.
std::string TranslateColumn(const std::string& definition) {
  static const std::regex kColumn(R"(^("[^"]+"|\w+)\s+(.+?)(\s+NOT\s+NULL)?$)",
                                  std::regex::icase);
  std::smatch match;
  if (!std::regex_match(definition, match, kColumn)) return "";
  std::string type = BigQueryType(Trim(match[2].str()));
  if (type.empty()) return "";
  return "`" + Unquoted(match[1].str()) + "` " + type + (match[3].matched ? " NOT NULL" : "");
}

// `table` and `definitions` are the parts of "CREATE TABLE IF NOT EXISTS
// table (definitions)".
Result<std::string> TranslateCreate(const std::string& table, const std::string& definitions,
                                    const std::string& dataset, const std::string& where) {
  std::vector<std::string> columns;
  for (const std::string& definition : SplitDefinitions(definitions)) {
    if (Upper(definition).rfind("PRIMARY KEY", 0) == 0) continue;
    std::string column = TranslateColumn(definition);
    if (column.empty()) {
      return InvalidArgument(where + ": cannot translate column '" + definition +
                             "' of table " + table + " to BigQuery");
    }
    columns.push_back(column);
  }
  std::string sql = "CREATE TABLE IF NOT EXISTS `" + dataset + "." + table + "` (\n";
  for (size_t i = 0; i < columns.size(); ++i) {
    sql += "  " + columns[i] + (i + 1 < columns.size() ? ",\n" : "\n");
  }
  sql += ")";
  if (table.rfind("fat_", 0) == 0) {
    sql += "\nPARTITION BY sprint_end_date\nCLUSTER BY customer_id, squad_id";
  }
  return sql;
}

}  // namespace

std::string BigQueryType(const std::string& duckdb_type) {
  const std::string type = Upper(Trim(duckdb_type));
  if (type.size() > 2 && type.ends_with("[]")) {
    std::string element = BigQueryType(type.substr(0, type.size() - 2));
    return element.empty() ? "" : "ARRAY<" + element + ">";
  }
  if (type == "VARCHAR" || type == "TEXT") return "STRING";
  if (type == "INTEGER" || type == "BIGINT") return "INT64";
  if (type == "DOUBLE") return "FLOAT64";
  if (type == "BOOLEAN") return "BOOL";
  if (type == "DATE" || type == "TIMESTAMP") return type;
  if (std::regex_match(type, std::regex(R"(DECIMAL\s*\(\s*\d+\s*,\s*\d+\s*\))"))) {
    return "NUMERIC";
  }
  return "";
}

Result<std::vector<std::string>> TranslateSchemaToBigQuery(const std::string& script,
                                                           const std::string& dataset,
                                                           const std::string& origin) {
  // Only the head is matched by a regex, because std::regex recurses per
  // character and a long column list could exhaust the stack.
  static const std::regex kCreate(R"(^CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\w+)\s*$)",
                                  std::regex::icase);
  static const std::regex kAddColumn(
      R"(^ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\s+("[^"]+"|\w+)\s+(.+)$)",
      std::regex::icase);
  std::vector<std::string> statements;
  for (const std::string& statement : SplitSqlStatements(script)) {
    const std::string text = Trim(WithoutComments(statement));
    const std::string where = origin + " statement '" + FirstSqlLine(text) + "'";
    const size_t open = text.find('(');
    const std::string head = open == std::string::npos ? "" : text.substr(0, open);
    std::smatch match;
    if (!head.empty() && text.back() == ')' && std::regex_match(head, match, kCreate)) {
      SPRINTETL_ASSIGN_OR_RETURN(
          std::string sql,
          TranslateCreate(match[1].str(), text.substr(open + 1, text.size() - open - 2), dataset,
                          where));
      statements.push_back(std::move(sql));
    } else if (std::regex_match(text, match, kAddColumn)) {
      std::string type = BigQueryType(match[3].str());
      if (type.empty()) {
        return InvalidArgument(where + ": cannot translate type '" + match[3].str() +
                               "' to BigQuery");
      }
      statements.push_back("ALTER TABLE `" + dataset + "." + match[1].str() +
                           "` ADD COLUMN IF NOT EXISTS `" + Unquoted(match[2].str()) + "` " +
                           type);
    } else {
      return InvalidArgument(where + ": only CREATE TABLE IF NOT EXISTS and ALTER TABLE ... "
                             "ADD COLUMN IF NOT EXISTS can be translated to BigQuery");
    }
  }
  return statements;
}

Result<std::vector<std::string>> RenderBigQuerySchema(const std::string& sql_dir,
                                                      const std::string& dataset) {
  std::vector<std::string> statements;
  for (const char* relative : {"stage/stage_tables.sql", "warehouse/bookkeeping.sql"}) {
    const std::filesystem::path path = std::filesystem::path(sql_dir) / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("schema file '" + path.string() + "' not found");
    std::ostringstream text;
    text << in.rdbuf();
    SPRINTETL_ASSIGN_OR_RETURN(std::vector<std::string> translated,
                               TranslateSchemaToBigQuery(text.str(), dataset, path.string()));
    statements.insert(statements.end(), translated.begin(), translated.end());
  }
  return statements;
}

}  // namespace sprintetl::warehouse
