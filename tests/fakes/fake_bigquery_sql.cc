#include "fakes/fake_bigquery_sql.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sprintetl::fakes {
namespace {

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `a.b.c` names project.dataset.table; the fake keeps one project, so the
// project part is dropped.
std::string QuotedPath(const std::string& inside) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = inside.find('.', start);
    parts.push_back(inside.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.size() == 3) parts.erase(parts.begin());
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += '.';
    out += '"' + part + '"';
  }
  return out;
}

std::string ScalarType(const std::string& upper) {
  if (upper == "INT64") return "BIGINT";
  if (upper == "FLOAT64") return "DOUBLE";
  if (upper == "STRING") return "VARCHAR";
  if (upper == "BOOL") return "BOOLEAN";
  if (upper == "NUMERIC") return "DECIMAL(38,9)";
  if (upper == "BIGNUMERIC") return "DECIMAL(38,18)";
  if (upper == "BYTES") return "BLOB";
  return "";
}

}  // namespace

std::string TranslateBigQuerySql(const std::string& sql) {
  std::string out;
  std::string previous_word;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      size_t end = i + 1;
      while (end < sql.size() && sql[end] != c) end += sql[end] == '\\' ? 2 : 1;
      out += sql.substr(i, end + 1 - i);
      i = end + 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string::npos) end = sql.size();
      out += sql.substr(i, end - i);
      i = end;
    } else if (c == '`') {
      size_t end = sql.find('`', i + 1);
      if (end == std::string::npos) end = sql.size();
      out += QuotedPath(sql.substr(i + 1, end - i - 1));
      i = end + 1;
      previous_word.clear();
    } else if (IsWordStart(c)) {
      size_t end = i;
      while (end < sql.size() && IsWordChar(sql[end])) ++end;
      std::string word = sql.substr(i, end - i);
      std::string upper = Upper(word);
      i = end;
      if (upper == "TRANSACTION" && (previous_word == "COMMIT" || previous_word == "ROLLBACK")) {
        // DuckDB writes COMMIT and ROLLBACK alone; drop the trailing space too.
        while (!out.empty() && out.back() == ' ') out.pop_back();
        previous_word = upper;
        continue;
      }
      if (upper == "ARRAY" && i < sql.size() && sql[i] == '<') {
        size_t close = sql.find('>', i);
        if (close != std::string::npos) {
          std::string inner = Upper(sql.substr(i + 1, close - i - 1));
          std::string mapped = ScalarType(inner);
          out += (mapped.empty() ? inner : mapped) + "[]";
          i = close + 1;
          previous_word.clear();
          continue;
        }
      }
      std::string mapped = ScalarType(upper);
      out += mapped.empty() ? word : mapped;
      previous_word = upper;
    } else {
      out += c;
      if (!std::isspace(static_cast<unsigned char>(c))) previous_word.clear();
      ++i;
    }
  }
  return out;
}

std::string BigQueryTypeOf(const std::string& duckdb_type, bool* repeated) {
  std::string type = Upper(duckdb_type);
  *repeated = false;
  if (type.size() > 2 && type.substr(type.size() - 2) == "[]") {
    *repeated = true;
    type = type.substr(0, type.size() - 2);
  }
  if (type == "BIGINT" || type == "INTEGER" || type == "SMALLINT" || type == "TINYINT" ||
      type == "HUGEINT" || type == "UBIGINT" || type == "UINTEGER") {
    return "INTEGER";
  }
  if (type == "DOUBLE" || type == "FLOAT" || type == "REAL") return "FLOAT";
  if (type == "BOOLEAN") return "BOOLEAN";
  if (type == "DATE") return "DATE";
  if (type.rfind("TIMESTAMP", 0) == 0) return "TIMESTAMP";
  if (type.rfind("DECIMAL", 0) == 0) return "NUMERIC";
  if (type == "BLOB") return "BYTES";
  return "STRING";
}

std::string DuckDbTypeOfBigQuery(const std::string& type) {
  std::string upper = Upper(type);
  if (upper == "INTEGER") return "BIGINT";
  if (upper == "FLOAT") return "DOUBLE";
  if (upper == "BOOLEAN") return "BOOLEAN";
  if (upper == "TIMESTAMP") return "TIMESTAMP";
  if (upper == "DATE") return "DATE";
  if (upper == "DATETIME") return "TIMESTAMP";
  std::string scalar = ScalarType(upper);
  return scalar.empty() ? "VARCHAR" : scalar;
}

}  // namespace sprintetl::fakes
