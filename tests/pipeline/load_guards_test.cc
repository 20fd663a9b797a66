// End-to-end guards of the load step: a replay of an older run and a broken
// data test both fail the run and leave the star schema as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "landing/run_folder.h"
#include "pipeline/pipeline_harness.h"
#include "pipeline/sql_paths.h"
#include "pipeline/stage_load.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::PipelineHarness;

const char* const kGuardedTables[] = {
    "dim_customer", "dim_squad",   "dim_task",    "dim_sprint", "fat_task_sprint",
    "fat_customer_service", "stg_task", "stg_customer", "applied_run"};

std::map<std::string, std::string> DumpAll(PipelineHarness& harness) {
  std::map<std::string, std::string> tables;
  for (const char* table : kGuardedTables) tables[table] = harness.TableDump(table);
  return tables;
}

TEST(LoadGuardsTest, ReplayOfOlderRunIsRejected) {
  PipelineHarness harness;
  auto newer = harness.Run("2026-11-17T13:00:00Z");
  ASSERT_TRUE(newer.ok()) << newer.status().ToString();
  auto before = DumpAll(harness);

  auto older = harness.Run("2026-11-17T12:00:00Z");
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(older.status().message().find("older than run " + newer->run_id),
            std::string::npos)
      << older.status().message();
  EXPECT_EQ(DumpAll(harness), before);
  EXPECT_EQ(harness.Scalar("SELECT status FROM run_log WHERE step = 'load_and_models' "
                           "ORDER BY started_at DESC LIMIT 1"),
            "failed");
}

// Copies the stage files of `source` into a new run folder, giving the task
// `task_id` negative points, as a transform bug or a bad source value would.
Result<landing::RunFolder> CopyWithNegativePoints(const std::string& root,
                                                  const landing::RunFolder& source,
                                                  const std::string& run_id,
                                                  std::string& task_id) {
  SPRINTETL_ASSIGN_OR_RETURN(landing::RunFolder copy, landing::RunFolder::Create(root, run_id));
  for (const std::string& table : StageTables()) {
    fs::create_directories(fs::path(copy.StagePath(table)).parent_path());
    std::ifstream in(source.StagePath(table));
    std::ofstream out(copy.StagePath(table));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      nlohmann::json row = nlohmann::json::parse(line);
      row["run_id"] = run_id;
      if (table == "stg_task" && task_id.empty() && row["points"].is_number()) {
        task_id = row["task_id"];
        row["points"] = -2;
      }
      out << row.dump() << "\n";
    }
  }
  return copy;
}

TEST(LoadGuardsTest, DataTestFailureKeepsPreviousTables) {
  PipelineHarness harness;
  auto first = harness.Run();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto before = DumpAll(harness);

  auto source = landing::RunFolder::Open(harness.config().landing_root, first->run_id);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  std::string task_id;
  auto broken = CopyWithNegativePoints(harness.config().landing_root, *source, "r-broken", task_id);
  ASSERT_TRUE(broken.ok()) << broken.status().ToString();
  ASSERT_FALSE(task_id.empty());

  Status failed;
  {
    auto warehouse = warehouse::OpenWarehouse(harness.config().warehouse);
    ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    StageLoadParams params{"r-broken", first->sprint_id, "2026-11-17 14:00:00",
                           "America/New_York"};
    failed = LoadStageAndBuildModels(**warehouse, *broken, SqlDir(), params).status();
  }
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(failed.message().find("data test 060_no_negative_points failed"), std::string::npos)
      << failed.message();
  EXPECT_NE(failed.message().find(task_id), std::string::npos) << failed.message();
  EXPECT_EQ(DumpAll(harness), before);
}

}  // namespace
}  // namespace sprintetl::pipeline
