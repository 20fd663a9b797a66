#include "warehouse/sql_text.h"

#include <cctype>

namespace sprintetl::warehouse {
namespace {

constexpr size_t kMaxLineChars = 160;

std::string Trim(const std::string& text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

}  // namespace

std::vector<std::string> SplitSqlStatements(const std::string& sql) {
  std::vector<std::string> statements;
  std::string current;
  bool has_code = false;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '-' && next == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string::npos) end = sql.size();
      current.append(sql, i, end - i);
      i = end;
      continue;
    }
    if (c == '/' && next == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string::npos ? sql.size() : end + 2;
      current.append(sql, i, end - i);
      i = end;
      continue;
    }
    if (c == '\'' || c == '"') {
      // A doubled quote inside the literal escapes it, so scanning to the
      // next lone quote is enough.
      size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c && (end + 1 >= sql.size() || sql[end + 1] != c)) break;
        end += sql[end] == c ? 2 : 1;
      }
      end = end < sql.size() ? end + 1 : sql.size();
      current.append(sql, i, end - i);
      has_code = true;
      i = end;
      continue;
    }
    if (c == ';') {
      if (has_code) statements.push_back(Trim(current));
      current.clear();
      has_code = false;
      ++i;
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(c))) has_code = true;
    current.push_back(c);
    ++i;
  }
  if (has_code) statements.push_back(Trim(current));
  return statements;
}

std::string FirstSqlLine(const std::string& sql) {
  size_t start = 0;
  while (start < sql.size()) {
    size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    std::string line = Trim(sql.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.rfind("--", 0) == 0) continue;
    if (line.size() > kMaxLineChars) line = line.substr(0, kMaxLineChars) + "...";
    return line;
  }
  return "";
}

std::string QuoteWith(const std::string& text, char quote) {
  std::string quoted(1, quote);
  for (char c : text) {
    if (c == quote) quoted.push_back(quote);
    quoted.push_back(c);
  }
  quoted.push_back(quote);
  return quoted;
}

std::string QuoteIdentifier(const std::string& name) { return QuoteWith(name, '"'); }

}  // namespace sprintetl::warehouse
