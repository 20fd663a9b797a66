// Converts a stage NDJSON file to Parquet with the embedded DuckDB, typed by
// the BigQuery destination's schema, for load jobs with sourceFormat PARQUET.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace sprintetl::bigquery {

// Returns the DuckDB type for a BigQuery schema field, e.g. INT64 -> BIGINT,
// a REPEATED STRING -> VARCHAR[]. Unknown types map to VARCHAR.
std::string DuckDbTypeOf(const nlohmann::json& field);

// Reads `ndjson_path` with the columns of `schema_fields` and returns the
// bytes of a Parquet file with the same columns. Fails with kDataLoss naming
// the file when a value does not convert.
Result<std::string> NdjsonToParquet(const std::string& ndjson_path,
                                    const nlohmann::json& schema_fields);

}  // namespace sprintetl::bigquery
