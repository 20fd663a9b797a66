// sprintetl_bigquery_statements: prints, as JSON for analyze.mjs, every
// BigQuery statement sprintetl renders: the schema DDL of the stage,
// bookkeeping and star tables, each statement of every model rendered for
// BigQuery (the `{% scd2 %}` blocks both type 1 and historied), and every data
// test as the ASSERT statement the BigQuery transaction script runs.
//
// Usage: sprintetl_bigquery_statements [DATASET [SQL_DIR]]
// SQL_DIR defaults to the source tree's sql/ folder; tests point it at a copy
// with a broken model to prove the check can fail.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "build_info.h"
#include "warehouse/data_test_assertions.h"
#include "warehouse/data_tests.h"
#include "warehouse/model_runner.h"
#include "warehouse/schema_dialect.h"
#include "warehouse/sql_text.h"

namespace {

using sprintetl::Status;
using nlohmann::json;
namespace warehouse = sprintetl::warehouse;
namespace fs = std::filesystem;

// Sample values: the statements' shape does not depend on them.
warehouse::ModelParams SampleParams(bool historied) {
  warehouse::ModelParams params{"run-1", "901", "2024-01-16 08:00:00", "Europe/Paris", {}};
  if (historied) params.historied = {"member", "service", "task"};
  return params;
}

Status AddModels(const std::string& sql_dir, const warehouse::TemplateDialect& dialect,
                 json& statements) {
  std::set<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(sql_dir + "/models")) {
    if (entry.path().extension() == ".sql") paths.insert(entry.path());
  }
  std::set<std::string> seen;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string file = "sql/models/" + path.filename().string();
    for (bool historied : {false, true}) {
      auto sql = warehouse::RenderModel(text.str(), file, SampleParams(historied), dialect);
      if (!sql.ok()) return sql.status();
      for (const std::string& statement : warehouse::SplitSqlStatements(*sql)) {
        if (!seen.insert(statement).second) continue;
        statements.push_back({{"file", file}, {"sql", statement}});
      }
    }
  }
  return Status::Ok();
}

Status AddDataTests(const std::string& sql_dir, const warehouse::TemplateDialect& dialect,
                    json& statements) {
  auto tests = warehouse::LoadDataTests(sql_dir + "/tests", SampleParams(false), dialect);
  if (!tests.ok()) return tests.status();
  for (const warehouse::DataTest& test : *tests) {
    statements.push_back(
        {{"file", "sql/tests/" + test.name + ".sql"}, {"sql", warehouse::DataTestAssertion(test)}});
  }
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dataset = argc > 1 ? argv[1] : "sprintetl";
  const std::string sql_dir = argc > 2 ? argv[2] : SPRINTETL_SOURCE_DIR "/sql";
  auto schema = warehouse::RenderBigQuerySchema(sql_dir, dataset);
  if (!schema.ok()) {
    std::cerr << "bigquery_statements: " << schema.status().ToString() << "\n";
    return 1;
  }
  json output = {{"dataset", dataset}, {"statements", json::array()}};
  for (const std::string& statement : *schema) {
    output["statements"].push_back({{"file", "sql/stage and sql/warehouse schema"},
                                    {"sql", statement}});
  }

  const warehouse::TemplateDialect dialect{"bigquery", dataset};
  Status models = AddModels(sql_dir, dialect, output["statements"]);
  Status tests = models.ok() ? AddDataTests(sql_dir, dialect, output["statements"]) : models;
  if (!tests.ok()) {
    std::cerr << "bigquery_statements: " << tests.ToString() << "\n";
    return 1;
  }
  std::cout << output.dump(1) << "\n";
  return 0;
}
