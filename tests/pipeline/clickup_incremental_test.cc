// The second run reads ClickUp incrementally and still loads every task.
#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/pipeline_harness.h"

namespace sprintetl::testing {
namespace {

nlohmann::json ReadRecord(const std::string& landing_path) {
  std::ifstream in(std::filesystem::path(landing_path) / "clickup_read.json");
  return nlohmann::json::parse(in, nullptr, false);
}

TEST(ClickUpIncrementalTest, SecondRunReadsChangesOnly) {
  PipelineHarness harness;
  nlohmann::json client_task = *harness.clickup().FindTask("86c0a1b07");
  client_task["id"] = "86c0ext01";
  client_task["list"] = {{"id", "901800120002"}, {"name", "Client list"}, {"access", true}};
  client_task["locations"] = nlohmann::json::array();
  harness.clickup().AddTask(client_task);
  auto first = harness.Run();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(ReadRecord(first->landing_path)["mode"], "full");
  std::string tasks = harness.Scalar("SELECT count(*) FROM stg_task WHERE run_id = '" +
                                     first->run_id + "'");

  // The base run's start is wall time, so the change is dated now.
  long long now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  client_task["name"] = "Renamed between runs";
  client_task["date_updated"] = std::to_string(now_ms);
  harness.clickup().AddTask(client_task);
  harness.clickup().ClearRequests();

  auto second = harness.Run("2026-11-17T13:00:00Z");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(ReadRecord(second->landing_path)["mode"], "incremental");
  for (const auto& request : harness.clickup().requests()) {
    EXPECT_EQ(request.path.find("/v2/list/901800120002/task"), std::string::npos)
        << "pages of lists outside the sprint folder come from the first run";
  }
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM stg_task WHERE run_id = '" + second->run_id +
                           "'"),
            tasks);
  EXPECT_EQ(harness.Scalar("SELECT name FROM stg_task WHERE run_id = '" + second->run_id +
                           "' AND task_id = '86c0ext01'"),
            "Renamed between runs");
}

}  // namespace
}  // namespace sprintetl::testing
