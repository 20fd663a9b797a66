// sprintetl_bigquery_statements: prints, as JSON for analyze.mjs, every
// BigQuery statement sprintetl renders. These are the schema DDL of the
// stage, bookkeeping and star tables, because the models render for DuckDB only.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "build_info.h"
#include "warehouse/schema_dialect.h"

int main(int argc, char** argv) {
  const std::string dataset = argc > 1 ? argv[1] : "sprintetl";
  auto schema = sprintetl::warehouse::RenderBigQuerySchema(SPRINTETL_SOURCE_DIR "/sql", dataset);
  if (!schema.ok()) {
    std::cerr << "bigquery_statements: " << schema.status().ToString() << "\n";
    return 1;
  }
  nlohmann::json output = {{"dataset", dataset}, {"statements", nlohmann::json::array()}};
  for (const std::string& statement : *schema) {
    output["statements"].push_back({{"file", "sql/stage and sql/warehouse schema"},
                                    {"sql", statement}});
  }
  std::cout << output.dump(1) << "\n";
  return 0;
}
