#include "fakes/fake_bigquery_sql.h"

#include <algorithm>
#include <cctype>
#include <regex>
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

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// The index of the ")" that closes the "(" at `open`, or npos.
size_t ClosingParenthesis(const std::string& text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return i;
  }
  return std::string::npos;
}

// Reads the clauses after a column list: PARTITION BY expr, CLUSTER BY a, b
// and OPTIONS (...), in any order. Returns false for any other text.
bool ParseLayoutClauses(const std::string& tail, TableLayout* layout) {
  static const std::regex kKeyword(R"(\b(PARTITION\s+BY|CLUSTER\s+BY|OPTIONS)\b)",
                                   std::regex::icase);
  std::vector<std::pair<size_t, std::string>> starts;  // position, keyword in upper case
  for (auto it = std::sregex_iterator(tail.begin(), tail.end(), kKeyword);
       it != std::sregex_iterator(); ++it) {
    starts.emplace_back(static_cast<size_t>(it->position()), Upper(it->str()).substr(0, 3));
  }
  if (starts.empty() || !Trim(tail.substr(0, starts[0].first)).empty()) return false;
  for (size_t i = 0; i < starts.size(); ++i) {
    size_t end = i + 1 < starts.size() ? starts[i + 1].first : tail.size();
    std::string clause = tail.substr(starts[i].first, end - starts[i].first);
    const std::string& keyword = starts[i].second;
    std::string body = Trim(clause.substr(clause.find_first_of(" \t\r\n(")));
    if (keyword == "PAR") {
      body = Trim(body.substr(2));  // after "BY"
      layout->partition_by = body;
    } else if (keyword == "CLU") {
      body = Trim(body.substr(2));
      size_t start = 0;
      while (start <= body.size()) {
        size_t comma = body.find(',', start);
        layout->cluster_by.push_back(Trim(body.substr(start, comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
  }
  return true;
}

// BigQuery functions whose DuckDB namesakes behave differently, by the
// upper-case name of the call, and the macro that replaces each.
std::string RenamedFunction(const std::string& upper) {
  if (upper == "DATE") return "bq_date";
  if (upper == "TIMESTAMP") return "bq_timestamp";
  if (upper == "MD5") return "bq_md5";
  if (upper == "TO_HEX") return "bq_to_hex";
  if (upper == "REGEXP_REPLACE") return "bq_regexp_replace";
  return "";
}

// Reads `AS name [WITH OFFSET AS position]` after an UNNEST(...) call that
// ends before `from`. Returns the text DuckDB needs and sets `*end` past what
// it read, or returns "" when no alias follows.
std::string UnnestAlias(const std::string& sql, size_t from, size_t* end) {
  static const std::regex kAlias(
      R"(^\s+AS\s+(\w+)(\s+WITH\s+OFFSET\s+AS\s+(\w+))?)", std::regex::icase);
  std::smatch match;
  std::string rest = sql.substr(from);
  if (!std::regex_search(rest, match, kAlias)) return "";
  const std::string name = match[1].str();
  *end = from + match.length(0);
  if (!match[2].matched) return " AS _unnest_" + name + "(" + name + ")";
  return " WITH ORDINALITY AS _unnest_" + name + "(" + name + ", " + match[3].str() + ")";
}

}  // namespace

std::string BigQueryFunctionMacros() {
  return "CREATE OR REPLACE TEMP MACRO bq_date(instant, zone) AS\n"
         "  CAST(timezone(zone, timezone('UTC', instant)) AS DATE),\n"
         "  (year, month, day) AS make_date(year, month, day);\n"
         "CREATE OR REPLACE TEMP MACRO bq_timestamp(day, zone) AS\n"
         "  timezone('UTC', timezone(zone, CAST(day AS TIMESTAMP)));\n"
         "CREATE OR REPLACE TEMP MACRO bq_md5(text) AS unhex(md5(text));\n"
         "CREATE OR REPLACE TEMP MACRO bq_to_hex(bytes) AS lower(hex(bytes));\n"
         "CREATE OR REPLACE TEMP MACRO to_json_string(value) AS CAST(to_json(value) AS VARCHAR);\n"
         "CREATE OR REPLACE TEMP MACRO format_date(format, day) AS strftime(day, format);\n"
         "CREATE OR REPLACE TEMP MACRO generate_date_array(first_day, last_day) AS\n"
         "  CAST(generate_series(first_day, last_day, INTERVAL 1 DAY) AS DATE[]);\n"
         "CREATE OR REPLACE TEMP MACRO bq_regexp_replace(text, pattern, replacement) AS\n"
         "  regexp_replace(text, pattern, replacement, 'g');\n";
}

std::string StripTableLayout(const std::string& statement, TableLayout* layout) {
  static const std::regex kHead(
      R"(^\s*CREATE\s+(OR\s+REPLACE\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(\S+)\s*$)",
      std::regex::icase);
  *layout = TableLayout{};
  size_t open = statement.find('(');
  if (open == std::string::npos) return statement;
  std::string head = statement.substr(0, open);
  std::smatch match;
  if (!std::regex_match(head, match, kHead)) return statement;
  size_t close = ClosingParenthesis(statement, open);
  if (close == std::string::npos) return statement;

  std::string tail = statement.substr(close + 1);
  if (Trim(tail).empty()) return statement;
  TableLayout parsed;
  if (!ParseLayoutClauses(tail, &parsed)) return statement;
  std::string table = match[3].str();
  table.erase(std::remove(table.begin(), table.end(), '"'), table.end());
  parsed.table = table;
  *layout = parsed;
  return statement.substr(0, close + 1);
}

bool ParseAssert(const std::string& statement, std::string* condition, std::string* description) {
  std::string text = Trim(statement);
  if (text.size() < 7 || Upper(text.substr(0, 6)) != "ASSERT" || IsWordChar(text[6])) {
    return false;
  }
  text = Trim(text.substr(6));
  description->clear();
  *condition = text;
  if (text.empty() || text.back() != '\'') return true;

  // Walks back to the opening quote of the final string literal; a quote
  // after an odd number of backslashes is escaped.
  size_t quote = std::string::npos;
  for (size_t i = text.size() - 1; i-- > 0;) {
    if (text[i] != '\'') continue;
    size_t slashes = 0;
    while (i > slashes && text[i - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) {
      quote = i;
      break;
    }
  }
  if (quote == std::string::npos) return true;
  std::string before = Trim(text.substr(0, quote));
  if (before.size() < 3 || Upper(before.substr(before.size() - 2)) != "AS" ||
      IsWordChar(before[before.size() - 3])) {
    return true;
  }
  *condition = Trim(before.substr(0, before.size() - 2));
  std::string literal = text.substr(quote + 1, text.size() - quote - 2);
  for (size_t i = 0; i < literal.size(); ++i) {
    if (literal[i] == '\\' && i + 1 < literal.size()) ++i;
    description->push_back(literal[i]);
  }
  return true;
}

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
      if (i < sql.size() && sql[i] == '(' && !RenamedFunction(upper).empty()) {
        out += RenamedFunction(upper);
        previous_word = upper;
        continue;
      }
      if (upper == "UNNEST" && i < sql.size() && sql[i] == '(') {
        size_t close = ClosingParenthesis(sql, i);
        if (close != std::string::npos) {
          size_t alias_end = 0;
          std::string alias = UnnestAlias(sql, close + 1, &alias_end);
          if (!alias.empty()) {
            out += word + TranslateBigQuerySql(sql.substr(i, close + 1 - i)) + alias;
            i = alias_end;
            previous_word.clear();
            continue;
          }
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
