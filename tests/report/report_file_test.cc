#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/html_report.h"

namespace sprintetl::report {
namespace {

namespace fs = std::filesystem;

class WriteReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = std::string("sprintetl_report_") +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                       std::to_string(::getpid());
    dir_ = fs::temp_directory_path() / name;
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string ReadAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
};

TEST_F(WriteReportTest, CreatesParentFolders) {
  fs::path path = dir_ / "a" / "b" / "report.html";
  ASSERT_TRUE(WriteReport(path.string(), "<p>one</p>").ok());
  EXPECT_EQ(ReadAll(path), "<p>one</p>");
}

TEST_F(WriteReportTest, ReplacesExistingFile) {
  fs::path path = dir_ / "report.html";
  ASSERT_TRUE(WriteReport(path.string(), "<p>an older and longer report</p>").ok());
  ASSERT_TRUE(WriteReport(path.string(), "<p>new</p>").ok());

  EXPECT_EQ(ReadAll(path), "<p>new</p>");
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1u) << "a temporary file was left beside the report";
}

TEST_F(WriteReportTest, ErrorNamesPath) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "plain_file") << "x";
  fs::path path = dir_ / "plain_file" / "report.html";

  Status status = WriteReport(path.string(), "<p></p>");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(path.string()), std::string::npos) << status.ToString();
}

TEST_F(WriteReportTest, RejectsEmptyPath) {
  Status status = WriteReport("", "<p></p>");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sprintetl::report
