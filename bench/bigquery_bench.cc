// sprintetl_bigquery_bench: what loading stage rows into BigQuery costs in
// upload bytes and API requests, NDJSON versus Parquet, through the fake
// BigQuery on 127.0.0.1 (tests/fakes/fake_bigquery.h).
//
// It writes one run's stg_task and stg_customer files with DuckDB (COPY ...
// TO NDJSON; the customers are `versions` versions of `customers / versions`
// companies), creates the stage tables from sql/stage/stage_tables.sql, then
// for each format loads both files with BigQueryWarehouse::LoadNdjson and
// prints, per table: rows, file size, bytes uploaded, bytes per row, API
// requests of the load (table lookup, upload, job polls, the INSERT ... SELECT
// from the load table and the drop of it; the cached token is not counted) and
// wall time. The time includes the fake's own DuckDB work, so it says little
// about BigQuery.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "build_info.h"
#include "core/log.h"
#include "fakes/fake_bigquery.h"
#include "warehouse/bigquery_warehouse.h"
#include "warehouse/duckdb_warehouse.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes stage/stg_task.ndjson and stage/stg_customer.ndjson under run_dir.
bool WriteStageFiles(const fs::path& run_dir, long long tasks, long long customers,
                     long long versions) {
  fs::create_directories(run_dir / "stage");
  auto duckdb = sprintetl::warehouse::DuckDbWarehouse::Open(":memory:");
  if (!duckdb.ok()) return false;
  std::string run = "'" + run_dir.filename().string() + "'";
  std::string task_sql =
      "COPY (SELECT " + run +
      " AS run_id, 'tasks/p' || (i // 100) AS source_page, "
      "'T' || i AS task_id, NULL AS custom_id, 'Task number ' || i AS name, NULL AS "
      "parent_task_id, "
      "'L' || (i % 40) AS home_list_id, 'S1' AS space_id, "
      "CASE WHEN i % 3 = 0 THEN 'done' ELSE 'in progress' END AS status, "
      "CASE WHEN i % 3 = 0 THEN 'done' ELSE 'custom' END AS status_type, "
      "CASE WHEN i % 3 = 0 THEN 'Done' ELSE 'In progress' END AS status_label, "
      "'feature' AS category, 1 + i % 4 AS priority, 'Company ' || (i % 5000) AS customer_raw, "
      "'C' || (i % 5000) AS customer_id, 'squad-' || (i % 8) AS assignee_squad_id, "
      "CAST(1 + i % 8 AS DOUBLE) AS points, 3600000 AS time_estimate_ms, "
      "1800000 + i % 1000 AS time_spent_ms, "
      "TIMESTAMP '2026-01-01 09:00:00' + INTERVAL (i % 100000) SECOND AS created_at, "
      "TIMESTAMP '2026-06-01 09:00:00' + INTERVAL (i % 100000) SECOND AS updated_at, "
      "NULL AS start_at, NULL AS due_at, DATE '2026-07-01' AS due_date, false AS due_has_time, "
      "NULL AS done_at, NULL AS closed_at, false AS is_archived, "
      "'https://app.clickup.com/t/T' || i AS url, ['U' || (i % 30)] AS assignee_ids, "
      "['tag' || (i % 5)] AS tags, ['svc' || (i % 6)] AS service_ids "
      "FROM range(" +
      std::to_string(tasks) + ") AS r(i)) TO '" + (run_dir / "stage" / "stg_task.ndjson").string() +
      "' (FORMAT json)";
  std::string customer_sql =
      "COPY (SELECT " + run +
      " AS run_id, 'companies/p' || (i // 100) AS source_page, "
      "'C' || (i // " +
      std::to_string(versions) +
      ") AS customer_id, "
      "'Company ' || (i // " +
      std::to_string(versions) +
      ") AS name, "
      "'company' || (i // " +
      std::to_string(versions) +
      ") || '.example' AS domain, "
      "'squad-' || (i % 8) AS squad_id, 'customer' AS lifecycle_stage, 'O' || (i % 12) AS "
      "owner_id, "
      "CAST(20 + i % 40 AS DOUBLE) AS contracted_points, ['svc' || (i % 6), 'svc9'] AS services, "
      "NULL AS merged_into_id, false AS is_archived, "
      "TIMESTAMP '2023-01-01 00:00:00' + INTERVAL (7 * (i % " +
      std::to_string(versions) +
      ")) DAY AS source_updated_at "
      "FROM range(" +
      std::to_string(customers) + ") AS r(i)) TO '" +
      (run_dir / "stage" / "stg_customer.ndjson").string() + "' (FORMAT json)";
  return (*duckdb)->Execute(task_sql).ok() && (*duckdb)->Execute(customer_sql).ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures BigQuery stage loads (NDJSON vs Parquet) through the fake BigQuery."};
  long long tasks = 500000;
  long long customers = 100000;
  long long versions = 20;
  std::string sql_dir = SPRINTETL_SOURCE_DIR "/sql";
  std::string work_dir = (fs::temp_directory_path() / "sprintetl-bigquery-bench").string();
  app.add_option("--tasks", tasks, "stg_task rows")->capture_default_str();
  app.add_option("--customers", customers, "stg_customer rows (customer versions)")
      ->capture_default_str();
  app.add_option("--versions", versions, "versions per customer")->capture_default_str();
  app.add_option("--work-dir", work_dir, "Folder for the generated stage files")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  sprintetl::log::Get("bigquery")->set_level(spdlog::level::warn);

  fs::remove_all(work_dir);
  fs::path run_dir = fs::path(work_dir) / "bench-run";
  if (!WriteStageFiles(run_dir, tasks, customers, versions)) {
    std::cerr << "cannot write the stage files under " << work_dir << "\n";
    return 1;
  }

  std::printf("%-8s %-13s %9s %12s %14s %10s %9s %8s\n", "format", "table", "rows", "file_bytes",
              "upload_bytes", "bytes/row", "requests", "seconds");
  for (const std::string format : {"ndjson", "parquet"}) {
    sprintetl::fakes::FakeBigQuery fake;
    if (fake.Start() == 0) {
      std::cerr << "fake BigQuery failed to start: " << fake.error() << "\n";
      return 1;
    }
    std::string key_path = (fs::path(work_dir) / "key.json").string();
    fake.WriteKeyFile(key_path);
    sprintetl::config::BigQuery settings;
    settings.project = "test-project";
    settings.dataset = "bench";
    settings.location = "US";
    settings.api_base_url = fake.base_url();
    settings.token_url = fake.token_url();
    settings.credentials_file = key_path;
    settings.load_format = format;
    sprintetl::warehouse::BigQueryOptions options;
    options.client.poll_first = std::chrono::milliseconds(5);
    auto warehouse = sprintetl::warehouse::BigQueryWarehouse::Open(settings, options);
    if (!warehouse.ok()) {
      std::cerr << warehouse.status().ToString() << "\n";
      return 1;
    }
    sprintetl::Status schema =
        (*warehouse)->Execute(ReadFile(fs::path(sql_dir) / "stage" / "stage_tables.sql"));
    if (!schema.ok()) {
      std::cerr << schema.ToString() << "\n";
      return 1;
    }

    for (const std::string table : {"stg_task", "stg_customer"}) {
      fs::path file = run_dir / "stage" / (table + ".ndjson");
      const auto before = (*warehouse)->client().stats();
      fake.ClearRequests();
      auto started = Clock::now();
      auto rows = (*warehouse)->LoadNdjson(table, file.string());
      double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      if (!rows.ok()) {
        std::cerr << rows.status().ToString() << "\n";
        return 1;
      }
      const auto after = (*warehouse)->client().stats();
      long long uploaded = after.bytes_uploaded - before.bytes_uploaded;
      std::printf("%-8s %-13s %9lld %12ju %14lld %10.1f %9lld %8.2f\n", format.c_str(),
                  table.c_str(), *rows, static_cast<uintmax_t>(fs::file_size(file)), uploaded,
                  *rows > 0 ? static_cast<double>(uploaded) / *rows : 0.0,
                  after.requests - before.requests, seconds);
    }
  }
  std::printf("sprintetl %s; requests are API calls of the load, the cached token excluded\n",
              SPRINTETL_VERSION);
  fs::remove_all(work_dir);
  return 0;
}
