#include "bigquery/parquet_file.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "warehouse/duckdb_warehouse.h"
#include "warehouse/sql_text.h"

namespace sprintetl::bigquery {

std::string DuckDbTypeOf(const nlohmann::json& field) {
  std::string type = field.value("type", "STRING");
  std::string mapped = "VARCHAR";
  if (type == "INT64" || type == "INTEGER") {
    mapped = "BIGINT";
  } else if (type == "FLOAT64" || type == "FLOAT") {
    mapped = "DOUBLE";
  } else if (type == "BOOL" || type == "BOOLEAN") {
    mapped = "BOOLEAN";
  } else if (type == "DATE") {
    mapped = "DATE";
  } else if (type == "TIMESTAMP") {
    // TIMESTAMPTZ writes Parquet timestamps marked as UTC, which BigQuery
    // loads into TIMESTAMP; plain TIMESTAMP would read as DATETIME.
    mapped = "TIMESTAMPTZ";
  } else if (type == "DATETIME") {
    mapped = "TIMESTAMP";
  } else if (type == "NUMERIC") {
    mapped = "DECIMAL(38,9)";
  }
  if (field.value("mode", "NULLABLE") == "REPEATED") mapped += "[]";
  return mapped;
}

Result<std::string> NdjsonToParquet(const std::string& ndjson_path,
                                    const nlohmann::json& schema_fields) {
  static std::atomic<int> sequence{0};
  std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("sprintetl-load-" + std::to_string(::getpid()) +
                                                "-" + std::to_string(sequence++) + ".parquet");

  std::string columns;
  for (const auto& field : schema_fields) {
    if (!columns.empty()) columns += ", ";
    columns += warehouse::QuoteLiteral(field.value("name", "")) + ": " +
               warehouse::QuoteLiteral(DuckDbTypeOf(field));
  }
  SPRINTETL_ASSIGN_OR_RETURN(auto duckdb, warehouse::DuckDbWarehouse::Open(":memory:"));
  std::string sql = "COPY (SELECT * FROM read_json(" + warehouse::QuoteLiteral(ndjson_path) +
                    ", format = 'newline_delimited', records = true, columns = {" + columns +
                    "})) TO " + warehouse::QuoteLiteral(out.string()) + " (FORMAT parquet)";
  Status copied = duckdb->Execute(sql);
  if (!copied.ok()) {
    std::filesystem::remove(out);
    return DataLoss("cannot convert '" + ndjson_path + "' to Parquet: " + copied.message());
  }

  std::ifstream in(out, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(out);
  return bytes.str();
}

}  // namespace sprintetl::bigquery
