#include "build_info.h"
#include "warehouse/model_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "warehouse/duckdb_warehouse.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::warehouse {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using StageRows = std::map<std::string, std::vector<Json>>;

const std::string kModelsDir = SPRINTETL_SOURCE_DIR "/sql/models";

// Sprint 1 runs 2024-01-01..14 and sprint 2 2024-01-15..28 (Europe/Paris),
// so sprint 1 ends at 2024-01-14 23:00 UTC.
StageRows BaseRows() {
  StageRows rows;
  rows["stg_list"] = {{{"list_id", "L1"},
                       {"name", "Sprint 1"},
                       {"is_sprint", true},
                       {"sprint_number", 1},
                       {"start_date", "2024-01-01"},
                       {"end_date", "2024-01-14"}},
                      {{"list_id", "L2"},
                       {"name", "Sprint 2"},
                       {"is_sprint", true},
                       {"sprint_number", 2},
                       {"start_date", "2024-01-15"},
                       {"end_date", "2024-01-28"}},
                      {{"list_id", "B1"}, {"name", "Backlog"}, {"is_sprint", false}}};
  rows["stg_squad"] = {
      {{"squad_id", "SQA"}, {"name", "Alpha"}, {"capacity_points", 20}, {"member_count", 3}},
      {{"squad_id", "SQB"}, {"name", "Beta"}, {"capacity_points", 10}, {"member_count", 2}}};
  rows["stg_squad_member"] = {{{"squad_id", "SQA"}, {"member_id", "M1"}}};
  rows["stg_member"] = {{{"member_id", "M1"}, {"username", "ana"}, {"initials", "A"}}};
  rows["stg_customer"] = {
      {{"customer_id", "C1"},
       {"name", "Acme"},
       {"squad_id", "SQA"},
       {"contracted_points", 10},
       {"services", {"seo_audit"}}},
      {{"customer_id", "C2"}, {"name", "Globex"}, {"squad_id", "SQB"}, {"domain", ""}}};
  rows["stg_task"] = {{{"task_id", "T1"},
                       {"name", "Audit"},
                       {"status", "done"},
                       {"status_type", "done"},
                       {"status_label", "Done"},
                       {"customer_id", "C1"},
                       {"points", 3},
                       {"time_spent_ms", 7200000},
                       {"service_ids", {"seo_audit"}}},
                      {{"task_id", "T2"},
                       {"name", "Ads"},
                       {"status", "in progress"},
                       {"status_type", "custom"},
                       {"status_label", "Doing"},
                       {"customer_id", "C2"},
                       {"points", 5}},
                      {{"task_id", "T3"},
                       {"name", "Internal"},
                       {"status", "to do"},
                       {"status_type", "open"},
                       {"status_label", "To do"},
                       {"points", 2}}};
  rows["stg_task_list"] = {{{"task_id", "T1"}, {"list_id", "L1"}, {"is_home", true}},
                           {{"task_id", "T2"}, {"list_id", "L1"}, {"is_home", true}},
                           {{"task_id", "T3"}, {"list_id", "L1"}, {"is_home", true}},
                           {{"task_id", "T1"}, {"list_id", "L2"}, {"is_home", false}}};
  rows["stg_customer_service"] = {{{"sprint_id", "L1"},
                                   {"customer_id", "C1"},
                                   {"service_id", "seo_audit"},
                                   {"contract_value", 1200},
                                   {"recurring_revenue", 100},
                                   {"contracted_points", 4.6},
                                   {"delivered_points", 3}}};
  return rows;
}

// Returns the row of `rows[table]` whose `key` field equals `id`.
Json& RowOf(StageRows& rows, const std::string& table, const std::string& key,
            const std::string& id) {
  for (Json& row : rows[table]) {
    if (row[key] == id) return row;
  }
  ADD_FAILURE() << "no " << table << " row with " << key << " " << id;
  static Json missing;
  return missing;
}

void RemoveRow(StageRows& rows, const std::string& table, const std::string& key,
               const std::string& id) {
  auto& list = rows[table];
  std::erase_if(list, [&](const Json& row) { return row[key] == id; });
}

class ModelRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("sprintetl-models-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = DuckDbWarehouse::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    warehouse_ = std::move(opened).value();
    Status schema = EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql");
    ASSERT_TRUE(schema.ok()) << schema.ToString();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes each table's rows to an NDJSON file tagged with `run_id` and loads it.
  void Load(const std::string& run_id, const StageRows& rows) {
    fs::create_directories(dir_ / run_id);
    for (const auto& [table, table_rows] : rows) {
      fs::path path = dir_ / run_id / (table + ".ndjson");
      {
        std::ofstream out(path);
        for (Json row : table_rows) {
          row["run_id"] = run_id;
          row["source_page"] = "page-1";
          out << row.dump() << "\n";
        }
      }
      auto loaded = warehouse_->LoadNdjson(table, path.string());
      ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    }
  }

  Result<ModelRunSummary> Run(const std::string& run_id, const std::string& sprint_id,
                              const std::string& snapshot_at,
                              const std::string& models_dir = kModelsDir) {
    return RunModels(*warehouse_, models_dir, {run_id, sprint_id, snapshot_at, "Europe/Paris"});
  }

  // Loads `rows` as run `run_id` and runs the models; fails the test on error.
  void LoadAndRun(const std::string& run_id, const StageRows& rows, const std::string& sprint_id,
                  const std::string& snapshot_at) {
    Load(run_id, rows);
    auto summary = Run(run_id, sprint_id, snapshot_at);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }

  QueryResult Rows(const std::string& sql) {
    auto result = warehouse_->Query(sql);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : QueryResult{};
  }

  std::string Scalar(const std::string& sql) {
    QueryResult result = Rows(sql);
    if (result.rows.empty() || result.rows[0].empty()) return "<no row>";
    return result.rows[0][0].value_or("NULL");
  }

  // Every dim/fat table's full content, sorted, for before/after comparisons.
  std::map<std::string, std::vector<std::vector<std::optional<std::string>>>> Snapshot() {
    std::map<std::string, std::vector<std::vector<std::optional<std::string>>>> tables;
    for (const char* table : {"dim_date", "dim_customer", "dim_squad", "dim_member",
                              "bridge_squad_member", "dim_service", "dim_sprint", "dim_task",
                              "bridge_task_service", "fat_task_sprint", "fat_customer_service"}) {
      tables[table] = Rows(std::string("SELECT * FROM ") + table + " ORDER BY ALL").rows;
    }
    return tables;
  }

  // Checks the SCD2 invariants of `table` keyed by `key`: one current row per
  // key, the latest version is the current one, and each closed version ends
  // exactly where the next begins.
  void ExpectValidHistory(const std::string& table, const std::string& key) {
    EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT " + key + " FROM " + table + " GROUP BY " + key +
                     " HAVING count(*) FILTER (WHERE is_current) <> 1)"),
              "0")
        << table << " has a key without exactly one current row";
    EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT is_current, valid_to, valid_from, "
                     "lead(valid_from) OVER (PARTITION BY " +
                     key + " ORDER BY valid_from, valid_to NULLS LAST) AS next_from FROM " + table +
                     ") WHERE (next_from IS NULL) <> is_current "
                     "OR (next_from IS NULL) <> (valid_to IS NULL) "
                     "OR valid_to <> next_from OR valid_to < valid_from"),
              "0")
        << table << " has overlapping or broken intervals";
  }

  fs::path dir_;
  std::unique_ptr<DuckDbWarehouse> warehouse_;
};

TEST_F(ModelRunnerTest, FirstRunAddsOneVersionEach) {
  Load("r1", BaseRows());
  auto summary = Run("r1", "L1", "2024-01-16 08:00:00");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE is_current AND NOT is_deleted "
                   "AND valid_to IS NULL"),
            "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad WHERE is_current"), "2");
  EXPECT_EQ(Scalar("SELECT count(DISTINCT customer_key) FROM dim_customer"), "2");
  EXPECT_EQ(Scalar("SELECT valid_from FROM dim_customer WHERE customer_id = 'C1'"),
            "2024-01-16 08:00:00");
  EXPECT_EQ(Scalar("SELECT domain IS NULL FROM dim_customer WHERE customer_id = 'C2'"), "true");
  EXPECT_EQ(Scalar("SELECT services FROM dim_customer WHERE customer_id = 'C1'"), "[seo_audit]");
  ExpectValidHistory("dim_customer", "customer_id");
  ExpectValidHistory("dim_squad", "squad_id");

  bool saw_customer_model = false;
  for (const ModelRun& model : summary->models) {
    if (model.model.find("dim_customer") == std::string::npos) continue;
    saw_customer_model = true;
    EXPECT_EQ(model.rows, std::optional<long long>(2));
  }
  EXPECT_TRUE(saw_customer_model);
}

TEST_F(ModelRunnerTest, RerunWithSameDataAddsNoVersion) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  auto before = Snapshot();

  // The same run again, and a later run whose only differences are blanks
  // and NULL versus '' in tracked attributes.
  auto again = Run("r1", "L1", "2024-01-16 08:00:00");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Snapshot(), before);

  StageRows rows = BaseRows();
  RowOf(rows, "stg_customer", "customer_id", "C2")["domain"] = nullptr;
  RowOf(rows, "stg_customer", "customer_id", "C1")["name"] = " Acme ";
  RowOf(rows, "stg_customer", "customer_id", "C1")["contracted_points"] = 10.0;
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad"), "2");
}

TEST_F(ModelRunnerTest, ChangedSquadAddsOneVersion) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  std::string old_key = Scalar("SELECT customer_key FROM dim_customer WHERE customer_id = 'C1'");

  StageRows rows = BaseRows();
  RowOf(rows, "stg_customer", "customer_id", "C1")["squad_id"] = "SQB";
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");

  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer"), "3");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = 'C1'"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = 'C2'"), "1");
  EXPECT_EQ(Scalar("SELECT is_current FROM dim_customer WHERE customer_key = " + old_key), "false");
  EXPECT_EQ(Scalar("SELECT valid_to FROM dim_customer WHERE customer_key = " + old_key),
            "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT squad_id || ' ' || valid_from FROM dim_customer "
                   "WHERE customer_id = 'C1' AND is_current"),
            "SQB 2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(DISTINCT attr_hash) FROM dim_customer WHERE customer_id = 'C1'"),
            "2");
  ExpectValidHistory("dim_customer", "customer_id");
}

TEST_F(ModelRunnerTest, SourceChangeTimeStartsVersion) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");

  StageRows rows = BaseRows();
  Json& acme = RowOf(rows, "stg_customer", "customer_id", "C1");
  acme["lifecycle_stage"] = "customer";
  acme["source_updated_at"] = "2024-01-20T10:00:00Z";
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");

  EXPECT_EQ(Scalar("SELECT valid_from FROM dim_customer WHERE customer_id = 'C1' AND is_current"),
            "2024-01-20 10:00:00");
  EXPECT_EQ(Scalar("SELECT valid_to FROM dim_customer WHERE customer_id = 'C1' "
                   "AND NOT is_current"),
            "2024-01-20 10:00:00");

  // A change time before the current version's start cannot be used.
  rows = BaseRows();
  RowOf(rows, "stg_customer", "customer_id", "C1")["source_updated_at"] = "2023-06-01T00:00:00Z";
  LoadAndRun("r3", rows, "", "2024-02-13 08:00:00");
  EXPECT_EQ(Scalar("SELECT valid_from FROM dim_customer WHERE customer_id = 'C1' AND is_current"),
            "2024-02-13 08:00:00");
  ExpectValidHistory("dim_customer", "customer_id");
}

TEST_F(ModelRunnerTest, MissingCustomerIsClosedAndReopened) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");

  StageRows without_globex = BaseRows();
  RemoveRow(without_globex, "stg_customer", "customer_id", "C2");
  LoadAndRun("r2", without_globex, "L2", "2024-01-30 08:00:00");

  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = 'C2'"), "2");
  EXPECT_EQ(Scalar("SELECT is_deleted || ' ' || valid_from FROM dim_customer "
                   "WHERE customer_id = 'C2' AND is_current"),
            "true 2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT valid_to FROM dim_customer WHERE customer_id = 'C2' "
                   "AND NOT is_current"),
            "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = 'C1'"), "1");
  ExpectValidHistory("dim_customer", "customer_id");

  // Still gone on the next run: nothing more is added.
  LoadAndRun("r3", without_globex, "", "2024-02-01 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = 'C2'"), "2");

  LoadAndRun("r4", BaseRows(), "", "2024-02-13 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = 'C2'"), "3");
  EXPECT_EQ(Scalar("SELECT is_deleted || ' ' || valid_from FROM dim_customer "
                   "WHERE customer_id = 'C2' AND is_current"),
            "false 2024-02-13 08:00:00");
  ExpectValidHistory("dim_customer", "customer_id");
}

TEST_F(ModelRunnerTest, ArchivedCustomerIsDeleted) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  StageRows rows = BaseRows();
  RowOf(rows, "stg_customer", "customer_id", "C1")["is_archived"] = true;
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT is_deleted FROM dim_customer WHERE customer_id = 'C1' AND is_current"),
            "true");
  ExpectValidHistory("dim_customer", "customer_id");
}

TEST_F(ModelRunnerTest, RunWithoutCustomerRowsKeepsCustomers) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  StageRows rows = BaseRows();
  rows.erase("stg_customer");
  rows.erase("stg_squad");
  rows.erase("stg_squad_member");
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer WHERE is_deleted"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad WHERE is_deleted"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM bridge_squad_member"), "1");
}

TEST_F(ModelRunnerTest, SquadHistoryFollowsChanges) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");

  StageRows rows = BaseRows();
  RowOf(rows, "stg_squad", "squad_id", "SQA")["capacity_points"] = 25;
  RemoveRow(rows, "stg_squad", "squad_id", "SQB");
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad WHERE squad_id = 'SQA'"), "2");
  EXPECT_EQ(Scalar("SELECT capacity_points FROM dim_squad WHERE squad_id = 'SQA' AND is_current"),
            "25.00");
  EXPECT_EQ(Scalar("SELECT is_deleted FROM dim_squad WHERE squad_id = 'SQB' AND is_current"),
            "true");
  ExpectValidHistory("dim_squad", "squad_id");

  LoadAndRun("r3", rows, "", "2024-02-01 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad"), "4");

  LoadAndRun("r4", BaseRows(), "", "2024-02-13 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad WHERE squad_id = 'SQB'"), "3");
  EXPECT_EQ(Scalar("SELECT is_deleted FROM dim_squad WHERE squad_id = 'SQB' AND is_current"),
            "false");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_squad WHERE squad_id = 'SQA'"), "3");
  ExpectValidHistory("dim_squad", "squad_id");
}

TEST_F(ModelRunnerTest, FactKeepsSquadAtSprintEnd) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  std::string alpha = Scalar("SELECT squad_key FROM dim_squad WHERE squad_id = 'SQA'");
  std::string acme_v1 = Scalar("SELECT customer_key FROM dim_customer WHERE customer_id = 'C1'");

  StageRows rows = BaseRows();
  RowOf(rows, "stg_customer", "customer_id", "C1")["squad_id"] = "SQB";
  RowOf(rows, "stg_customer", "customer_id", "C1")["source_updated_at"] = "2024-01-20T00:00:00Z";
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");
  std::string beta = Scalar("SELECT squad_key FROM dim_squad WHERE squad_id = 'SQB'");
  std::string acme_v2 =
      Scalar("SELECT customer_key FROM dim_customer WHERE customer_id = 'C1' AND is_current");
  ASSERT_NE(acme_v1, acme_v2);

  const std::string t1_in_sprint =
      "SELECT customer_key || ' ' || squad_key || ' ' || squad_id FROM fat_task_sprint "
      "WHERE task_id = 'T1' AND sprint_id = ";
  EXPECT_EQ(Scalar(t1_in_sprint + "'L1'"), acme_v1 + " " + alpha + " SQA");
  EXPECT_EQ(Scalar(t1_in_sprint + "'L2'"), acme_v2 + " " + beta + " SQB");

  // Rebuilding sprint 1 later still finds the versions valid at its end.
  auto rebuilt = Run("r2", "L1", "2024-01-30 09:00:00");
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(Scalar(t1_in_sprint + "'L1'"), acme_v1 + " " + alpha + " SQA");
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = 'L1'"), "3");
}

TEST_F(ModelRunnerTest, FactRowsPerSprint) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");

  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = 'L1'"), "3");
  // Sprint 2 has not ended, so nothing is backfilled for it.
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = 'L2'"), "0");
  EXPECT_EQ(Scalar("SELECT is_done || ' ' || is_carried_over || ' ' || points || ' ' || "
                   "time_spent_hours FROM fat_task_sprint WHERE task_id = 'T1'"),
            "true false 3.00 2.0");
  EXPECT_EQ(Scalar("SELECT is_carried_over FROM fat_task_sprint WHERE task_id = 'T2'"), "true");
  // T3 has no customer and no assignee squad.
  EXPECT_EQ(Scalar("SELECT (customer_key IS NULL) || ' ' || (squad_key IS NULL) "
                   "FROM fat_task_sprint WHERE task_id = 'T3'"),
            "true true");
  EXPECT_EQ(Scalar("SELECT snapshot_at FROM fat_task_sprint LIMIT 1"), "2024-01-16 08:00:00");

  auto again = Run("r1", "L1", "2024-01-16 08:00:00");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_task_sprint"), "3");
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_customer_service"), "1");
}

TEST_F(ModelRunnerTest, AssigneeSquadWhenNoCustomer) {
  StageRows rows = BaseRows();
  RowOf(rows, "stg_task", "task_id", "T3")["assignee_squad_id"] = "SQB";
  LoadAndRun("r1", rows, "L1", "2024-01-16 08:00:00");
  EXPECT_EQ(Scalar("SELECT squad_id FROM fat_task_sprint WHERE task_id = 'T3'"), "SQB");
}

TEST_F(ModelRunnerTest, FirstRunBackfillsEndedSprints) {
  StageRows rows = BaseRows();
  rows["stg_task_list"].push_back({{"task_id", "T2"}, {"list_id", "L2"}, {"is_home", false}});
  rows["stg_customer_service"].push_back(
      {{"sprint_id", "L2"}, {"customer_id", "C2"}, {"service_id", "ads"}, {"contract_value", 50}});
  LoadAndRun("r1", rows, "L2", "2024-01-30 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = 'L1'"), "3");
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_task_sprint WHERE sprint_id = 'L2'"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM fat_customer_service"), "2");
  EXPECT_EQ(Scalar("SELECT string_agg(sprint_id || ':' || is_ended, ',' ORDER BY sprint_id) "
                   "FROM dim_sprint"),
            "L1:true,L2:true");
}

TEST_F(ModelRunnerTest, CustomerServiceFigures) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  EXPECT_EQ(Scalar("SELECT contract_value || ' ' || recurring_revenue || ' ' || "
                   "contracted_points || ' ' || delivered_points || ' ' || points_balance || ' ' "
                   "|| squad_id FROM fat_customer_service"),
            "1200.00 100.00 4.60 3.00 1.60 SQA");
  EXPECT_EQ(Scalar("SELECT typeof(contract_value) || ' ' || typeof(points_balance) "
                   "FROM fat_customer_service"),
            "DECIMAL(18,2) DECIMAL(9,2)");
  EXPECT_EQ(Scalar("SELECT name FROM dim_service WHERE service_id = 'seo_audit'"), "Seo Audit");
}

// Delivered points leave out tasks without a customer, so rpt_velocity reports
// how many of the points done are on those tasks.
TEST_F(ModelRunnerTest, VelocitySplitsOutPointsWithoutCustomer) {
  StageRows rows = BaseRows();
  RowOf(rows, "stg_task", "task_id", "T3")["status_type"] = "done";
  LoadAndRun("r1", rows, "L1", "2024-01-16 08:00:00");

  EXPECT_EQ(Scalar("SELECT sum(points_done) FROM rpt_velocity WHERE sprint_id = 'L1'"), "5.0");
  EXPECT_EQ(Scalar("SELECT sum(points_done_without_customer) FROM rpt_velocity "
                   "WHERE sprint_id = 'L1'"),
            "2.0");
  EXPECT_EQ(Scalar("SELECT points_done_without_customer FROM rpt_velocity "
                   "WHERE sprint_id = 'L1' AND squad_id = 'SQA'"),
            "0.0")
      << "T1 has a customer";
}

TEST_F(ModelRunnerTest, ReportViewsFollowContract) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");

  QueryResult velocity = Rows("SELECT * FROM rpt_velocity ORDER BY squad_id");
  ASSERT_EQ(velocity.rows.size(), 3u);
  EXPECT_EQ(velocity.columns, (std::vector<std::string>{
                                  "sprint_id", "sprint_name", "sprint_number", "sprint_end_date",
                                  "squad_id", "squad_name", "points_committed", "points_done",
                                  "tasks_done", "tasks_total", "points_done_without_customer"}));
  const auto& none = velocity.rows[0];
  EXPECT_EQ(none[4], "(none)");
  EXPECT_EQ(none[5], "(no squad)");
  const auto& alpha = velocity.rows[1];
  EXPECT_EQ(alpha[3], "2024-01-14");
  EXPECT_EQ(alpha[5], "Alpha");
  EXPECT_EQ(alpha[6], "3.0");
  EXPECT_EQ(alpha[7], "3.0");
  EXPECT_EQ(alpha[8], "1.0");
  EXPECT_EQ(alpha[9], "1.0");

  EXPECT_EQ(Scalar("SELECT typeof(points_committed) || ' ' || typeof(sprint_end_date) "
                   "FROM rpt_velocity LIMIT 1"),
            "DOUBLE DATE");
  EXPECT_EQ(Rows("SELECT * FROM rpt_throughput").rows.size(), 3u);
  QueryResult carry = Rows(
      "SELECT task_id, task_name, status_label, points, squad_name "
      "FROM rpt_carry_over ORDER BY task_id");
  ASSERT_EQ(carry.rows.size(), 2u);
  EXPECT_EQ(carry.rows[0],
            (std::vector<std::optional<std::string>>{"T2", "Ads", "Doing", "5.0", "Beta"}));
  QueryResult service = Rows(
      "SELECT customer_name, squad_id, service_name, points_balance FROM rpt_customer_service");
  ASSERT_EQ(service.rows.size(), 1u);
  EXPECT_EQ(service.rows[0],
            (std::vector<std::optional<std::string>>{"Acme", "SQA", "Seo Audit", "1.6"}));
}

TEST_F(ModelRunnerTest, DimensionsAreFilled) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_sprint"), "2");
  EXPECT_EQ(Scalar("SELECT end_at FROM dim_sprint WHERE sprint_id = 'L1'"), "2024-01-14 23:00:00");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_task"), "3");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_member"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM bridge_task_service"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_date"), "366");
  EXPECT_EQ(Scalar("SELECT date_key || ' ' || iso_week || ' ' || day_of_week || ' ' || is_weekend "
                   "FROM dim_date WHERE \"date\" = DATE '2024-01-14'"),
            "20240114 2 7 true");
}

TEST_F(ModelRunnerTest, FailingModelRollsBackEverything) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  auto before = Snapshot();

  fs::path models = dir_ / "models";
  fs::create_directories(models);
  for (const auto& entry : fs::directory_iterator(kModelsDir)) {
    fs::copy_file(entry.path(), models / entry.path().filename());
  }
  std::ofstream(models / "950_broken.sql") << "-- fails after every real model ran\n"
                                              "SELECT count(*) FROM no_such_table;\n";

  StageRows rows = BaseRows();
  RowOf(rows, "stg_customer", "customer_id", "C1")["squad_id"] = "SQB";
  Load("r2", rows);
  auto failed = Run("r2", "L2", "2024-01-30 08:00:00", models.string());
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("950_broken.sql"), std::string::npos)
      << failed.status().message();
  EXPECT_NE(failed.status().message().find("no_such_table"), std::string::npos)
      << failed.status().message();
  EXPECT_EQ(Snapshot(), before);

  // The warehouse is usable afterwards and the same run then succeeds.
  auto retried = Run("r2", "L2", "2024-01-30 08:00:00");
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_EQ(Scalar("SELECT count(*) FROM dim_customer"), "3");
}

TEST_F(ModelRunnerTest, UnknownPlaceholderFailsBeforeRunning) {
  LoadAndRun("r1", BaseRows(), "L1", "2024-01-16 08:00:00");
  auto before = Snapshot();

  fs::path models = dir_ / "models";
  fs::create_directories(models);
  std::ofstream(models / "010_first.sql") << "DELETE FROM dim_task;\n";
  std::ofstream(models / "020_typo.sql") << "SELECT 1;\nSELECT {{ sprint }};\n";
  auto failed = Run("r1", "L1", "2024-01-16 08:00:00", models.string());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(failed.status().message().find("020_typo.sql line 2"), std::string::npos)
      << failed.status().message();
  EXPECT_NE(failed.status().message().find("{{ sprint }}"), std::string::npos);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ModelRunnerTest, RejectsBadParameters) {
  auto no_run = RunModels(*warehouse_, kModelsDir, {"", "L1", "2024-01-16 08:00:00", "UTC"});
  EXPECT_EQ(no_run.status().code(), StatusCode::kInvalidArgument);
  auto bad_time = RunModels(*warehouse_, kModelsDir, {"r1", "L1", "2024-01-16T08:00Z", "UTC"});
  EXPECT_EQ(bad_time.status().code(), StatusCode::kInvalidArgument);
  auto no_zone = RunModels(*warehouse_, kModelsDir, {"r1", "L1", "2024-01-16 08:00:00", ""});
  EXPECT_EQ(no_zone.status().code(), StatusCode::kInvalidArgument);
  auto no_models =
      RunModels(*warehouse_, (dir_ / "none").string(), {"r1", "L1", "2024-01-16 08:00:00", "UTC"});
  EXPECT_EQ(no_models.status().code(), StatusCode::kNotFound);
}

TEST_F(ModelRunnerTest, HistoryStaysValidOverManyRuns) {
  StageRows rows = BaseRows();
  LoadAndRun("r1", rows, "L1", "2024-01-16 08:00:00");
  RowOf(rows, "stg_customer", "customer_id", "C1")["owner_id"] = "O1";
  RemoveRow(rows, "stg_customer", "customer_id", "C2");
  RowOf(rows, "stg_squad", "squad_id", "SQB")["name"] = "Beta team";
  LoadAndRun("r2", rows, "L2", "2024-01-30 08:00:00");
  LoadAndRun("r3", BaseRows(), "", "2024-02-05 08:00:00");
  // A replay of an older snapshot is rejected and changes nothing.
  RowOf(rows, "stg_customer", "customer_id", "C1")["owner_id"] = "O2";
  auto before = Snapshot();
  Load("r4", rows);
  auto late = Run("r4", "", "2024-01-20 08:00:00");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Snapshot(), before);
  LoadAndRun("r5", rows, "", "2024-02-20 08:00:00");

  ExpectValidHistory("dim_customer", "customer_id");
  ExpectValidHistory("dim_squad", "squad_id");
  EXPECT_EQ(Scalar("SELECT count(*) = count(DISTINCT customer_key) FROM dim_customer"), "true");
  EXPECT_EQ(Scalar("SELECT count(*) = count(DISTINCT squad_key) FROM dim_squad"), "true");
}

}  // namespace
}  // namespace sprintetl::warehouse
