#include "sources/clickup/read_plan.h"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

namespace sprintetl::sources {
namespace {
namespace fs = std::filesystem;

class ReadPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("sprintetl-plan-" + std::to_string(std::random_device{}()));
    auto run = landing::RunFolder::Create(root_.string(), "base");
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    base_run_ = std::make_unique<landing::RunFolder>(std::move(run).value());
    base_ = ClickUpBaseRun{"base", base_run_->path(), "2026-11-20 12:00:00.250"};
  }
  void TearDown() override { fs::remove_all(root_); }

  void RecordBase(int reads_since_full) {
    ClickUpReadPlan plan;
    plan.reads_since_full = reads_since_full;
    ASSERT_TRUE(WriteClickUpReadRecord(*base_run_, plan).ok());
  }

  fs::path root_;
  std::unique_ptr<landing::RunFolder> base_run_;
  ClickUpBaseRun base_;
  config::ClickUp config_;
};

TEST_F(ReadPlanTest, FullRefreshWins) {
  RecordBase(0);
  auto plan = PlanClickUpRead(config_, base_, true);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->incremental);
  EXPECT_NE(plan->reason.find("--full-refresh"), std::string::npos);
}

TEST_F(ReadPlanTest, NoBaseMeansFullRead) {
  auto plan = PlanClickUpRead(config_, std::nullopt, false);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->incremental);
  EXPECT_NE(plan->reason.find("no earlier successful run"), std::string::npos);
}

TEST_F(ReadPlanTest, IncrementalWithOverlap) {
  RecordBase(0);
  config_.incremental_overlap_minutes = 30;
  auto plan = PlanClickUpRead(config_, base_, false);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->incremental) << plan->reason;
  EXPECT_EQ(plan->changed_since_ms, 1795176000250LL - 30 * 60 * 1000);
  EXPECT_EQ(plan->reads_since_full, 1);
  EXPECT_NE(plan->reason.find("2026-11-20T11:30:00.250Z"), std::string::npos) << plan->reason;
}

TEST_F(ReadPlanTest, EveryNthRunReadsAll) {
  config_.full_read_every_runs = 3;
  RecordBase(1);
  auto second = PlanClickUpRead(config_, base_, false);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->incremental);
  EXPECT_EQ(second->reads_since_full, 2);

  RecordBase(2);
  auto third = PlanClickUpRead(config_, base_, false);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->incremental);
  EXPECT_NE(third->reason.find("full_read_every_runs is 3"), std::string::npos);
}

TEST_F(ReadPlanTest, DamagedRecordRejected) {
  std::ofstream(fs::path(base_run_->path()) / "clickup_read.json") << "{not json";
  auto plan = PlanClickUpRead(config_, base_, false);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(plan.status().message().find("clickup_read.json"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::sources
