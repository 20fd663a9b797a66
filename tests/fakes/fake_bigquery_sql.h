// The fake BigQuery's translation of GoogleSQL text to DuckDB SQL. It is
// mechanical, token by token, and covers what the warehouse backend and the
// tests send; anything else passes through unchanged and DuckDB judges it.
#pragma once

#include <string>
#include <vector>

namespace sprintetl::fakes {

// The BigQuery storage clauses of a CREATE TABLE statement, which DuckDB
// does not accept.
struct TableLayout {
  std::string table;                     // "dataset.table", quotes removed
  std::string partition_by;              // the PARTITION BY expression, "" when absent
  std::vector<std::string> cluster_by;   // the CLUSTER BY columns, in order
};

// Rewrites `sql`:
// - `project.dataset.table`, `dataset.table` and `name` become "dataset"."table" / "name";
// - INT64, FLOAT64, STRING, BOOL, NUMERIC, BYTES and ARRAY<T> become DuckDB types;
// - COMMIT TRANSACTION and ROLLBACK TRANSACTION become COMMIT and ROLLBACK;
// - `UNNEST(x) AS name` becomes `UNNEST(x) AS _unnest_name(name)`, and with
//   `WITH OFFSET AS position` it becomes `UNNEST(x) WITH ORDINALITY AS
//   _unnest_name(name, position)`, because DuckDB names an unnested column
//   only through a column alias (the offset then counts from 1, not 0);
// - the calls DATE(, TIMESTAMP(, MD5(, TO_HEX( and REGEXP_REPLACE( become the
//   bq_ macros of BigQueryFunctionMacros, because DuckDB's own functions of
//   those names differ from BigQuery's.
// String literals and comments are copied unchanged.
std::string TranslateBigQuerySql(const std::string& sql);

// Returns the statements that create, as DuckDB TEMP macros, the BigQuery
// functions the models call that DuckDB lacks or spells differently:
// DATE(timestamp, zone), DATE(year, month, day), TIMESTAMP(date, zone),
// MD5 (bytes), TO_HEX, TO_JSON_STRING, FORMAT_DATE, GENERATE_DATE_ARRAY and
// REGEXP_REPLACE (every match). TEMP macros stay visible whatever schema a
// query job selects.
std::string BigQueryFunctionMacros();

// Maps a DuckDB column type to a BigQuery REST schema field {name, type, mode},
// e.g. VARCHAR[] to STRING REPEATED, DECIMAL(9,2) to NUMERIC.
std::string BigQueryTypeOf(const std::string& duckdb_type, bool* repeated);

// Removes the PARTITION BY, CLUSTER BY and OPTIONS (...) clauses that follow
// the column list of a translated `CREATE TABLE name (...)` statement and
// stores them in `layout`. Returns any other statement unchanged, with
// `layout->table` left empty.
std::string StripTableLayout(const std::string& statement, TableLayout* layout);

// Splits BigQuery's `ASSERT condition [AS 'description']` into its parts,
// the description without quotes or backslash escapes. Returns false when
// `statement` is not an ASSERT.
bool ParseAssert(const std::string& statement, std::string* condition, std::string* description);

// Maps a BigQuery schema type (INT64 or INTEGER, STRING ...) to a DuckDB type.
std::string DuckDbTypeOfBigQuery(const std::string& type);

}  // namespace sprintetl::fakes
