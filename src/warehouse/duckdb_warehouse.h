// DuckDbWarehouse: the embedded DuckDB backend of the Warehouse interface,
// built on DuckDB's C API (DuckDB 1.4).
//
// One instance owns one database handle and one connection; both are closed
// by the destructor. Like every Warehouse it is not thread-safe. The session
// time zone is set to UTC so TIMESTAMPTZ values print the same on every host.
#pragma once

#include <duckdb.h>

#include <memory>
#include <string>

#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

class DuckDbWarehouse final : public Warehouse {
 public:
  // Opens (or creates) the database file at `path`; ":memory:" or "" opens a
  // private in-memory database. Fails with kUnavailable when DuckDB cannot
  // open the file (for example when another process holds its lock).
  static Result<std::unique_ptr<DuckDbWarehouse>> Open(const std::string& path);

  ~DuckDbWarehouse() override;
  DuckDbWarehouse(const DuckDbWarehouse&) = delete;
  DuckDbWarehouse& operator=(const DuckDbWarehouse&) = delete;

  std::string Dialect() const override { return "duckdb"; }
  Status Execute(const std::string& sql) override;
  Result<QueryResult> Query(const std::string& sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Result<long long> LoadNdjson(const std::string& table, const std::string& path) override;

 private:
  DuckDbWarehouse(duckdb_database database, duckdb_connection connection)
      : database_(database), connection_(connection) {}

  duckdb_database database_ = nullptr;
  duckdb_connection connection_ = nullptr;
};

}  // namespace sprintetl::warehouse
