// The fake BigQuery's translation of GoogleSQL text to DuckDB SQL. It is
// mechanical, token by token, and covers what the warehouse backend and the
// tests send; anything else passes through unchanged and DuckDB judges it.
#pragma once

#include <string>

namespace sprintetl::fakes {

// Rewrites `sql`:
// - `project.dataset.table`, `dataset.table` and `name` become "dataset"."table" / "name";
// - INT64, FLOAT64, STRING, BOOL, NUMERIC, BYTES and ARRAY<T> become DuckDB types;
// - COMMIT TRANSACTION and ROLLBACK TRANSACTION become COMMIT and ROLLBACK.
// String literals and comments are copied unchanged.
std::string TranslateBigQuerySql(const std::string& sql);

// Maps a DuckDB column type to a BigQuery REST schema field {name, type, mode},
// e.g. VARCHAR[] to STRING REPEATED, DECIMAL(9,2) to NUMERIC.
std::string BigQueryTypeOf(const std::string& duckdb_type, bool* repeated);

// Maps a BigQuery schema type (INT64 or INTEGER, STRING ...) to a DuckDB type.
std::string DuckDbTypeOfBigQuery(const std::string& type);

}  // namespace sprintetl::fakes
