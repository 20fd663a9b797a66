// sprintetl_model_bench: how long the star schema build takes compared with
// loading the same stage rows with a plain INSERT, on DuckDB.
//
// It generates one run's stage files with DuckDB itself (COPY ... TO NDJSON):
// customers with several versions each in the same run (a seeded history,
// each version at its own source_updated_at), tasks spread over ended
// sprints, and customer and service sums. Then, in a fresh database file, it
// times (a) the stage load, which is INSERT ... SELECT from read_json into
// the stg_* tables, (b) the models and (c) the data tests, all inside the
// run's transaction, and prints the ratio (b) / (a). A second run with the
// same rows at a later snapshot measures an unchanged rerun over the full
// history. Sizes come from flags, so a quick run takes seconds. With several
// --sql folders (each with stage/, warehouse/, models/ and tests/, e.g. one
// from `git archive`), each builds its own database from the same stage
// files, one after the other, so two versions of the SQL compare in one run.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "build_info.h"
#include "core/log.h"
#include "pipeline/stage_load.h"
#include "warehouse/data_tests.h"
#include "warehouse/duckdb_warehouse.h"
#include "warehouse/model_runner.h"
#include "warehouse/schema_setup.h"

namespace {

namespace fs = std::filesystem;
using sprintetl::Status;
using Clock = std::chrono::steady_clock;

struct Sizes {
  long long customers = 100000;
  long long versions = 50;
  long long tasks = 500000;
  long long sprints = 40;
  long long service_every = 10;  // one customer in this many has service sums in every sprint
};

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Every stage table's generating SELECT. Sprints are 14 days long, the
// first starting 2023-06-05; customer versions are a week apart from
// 2023-01-01; the snapshot follows the last sprint's end.
std::vector<std::pair<std::string, std::string>> StageQueries(const Sizes& s,
                                                               const std::string& run_id) {
  const std::string run = "'" + run_id + "'";
  const std::string n = std::to_string(s.customers);
  const std::string sprint_start = "(DATE '2023-06-05' + INTERVAL (14 * i) DAY)";
  return {
      {"stg_list",
       "SELECT " + run + " AS run_id, 'lists' AS source_page, 'L' || i AS list_id, "
       "'Sprint ' || (i + 1) AS name, 'F1' AS folder_id, 'S1' AS space_id, false AS is_archived, "
       "true AS is_sprint, i + 1 AS sprint_number, CAST(" + sprint_start + " AS DATE) AS "
       "start_date, CAST(" + sprint_start + " + INTERVAL 13 DAY AS DATE) AS end_date "
       "FROM range(" + std::to_string(s.sprints) + ") t(i)"},
      {"stg_squad",
       "SELECT " + run + " AS run_id, 'groups' AS source_page, 'SQ' || i AS squad_id, "
       "'Squad ' || i AS name, CAST(20 + i AS DOUBLE) AS capacity_points, 5 AS member_count "
       "FROM range(10) t(i)"},
      {"stg_customer",
       "SELECT " + run + " AS run_id, 'page-' || lpad(CAST(c // 100 AS VARCHAR), 6, '0') AS "
       "source_page, 'C' || c AS customer_id, 'Customer ' || c || ' v' || v AS name, "
       "'c' || c || '.example' AS domain, 'SQ' || ((c + v) % 10) AS squad_id, "
       "CASE WHEN v % 3 = 0 THEN 'customer' ELSE 'lead' END AS lifecycle_stage, "
       "'O' || (c % 50) AS owner_id, CAST((c + v) % 40 AS DOUBLE) AS contracted_points, "
       "CASE WHEN v % 2 = 0 THEN ['seo'] ELSE ['seo', 'ads'] END AS services, "
       "false AS is_archived, TIMESTAMP '2023-01-01' + INTERVAL (7 * v) DAY + "
       "INTERVAL (c % 86400) SECOND AS source_updated_at "
       "FROM range(" + n + ") a(c), range(" + std::to_string(s.versions) + ") b(v)"},
      {"stg_task",
       "SELECT " + run + " AS run_id, 'page-' || (t // 100) AS source_page, 'T' || t AS task_id, "
       "'Task ' || t AS name, 'L' || (t % " + std::to_string(s.sprints) + ") AS home_list_id, "
       "CASE t % 3 WHEN 0 THEN 'done' WHEN 1 THEN 'in progress' ELSE 'to do' END AS status, "
       "CASE t % 3 WHEN 0 THEN 'done' WHEN 1 THEN 'custom' ELSE 'open' END AS status_type, "
       "'C' || (t % " + n + ") AS customer_id, CAST(t % 8 AS DOUBLE) AS points, "
       "CAST(3600000 * (t % 5) AS BIGINT) AS time_estimate_ms, "
       "CAST(1800000 * (t % 7) AS BIGINT) AS time_spent_ms, "
       "TIMESTAMP '2024-01-01' + INTERVAL (t % 1000) HOUR AS updated_at, "
       "['seo'] AS service_ids FROM range(" + std::to_string(s.tasks) + ") a(t)"},
      {"stg_task_list",
       // Every task sits in its home sprint; one in five is also carried into the next.
       "SELECT " + run + " AS run_id, 'page-' || (t // 100) AS source_page, 'T' || t AS task_id, "
       "'L' || ((t % " + std::to_string(s.sprints) + ") + k) AS list_id, k = 0 AS is_home "
       "FROM range(" + std::to_string(s.tasks) + ") a(t), range(2) b(k) "
       "WHERE k = 0 OR (t % 5 = 0 AND (t % " + std::to_string(s.sprints) + ") + 1 < " +
       std::to_string(s.sprints) + ")"},
      {"stg_customer_service",
       "SELECT " + run + " AS run_id, 'sums' AS source_page, 'L' || i AS sprint_id, "
       "'C' || c AS customer_id, 'seo' AS service_id, CAST(1000 + c % 500 AS DOUBLE) AS "
       "contract_value, CAST(100 + c % 50 AS DOUBLE) AS recurring_revenue, "
       "CAST(c % 20 AS DOUBLE) AS contracted_points, CAST((c + i) % 15 AS DOUBLE) AS "
       "delivered_points FROM range(0, " + n + ", " + std::to_string(s.service_every) +
       ") a(c), range(" + std::to_string(s.sprints) + ") b(i)"},
  };
}

Status Check(const Status& status, const std::string& what) {
  if (!status.ok()) std::cerr << "model_bench: " << what << ": " << status.ToString() << "\n";
  return status;
}

// Builds a fresh database at `db_path` with the schema, models and data tests
// of `sql_dir`: run 1 loads the seeded history, run 2 the same rows at a
// later snapshot. Returns 0 on success, 1 after printing the error.
int TimeModels(const Sizes& sizes, const std::string& work_dir, const std::string& db_path,
               const std::string& sql_dir, const std::string (&run_ids)[2]) {
  using namespace sprintetl;
  auto opened = warehouse::DuckDbWarehouse::Open(db_path);
  if (!opened.ok()) return Check(opened.status(), "open warehouse").ok() ? 0 : 1;
  warehouse::DuckDbWarehouse& duck = **opened;
  if (!Check(warehouse::EnsureSchema(duck, sql_dir), "schema").ok()) return 1;

  const std::string last_sprint = "L" + std::to_string(sizes.sprints - 1);
  const char* snapshots[] = {"2025-01-10 08:00:00", "2025-01-24 08:00:00"};
  for (int run = 0; run < 2; ++run) {
    warehouse::ModelParams params{run_ids[run], last_sprint,
                                  snapshots[run], "Europe/Paris"};
    double load_s = 0;
    double tests_s = 0;
    long long rows = 0;
    auto load = [&]() -> Status {
      Clock::time_point load_start = Clock::now();
      for (const std::string& table : pipeline::StageTables()) {
        std::string path = work_dir + "/" + params.run_id + "/" + table + ".ndjson";
        if (!fs::exists(path)) continue;
        SPRINTETL_ASSIGN_OR_RETURN(long long loaded, duck.LoadNdjson(table, path));
        rows += loaded;
      }
      load_s = SecondsSince(load_start);
      return Status::Ok();
    };
    auto check = [&]() -> Status {
      Clock::time_point tests_start = Clock::now();
      Status status = warehouse::RunDataTestsOrFail(duck, sql_dir + "/tests", params);
      tests_s = SecondsSince(tests_start);
      return status;
    };

    Clock::time_point run_start = Clock::now();
    auto summary = warehouse::RunModels(duck, sql_dir + "/models", params, load, check);
    if (!summary.ok()) return Check(summary.status(), "run " + params.run_id).ok() ? 0 : 1;
    double total_s = SecondsSince(run_start);
    double models_s = total_s - load_s - tests_s;

    auto counts = duck.Query(
        "SELECT (SELECT count(*) FROM dim_customer), (SELECT count(*) FROM fat_task_sprint), "
        "(SELECT count(*) FROM fat_customer_service)");
    std::printf("run=%s stage_rows=%lld load_s=%.2f models_s=%.2f data_tests_s=%.2f "
                "total_s=%.2f ratio_models_to_load=%.2f dim_customer=%s fat_task_sprint=%s "
                "fat_customer_service=%s\n",
                params.run_id.c_str(), rows, load_s, models_s, tests_s, total_s,
                models_s / load_s, counts.ok() ? counts->rows[0][0]->c_str() : "?",
                counts.ok() ? counts->rows[0][1]->c_str() : "?",
                counts.ok() ? counts->rows[0][2]->c_str() : "?");
    for (const auto& model : summary->models) {
      std::printf("  %s ms=%lld\n", model.model.c_str(), model.duration_ms);
    }
  }

  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sprintetl;
  Sizes sizes;
  std::string work_dir = (fs::temp_directory_path() / "sprintetl-model-bench").string();
  std::vector<std::string> sql_dirs = {SPRINTETL_SOURCE_DIR "/sql"};
  bool keep = false;

  CLI::App app{"Times the model build against a plain INSERT of the same stage rows (DuckDB)"};
  app.add_option("--customers", sizes.customers, "Customers")->capture_default_str();
  app.add_option("--versions", sizes.versions, "Versions per customer, all in one run")
      ->capture_default_str();
  app.add_option("--tasks", sizes.tasks, "Tasks")->capture_default_str();
  app.add_option("--sprints", sizes.sprints, "Ended sprints the tasks spread over")
      ->capture_default_str();
  app.add_option("--service-every", sizes.service_every,
                 "One customer in this many has a service sum in every sprint")
      ->capture_default_str();
  app.add_option("--dir", work_dir, "Work folder for the stage files and the database")
      ->capture_default_str();
  app.add_option("--sql", sql_dirs,
                 "SQL folders (schema, models, data tests) to time, each on a fresh database; "
                 "repeat to compare")
      ->capture_default_str();
  app.add_flag("--keep", keep, "Keep the work folder afterwards");
  CLI11_PARSE(app, argc, argv);
  log::Configure("warn", log::Format::kText);

  fs::remove_all(work_dir);
  fs::create_directories(work_dir);

  // Generate each run's stage files with a throwaway in-memory DuckDB; the
  // two runs' files differ only in run_id.
  Clock::time_point start = Clock::now();
  const std::string run_ids[] = {"bench-1", "bench-2"};
  for (const std::string& run_id : run_ids) {
    fs::create_directories(work_dir + "/" + run_id);
    auto generator = warehouse::DuckDbWarehouse::Open(":memory:");
    if (!generator.ok()) return Check(generator.status(), "open generator").ok() ? 0 : 1;
    for (const auto& [table, query] : StageQueries(sizes, run_id)) {
      std::string path = work_dir + "/" + run_id + "/" + table + ".ndjson";
      if (!Check((*generator)->Execute("COPY (" + query + ") TO " + warehouse::QuoteLiteral(path) +
                                       " (FORMAT JSON)"),
                 "generate " + table)
               .ok()) {
        return 1;
      }
    }
  }
  std::printf("generate_s=%.2f\n", SecondsSince(start));

  for (size_t index = 0; index < sql_dirs.size(); ++index) {
    std::printf("sql=%s\n", sql_dirs[index].c_str());
    const std::string db_path = work_dir + "/bench-" + std::to_string(index) + ".duckdb";
    if (TimeModels(sizes, work_dir, db_path, sql_dirs[index], run_ids) != 0) return 1;
    fs::remove(db_path);
  }

  if (!keep) fs::remove_all(work_dir);
  return 0;
}
