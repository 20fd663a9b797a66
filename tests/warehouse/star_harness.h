// A sandbox for model and data test tests: a private in-memory DuckDB
// warehouse with the schema created, hand-made stage rows written to NDJSON
// files and loaded under a run id, and the models and data tests run on them
// the way the pipeline runs them (one transaction, data tests before commit).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "build_info.h"
#include "core/status.h"
#include "warehouse/duckdb_warehouse.h"
#include "warehouse/model_runner.h"

namespace sprintetl::testing {

// Stage rows by table name; run_id and source_page are filled in when absent.
using StageRows = std::map<std::string, std::vector<nlohmann::json>>;

class StarHarness {
 public:
  // `models_dir` defaults to the project's sql/models.
  explicit StarHarness(std::string models_dir = SPRINTETL_SOURCE_DIR "/sql/models");
  ~StarHarness();

  // Loads `rows` as run `run_id`, then runs the models and the data tests in
  // one transaction like the pipeline's load step. Returns its outcome.
  Result<warehouse::ModelRunSummary> Apply(const std::string& run_id, const StageRows& rows,
                                           const std::string& snapshot_at,
                                           const std::string& sprint_id = "");

  // Dimensions Apply keeps historied besides customer and squad, e.g. {"task"}.
  void set_historied(std::set<std::string> historied) { historied_ = std::move(historied); }

  // Removes every row of every table, so one harness can serve many cases.
  void Reset();

  // The first column of the first row, "NULL" for NULL, "<no row>" when empty.
  std::string Scalar(const std::string& sql);
  // Every row, columns joined by " | ".
  std::vector<std::string> Lines(const std::string& sql);
  // Every row of each dim, fat, stage and bookkeeping table, for before/after comparisons.
  std::map<std::string, std::vector<std::string>> Dump();

  // dim_customer (or dim_squad) versions as "id name from..to flags", in
  // (id, valid_from) order; flags are "current" and "deleted:<reason>".
  std::vector<std::string> CustomerVersions();
  std::vector<std::string> SquadVersions();

  warehouse::DuckDbWarehouse& warehouse() { return *warehouse_; }

 private:
  Status Load(const std::string& run_id, const StageRows& rows);

  std::string models_dir_;
  std::filesystem::path dir_;
  std::unique_ptr<warehouse::DuckDbWarehouse> warehouse_;
  int loads_ = 0;
  std::set<std::string> historied_;
};

}  // namespace sprintetl::testing
