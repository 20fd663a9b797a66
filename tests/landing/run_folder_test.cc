#include "landing/run_folder.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace sprintetl::landing {
namespace {
namespace fs = std::filesystem;

class RunFolderTest : public ::testing::Test {
 protected:
  RunFolderTest() {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("sprintetl-run-folder-" + std::to_string(random()));
    fs::create_directories(root_);
  }
  ~RunFolderTest() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Creates run r1 with two pages and `damaged` as the manifest line between them.
  void MakeRunWithDamagedLine(const std::string& damaged) {
    auto run = RunFolder::Create(root_.string(), "r1");
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    PageRecord record{"clickup", "clickup.user", "/v2/user"};
    ASSERT_TRUE(run->WritePage(record, R"({"user":{}})").ok());
    std::ofstream(root_ / "r1" / "manifest.jsonl", std::ios::app) << damaged << "\n";
    ASSERT_TRUE(run->WritePage(record, R"({"user":{}})").ok());
  }

  fs::path root_;
};

TEST_F(RunFolderTest, ReplacedPageIsLeftOut) {
  auto run = RunFolder::Create(root_.string(), "r1");
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  PageRecord record{"clickup", "clickup.user", "/v2/user"};
  ASSERT_TRUE(run->WritePage(record, R"({"user":{"id":1}})").ok());
  PageRecord again = record;
  again.context[kReplacesContext] = "raw/clickup/000000.json.zst";
  ASSERT_TRUE(run->WritePage(again, R"({"user":{"id":2}})").ok());

  auto reopened = RunFolder::Open(root_.string(), "r1");
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  auto records = reopened->ReadManifest();
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].file, "raw/clickup/000001.json.zst");

  // Numbering goes on after every line, so the replaced file is never written over.
  ASSERT_TRUE(reopened->WritePage(record, R"({"user":{"id":3}})").ok());
  auto after = reopened->ReadManifest();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->back().file, "raw/clickup/000002.json.zst");
}

TEST_F(RunFolderTest, PathIsNotRunId) {
  fs::create_directories(root_ / "elsewhere" / "r1");
  std::ofstream(root_ / "elsewhere" / "r1" / "manifest.jsonl").close();
  fs::create_directories(root_ / "landing");
  std::string landing = (root_ / "landing").string();

  for (const std::string& id : {std::string("../elsewhere/r1"), std::string(".."),
                                (root_ / "elsewhere" / "r1").string(), std::string("")}) {
    auto opened = RunFolder::Open(landing, id);
    ASSERT_FALSE(opened.ok()) << id;
    EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument) << id;
    EXPECT_NE(opened.status().message().find("is not a run id"), std::string::npos);

    auto created = RunFolder::Create(landing, id);
    ASSERT_FALSE(created.ok()) << id;
    EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument) << id;
  }
  EXPECT_TRUE(RunFolder::Create(landing, "r20261117T120000Z.retry-1").ok());
}

TEST_F(RunFolderTest, DamagedManifestLineIsNamed) {
  MakeRunWithDamagedLine(R"({"source": "clickup", "kind)");
  auto reopened = RunFolder::Open(root_.string(), "r1");
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kDataLoss);
  const std::string& message = reopened.status().message();
  EXPECT_NE(message.find((root_ / "r1" / "manifest.jsonl").string() + " is damaged: line 2"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("--full-refresh"), std::string::npos) << message;
  EXPECT_NE(message.find("remove the folder " + (root_ / "r1").string()), std::string::npos)
      << message;
  EXPECT_EQ(message.find("json.exception"), std::string::npos) << message;
}

TEST_F(RunFolderTest, ManifestLineOfWrongShapeIsNamed) {
  MakeRunWithDamagedLine(R"({"page": "first"})");
  auto reopened = RunFolder::Open(root_.string(), "r1");
  ASSERT_FALSE(reopened.ok());
  const std::string& message = reopened.status().message();
  EXPECT_NE(message.find("line 2 is JSON but not a page record"), std::string::npos) << message;
  EXPECT_EQ(message.find("json.exception"), std::string::npos) << message;
}

TEST_F(RunFolderTest, PartialLastLineIsIgnored) {
  MakeRunWithDamagedLine(R"({"source": "clickup"})");
  std::ofstream(root_ / "r1" / "manifest.jsonl", std::ios::app) << R"({"source": "cli)";
  auto reopened = RunFolder::Open(root_.string(), "r1");
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  auto records = reopened->ReadManifest();
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 3u);
}

}  // namespace
}  // namespace sprintetl::landing
