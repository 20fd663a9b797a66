// Renders the warehouse schema, written for DuckDB in sql/stage/stage_tables.sql
// and sql/warehouse/bookkeeping.sql, as BigQuery Standard SQL DDL, so both
// backends create the same tables from one source.
//
// Only the statements these files use are translated: CREATE TABLE IF NOT
// EXISTS with column definitions, and ALTER TABLE ... ADD COLUMN IF NOT
// EXISTS. Pure functions; safe to call from any thread.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace sprintetl::warehouse {

// Returns the BigQuery type of a DuckDB column type of the schema files:
// VARCHAR -> STRING, INTEGER and BIGINT -> INT64, DOUBLE -> FLOAT64,
// DECIMAL(p,s) -> NUMERIC, BOOLEAN -> BOOL, DATE, TIMESTAMP, and T[] ->
// ARRAY<T>. Returns "" for any other type.
std::string BigQueryType(const std::string& duckdb_type);

// Translates the DDL `script` into BigQuery statements, one per element,
// without trailing semicolons. Tables are written `dataset.table` in
// backticks. Fact tables (named fat_*) are partitioned by sprint_end_date
// and clustered by customer_id and squad_id. PRIMARY KEY clauses are dropped,
// because BigQuery does not enforce them. Fails with kInvalidArgument
// naming `origin` and the statement for any other statement or type.
Result<std::vector<std::string>> TranslateSchemaToBigQuery(const std::string& script,
                                                           const std::string& dataset,
                                                           const std::string& origin);

// Reads `sql_dir`/stage/stage_tables.sql and `sql_dir`/warehouse/bookkeeping.sql
// and returns their BigQuery statements in order. Fails with kNotFound for a
// missing file, or as TranslateSchemaToBigQuery.
Result<std::vector<std::string>> RenderBigQuerySchema(const std::string& sql_dir,
                                                      const std::string& dataset);

}  // namespace sprintetl::warehouse
