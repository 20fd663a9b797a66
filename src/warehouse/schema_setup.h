// Creates the warehouse tables the pipeline writes: the stage tables, the
// bookkeeping tables and the dim/fat tables the SQL models fill in
// incrementally. Every statement is CREATE ... IF NOT EXISTS, so running it
// again changes nothing.
#pragma once

#include <string>

#include "core/status.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

// Runs `sql_dir`/stage/stage_tables.sql and `sql_dir`/warehouse/bookkeeping.sql.
// On a BigQuery warehouse it runs their BigQuery rendering instead
// (RenderBigQuerySchema in schema_dialect.h) in the configured dataset: typed
// columns, fact tables partitioned and clustered, and the ALTER TABLE ... ADD
// COLUMN IF NOT EXISTS statements that bring older tables up to date.
// Fails with kNotFound naming a missing file, or the backend's error
// prefixed with the file's name (the sql folder for BigQuery).
Status EnsureSchema(Warehouse& warehouse, const std::string& sql_dir);

}  // namespace sprintetl::warehouse
