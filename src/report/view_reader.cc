#include "report/view_reader.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace sprintetl::report {

namespace {

constexpr char kRunModelsHint[] =
    "run the models first (`sprintetl load` or `sprintetl run`) so the rpt_* views exist";

std::string SelectSql(const std::string& view, const std::vector<std::string>& columns,
                      const std::optional<std::string>& sprint_id) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += columns[i];
  }
  sql += " FROM " + view;
  if (sprint_id.has_value()) sql += " WHERE sprint_id = " + warehouse::QuoteLiteral(*sprint_id);
  return sql;
}

}  // namespace

std::optional<double> ParseFiniteNumber(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  size_t end = text.find_last_not_of(" \t\r\n");
  if (begin == std::string::npos) return std::nullopt;

  // from_chars rejects a leading '+', which some backends print for exponents only.
  const char* first = text.data() + begin;
  const char* last = text.data() + end + 1;
  if (*first == '+') ++first;

  double value = 0;
  auto [ptr, error] = std::from_chars(first, last, value);
  if (error != std::errc() || ptr != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

Result<ViewRows> ViewRows::Read(warehouse::Warehouse& wh, const std::string& view,
                                const std::vector<std::string>& columns,
                                const std::optional<std::string>& sprint_id) {
  Result<warehouse::QueryResult> result = wh.Query(SelectSql(view, columns, sprint_id));
  if (!result.ok()) {
    return FailedPrecondition("cannot read report view " + view + " (" + result.status().message() +
                              "); " + kRunModelsHint);
  }

  ViewRows rows;
  rows.view_ = view;
  rows.result_ = std::move(result).value();
  for (size_t i = 0; i < rows.result_.columns.size(); ++i) {
    rows.column_index_.emplace(rows.result_.columns[i], i);
  }
  for (const std::string& column : columns) {
    if (rows.column_index_.count(column) == 0) {
      return FailedPrecondition("report view " + view + " has no column " + column + "; " +
                                kRunModelsHint);
    }
  }
  for (size_t i = 0; i < rows.result_.rows.size(); ++i) {
    if (rows.result_.rows[i].size() != rows.result_.columns.size()) {
      return Internal("report view " + view + " returned row " + std::to_string(i) + " with " +
                      std::to_string(rows.result_.rows[i].size()) + " values for " +
                      std::to_string(rows.result_.columns.size()) + " columns");
    }
  }
  return rows;
}

const std::optional<std::string>& ViewRows::Cell(size_t row, const std::string& column) const {
  return result_.rows[row][column_index_.at(column)];
}

std::string ViewRows::Text(size_t row, const std::string& column) const {
  const std::optional<std::string>& cell = Cell(row, column);
  return cell.has_value() ? *cell : std::string();
}

Status ViewRows::BadNumber(size_t row, const std::string& column, const std::string& text,
                           const char* expected) const {
  return DataLoss("report view " + view_ + " row " + std::to_string(row) + " column " + column +
                  " holds \"" + text + "\", expected " + expected +
                  "; check the model that builds the view");
}

Result<double> ViewRows::Number(size_t row, const std::string& column) const {
  const std::optional<std::string>& cell = Cell(row, column);
  if (!cell.has_value()) return 0.0;
  std::optional<double> value = ParseFiniteNumber(*cell);
  if (!value.has_value()) return BadNumber(row, column, *cell, "a number");
  return *value;
}

Result<std::optional<long long>> ViewRows::WholeNumber(size_t row,
                                                       const std::string& column) const {
  const std::optional<std::string>& cell = Cell(row, column);
  if (!cell.has_value()) return std::optional<long long>();

  // A double represents every integer up to 2^53 exactly, and no larger range.
  constexpr double kMaxExact = 9007199254740992.0;
  std::optional<double> value = ParseFiniteNumber(*cell);
  if (!value.has_value() || std::trunc(*value) != *value || std::fabs(*value) > kMaxExact) {
    return BadNumber(row, column, *cell, "a whole number");
  }
  return std::optional<long long>(static_cast<long long>(*value));
}

}  // namespace sprintetl::report
