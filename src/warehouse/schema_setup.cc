#include "warehouse/schema_setup.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "warehouse/bigquery_warehouse.h"
#include "warehouse/schema_dialect.h"

namespace sprintetl::warehouse {
namespace {

// Relative to the sql folder, in the order they run.
constexpr const char* kSchemaFiles[] = {"stage/stage_tables.sql", "warehouse/bookkeeping.sql"};

// Runs the BigQuery rendering of the schema files as one script, so a first
// run creates every table in one query job instead of one job per table.
Status EnsureBigQuerySchema(BigQueryWarehouse& warehouse, const std::string& sql_dir) {
  const std::string& dataset = warehouse.client().settings().dataset;
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<std::string> statements,
                             RenderBigQuerySchema(sql_dir, dataset));
  std::string script;
  for (const std::string& statement : statements) script += statement + ";\n";
  return warehouse.Execute(script).WithContext("BigQuery schema of dataset " + dataset +
                                               " rendered from " + sql_dir);
}

}  // namespace

Status EnsureSchema(Warehouse& warehouse, const std::string& sql_dir) {
  if (warehouse.Dialect() == "bigquery") {
    auto* bigquery = dynamic_cast<BigQueryWarehouse*>(&warehouse);
    if (bigquery == nullptr) {
      return InvalidArgument("a warehouse of dialect bigquery must be a BigQueryWarehouse");
    }
    return EnsureBigQuerySchema(*bigquery, sql_dir);
  }

  for (const char* relative : kSchemaFiles) {
    std::filesystem::path path = std::filesystem::path(sql_dir) / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return NotFound("schema file '" + path.string() +
                      "' not found; check that the sql folder is installed");
    }
    std::ostringstream text;
    text << in.rdbuf();
    SPRINTETL_RETURN_IF_ERROR(warehouse.Execute(text.str()).WithContext(path.string()));
  }
  return Status::Ok();
}

}  // namespace sprintetl::warehouse
