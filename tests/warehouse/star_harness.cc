#include "warehouse/star_harness.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "build_info.h"
#include "pipeline/stage_load.h"
#include "warehouse/data_tests.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::testing {
namespace {

namespace fs = std::filesystem;

const char* const kTables[] = {
    "dim_date",        "dim_customer",     "dim_squad",        "dim_member",
    "bridge_squad_member", "dim_service",  "dim_sprint",       "dim_task",
    "bridge_task_service", "fat_task_sprint", "fat_customer_service", "applied_run",
    "stg_list",        "stg_task",         "stg_task_list",    "stg_squad",
    "stg_squad_member", "stg_member",      "stg_customer",     "stg_customer_service"};

std::string Join(const std::vector<std::optional<std::string>>& row) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) line += " | ";
    line += row[i].value_or("NULL");
  }
  return line;
}

std::string VersionsQuery(const std::string& table, const std::string& id) {
  return "SELECT " + id + " || ' ' || coalesce(name, '-') || ' ' || "
         "strftime(valid_from, '%Y-%m-%d %H:%M') || '..' || "
         "coalesce(strftime(valid_to, '%Y-%m-%d %H:%M'), '') || "
         "CASE WHEN is_current THEN ' current' ELSE '' END || "
         "CASE WHEN is_deleted THEN ' deleted:' || coalesce(deleted_reason, '?') ELSE '' END "
         "FROM " + table + " ORDER BY " + id + ", valid_from";
}

}  // namespace

StarHarness::StarHarness(std::string models_dir) : models_dir_(std::move(models_dir)) {
  static std::atomic<int> next{0};
  dir_ = fs::temp_directory_path() /
         ("sprintetl-star-" + std::to_string(::getpid()) + "-" + std::to_string(next++));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  auto opened = warehouse::DuckDbWarehouse::Open(":memory:");
  if (!opened.ok()) {
    ADD_FAILURE() << opened.status().ToString();
    return;
  }
  warehouse_ = std::move(opened).value();
  Status schema = warehouse::EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql");
  if (!schema.ok()) ADD_FAILURE() << schema.ToString();
}

StarHarness::~StarHarness() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

Status StarHarness::Load(const std::string& run_id, const StageRows& rows) {
  fs::path folder = dir_ / ("load-" + std::to_string(loads_++));
  fs::create_directories(folder);
  // Like the pipeline, a rerun of a run id replaces its stage rows.
  for (const std::string& table : pipeline::StageTables()) {
    SPRINTETL_RETURN_IF_ERROR(warehouse_->Execute("DELETE FROM " + table + " WHERE run_id = " +
                                                  warehouse::QuoteLiteral(run_id)));
  }
  for (const auto& [table, table_rows] : rows) {
    fs::path path = folder / (table + ".ndjson");
    {
      std::ofstream out(path);
      for (nlohmann::json row : table_rows) {
        row["run_id"] = run_id;
        if (!row.contains("source_page")) row["source_page"] = "page-1";
        out << row.dump() << "\n";
      }
    }
    SPRINTETL_RETURN_IF_ERROR(warehouse_->LoadNdjson(table, path.string()).status());
  }
  return Status::Ok();
}

Result<warehouse::ModelRunSummary> StarHarness::Apply(const std::string& run_id,
                                                      const StageRows& rows,
                                                      const std::string& snapshot_at,
                                                      const std::string& sprint_id) {
  warehouse::ModelParams params{run_id, sprint_id, snapshot_at, "Europe/Paris", historied_};
  auto load = [&]() { return Load(run_id, rows); };
  auto check = [&]() {
    return warehouse::RunDataTestsOrFail(*warehouse_, SPRINTETL_SOURCE_DIR "/sql/tests", params);
  };
  return warehouse::RunModels(*warehouse_, models_dir_, params, load, check);
}

void StarHarness::Reset() {
  for (const char* table : kTables) {
    Status status = warehouse_->Execute(std::string("DELETE FROM ") + table);
    if (!status.ok()) ADD_FAILURE() << status.ToString();
  }
}

std::string StarHarness::Scalar(const std::string& sql) {
  auto result = warehouse_->Query(sql);
  if (!result.ok()) {
    ADD_FAILURE() << result.status().ToString();
    return "<error>";
  }
  if (result->rows.empty() || result->rows[0].empty()) return "<no row>";
  return result->rows[0][0].value_or("NULL");
}

std::vector<std::string> StarHarness::Lines(const std::string& sql) {
  auto result = warehouse_->Query(sql);
  if (!result.ok()) {
    ADD_FAILURE() << result.status().ToString();
    return {};
  }
  std::vector<std::string> lines;
  for (const auto& row : result->rows) lines.push_back(Join(row));
  return lines;
}

std::map<std::string, std::vector<std::string>> StarHarness::Dump() {
  std::map<std::string, std::vector<std::string>> tables;
  for (const char* table : kTables) {
    tables[table] = Lines(std::string("SELECT * FROM ") + table + " ORDER BY ALL");
  }
  return tables;
}

std::vector<std::string> StarHarness::CustomerVersions() {
  return Lines(VersionsQuery("dim_customer", "customer_id"));
}

std::vector<std::string> StarHarness::SquadVersions() {
  return Lines(VersionsQuery("dim_squad", "squad_id"));
}

}  // namespace sprintetl::testing
