// The warehouse interface every backend implements (DuckDB today; PostgreSQL
// and BigQuery later). The pipeline talks to the warehouse only through it.
//
// A Warehouse owns one connection. It is not thread-safe: use it from one
// thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"

namespace sprintetl::warehouse {

// Rows of a query as text: NULL is std::nullopt; numbers, dates and
// timestamps use the backend's text form (timestamps "YYYY-MM-DD HH:MM:SS[.fff]").
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;

  // Returns the index of `column`, or -1 when absent.
  int ColumnIndex(const std::string& column) const;
};

class Warehouse {
 public:
  virtual ~Warehouse() = default;

  // The SQL dialect name models are rendered for: "duckdb" or "bigquery".
  virtual std::string Dialect() const = 0;

  // The dataset that views name their tables in, for backends that have
  // datasets (BigQuery); empty for the others.
  virtual std::string Dataset() const { return ""; }

  // Runs one or more statements that return no rows.
  // Fails with the backend's message and the first line of the failing SQL.
  virtual Status Execute(const std::string& sql) = 0;

  // Runs one statement and returns all its rows.
  virtual Result<QueryResult> Query(const std::string& sql) = 0;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Appends the rows of a newline-delimited JSON file to `table`. Keys are
  // column names; absent keys load as NULL. Runs inside the caller's
  // transaction if one is open. Returns the number of rows loaded.
  virtual Result<long long> LoadNdjson(const std::string& table, const std::string& path) = 0;
};

// Opens the configured warehouse, creating the database file if missing.
Result<std::unique_ptr<Warehouse>> OpenWarehouse(const config::Warehouse& settings);

// Returns `text` as a single-quoted SQL string literal.
std::string QuoteLiteral(const std::string& text);

}  // namespace sprintetl::warehouse
