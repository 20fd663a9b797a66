#include "warehouse/warehouse.h"

#include <filesystem>

#include "warehouse/bigquery_warehouse.h"
#include "warehouse/duckdb_warehouse.h"
#include "warehouse/sql_text.h"

namespace sprintetl::warehouse {

int QueryResult::ColumnIndex(const std::string& column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == column) return static_cast<int>(i);
  }
  return -1;
}

Result<std::unique_ptr<Warehouse>> OpenWarehouse(const config::Warehouse& settings) {
  if (settings.kind == "bigquery") {
    SPRINTETL_ASSIGN_OR_RETURN(std::unique_ptr<BigQueryWarehouse> bigquery,
                               BigQueryWarehouse::Open(settings.bigquery));
    return std::unique_ptr<Warehouse>(std::move(bigquery));
  }
  if (settings.kind != "duckdb") {
    return InvalidArgument("warehouse.kind '" + settings.kind +
                           "' is not supported; use 'duckdb' or 'bigquery'");
  }

  if (!settings.path.empty() && settings.path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(settings.path).parent_path();
    std::error_code error;
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
    if (error) {
      return InvalidArgument("cannot create the folder '" + parent.string() +
                             "' for warehouse.path: " + error.message() +
                             "; choose a writable warehouse.path");
    }
  }

  SPRINTETL_ASSIGN_OR_RETURN(std::unique_ptr<DuckDbWarehouse> duckdb,
                             DuckDbWarehouse::Open(settings.path));
  return std::unique_ptr<Warehouse>(std::move(duckdb));
}

std::string QuoteLiteral(const std::string& text) { return QuoteWith(text, '\''); }

}  // namespace sprintetl::warehouse
