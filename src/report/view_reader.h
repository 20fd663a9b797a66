// Reads one rpt_* view through the Warehouse interface and parses its text
// values. Internal to the report stage.
//
// Warehouse::Query returns every value as text (NULL as std::nullopt), so the
// numbers are parsed here: NULL reads as 0, anything that is not a finite
// number is a kDataLoss error naming the view, column, row and value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "warehouse/warehouse.h"

namespace sprintetl::report {

class ViewRows {
 public:
  // Runs `SELECT <columns> FROM <view>`, plus `WHERE sprint_id = <literal>` when
  // `sprint_id` is set. Fails with kFailedPrecondition naming the view when the
  // query fails or a column is missing; the message asks to run the models first.
  static Result<ViewRows> Read(warehouse::Warehouse& wh, const std::string& view,
                               const std::vector<std::string>& columns,
                               const std::optional<std::string>& sprint_id);

  size_t size() const { return result_.rows.size(); }

  // Returns the value as text, or "" for NULL.
  // REQUIRES: `column` was requested in Read() and row < size().
  std::string Text(size_t row, const std::string& column) const;

  // Returns the value as a number, 0 for NULL.
  Result<double> Number(size_t row, const std::string& column) const;

  // Returns the value as a whole number, std::nullopt for NULL. "41.0" reads
  // as 41 because some backends return integral DOUBLEs with a fraction.
  Result<std::optional<long long>> WholeNumber(size_t row, const std::string& column) const;

 private:
  const std::optional<std::string>& Cell(size_t row, const std::string& column) const;
  Status BadNumber(size_t row, const std::string& column, const std::string& text,
                   const char* expected) const;

  std::string view_;
  warehouse::QueryResult result_;
  std::map<std::string, size_t> column_index_;
};

// Parses a decimal number such as "12", "-3.50" or "1e3", ignoring
// surrounding blanks. Returns std::nullopt for text that is not a finite number.
std::optional<double> ParseFiniteNumber(const std::string& text);

}  // namespace sprintetl::report
