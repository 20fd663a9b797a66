#include "landing/retention.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "landing/run_folder.h"

namespace sprintetl::landing {
namespace {
namespace fs = std::filesystem;

class RetentionTest : public ::testing::Test {
 protected:
  RetentionTest() {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("sprintetl-retention-" + std::to_string(random()));
    fs::create_directories(root_);
  }
  ~RetentionTest() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void MakeRuns(const std::vector<std::string>& ids) {
    for (const auto& id : ids) ASSERT_TRUE(RunFolder::Create(root_.string(), id).ok()) << id;
  }

  fs::path root_;
};

TEST_F(RetentionTest, ListsRunsOldestFirstWithNumericSuffixes) {
  MakeRuns({"r20261117T120000Z-10", "r20261117T120000Z", "r20261103T060000Z",
            "r20261117T120000Z-2"});
  fs::create_directories(root_ / "not-a-run");  // no manifest
  EXPECT_EQ(ListRunFolders(root_.string()),
            (std::vector<std::string>{"r20261103T060000Z", "r20261117T120000Z",
                                      "r20261117T120000Z-2", "r20261117T120000Z-10"}));
}

TEST_F(RetentionTest, KeepsNewestFinishedRuns) {
  MakeRuns({"r1", "r2", "r3", "r4", "r5"});
  auto deleted = PruneRunFolders(root_.string(), 2, [](const std::string&) { return true; });
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(*deleted, (std::vector<std::string>{"r1", "r2", "r3"}));
  EXPECT_EQ(ListRunFolders(root_.string()), (std::vector<std::string>{"r4", "r5"}));
}

TEST_F(RetentionTest, NeverDeletesUnfinishedRuns) {
  MakeRuns({"r1", "r2", "r3", "r4", "r5"});
  std::set<std::string> ok = {"r2", "r4", "r5"};  // r1 failed, r3 was killed
  auto deleted = PruneRunFolders(root_.string(), 1,
                                 [&](const std::string& id) { return ok.count(id) > 0; });
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, (std::vector<std::string>{"r2", "r4"}));
  EXPECT_EQ(ListRunFolders(root_.string()), (std::vector<std::string>{"r1", "r3", "r5"}));
}

TEST_F(RetentionTest, ZeroKeepsEveryFolder) {
  MakeRuns({"r1", "r2", "r3"});
  auto deleted = PruneRunFolders(root_.string(), 0, [](const std::string&) { return true; });
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(deleted->empty());
  EXPECT_EQ(ListRunFolders(root_.string()).size(), 3u);
}

}  // namespace
}  // namespace sprintetl::landing
