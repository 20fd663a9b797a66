#include "pipeline/incremental_base.h"

#include <chrono>
#include <filesystem>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "build_info.h"
#include "pipeline/run_state.h"
#include "warehouse/duckdb_warehouse.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::pipeline {
namespace {

namespace fs = std::filesystem;

class IncrementalBaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = warehouse::DuckDbWarehouse::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    warehouse_ = std::move(*opened);
    ASSERT_TRUE(warehouse::EnsureSchema(*warehouse_, SPRINTETL_SOURCE_DIR "/sql").ok());
    root_ = fs::temp_directory_path() /
            ("sprintetl-incremental-base-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }

  void TearDown() override { fs::remove_all(root_); }

  // Records a run that ended with `status`. Its landing folder exists only with `keep_folder`.
  void AddRun(const std::string& run_id, const std::string& status, bool keep_folder) {
    fs::path folder = root_ / run_id;
    if (keep_folder) fs::create_directories(folder);
    ASSERT_TRUE(InsertRunState(*warehouse_, run_id, std::chrono::system_clock::now(),
                               folder.string())
                    .ok());
    ASSERT_TRUE(FinishRunState(*warehouse_, run_id, status, "").ok());
  }

  std::unique_ptr<warehouse::Warehouse> warehouse_;
  fs::path root_;
};

TEST_F(IncrementalBaseTest, NoRunsMeansFullExtraction) {
  auto base = FindIncrementalBase(*warehouse_, "current");
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  EXPECT_FALSE(base->has_value());
}

TEST_F(IncrementalBaseTest, PicksLatestOkRunWithFolder) {
  AddRun("run-1", kRunOk, true);
  AddRun("run-2", kRunOk, false);
  AddRun("run-3", kRunFailed, true);
  AddRun("current", kRunOk, true);

  auto base = FindIncrementalBase(*warehouse_, "current");

  ASSERT_TRUE(base.ok()) << base.status().ToString();
  ASSERT_TRUE(base->has_value());
  EXPECT_EQ((*base)->run_id, "run-1");
  EXPECT_EQ((*base)->landing_path, (root_ / "run-1").string());
  EXPECT_FALSE((*base)->started_at.empty());
}

}  // namespace
}  // namespace sprintetl::pipeline
