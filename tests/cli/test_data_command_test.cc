#include "build_info.h"
#include "cli/test_data_command.h"

#include <gtest/gtest.h>

#include "cli/cli_harness.h"
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "warehouse/duckdb_warehouse.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::cli {
namespace {

namespace fs = std::filesystem;

TEST(TestDataCommandTest, ReportHasOneLinePerCheck) {
  std::vector<warehouse::DataTestResult> results = {
      {"010_unique_surrogate_keys", 0, {}, 1},
      {"060_no_negative_points", 2, {"problem=negative points, row_id=T1"}, 1}};
  EXPECT_EQ(FormatDataTestReport(results),
            "ok    010_unique_surrogate_keys\n"
            "FAIL  060_no_negative_points: 2 offending rows\n"
            "    problem=negative points, row_id=T1\n"
            "2 data tests, 1 failed\n");
}

// Runs the sprintetl binary; returns its exit code and stdout and stderr together.
std::pair<int, std::string> RunBinary(const std::string& args) {
  auto result = testing::RunShell(std::string(SPRINTETL_BINARY) + " " + args + " 2>&1");
  return {result.exit_code, result.out};
}

TEST(TestDataCommandTest, ExitCodeFollowsChecks) {
  // demo.toml keeps the warehouse at ../demo/sprintetl.duckdb from its folder.
  fs::path dir = fs::temp_directory_path() / ("sprintetl-test-data-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "config");
  fs::create_directories(dir / "demo");
  fs::copy_file(SPRINTETL_SOURCE_DIR "/config/demo.toml", dir / "config/demo.toml");
  const std::string database = (dir / "demo/sprintetl.duckdb").string();
  const std::string args = "--log-level error --config " + (dir / "config/demo.toml").string() +
                           " test-data";

  {
    auto warehouse = warehouse::DuckDbWarehouse::Open(database);
    ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    ASSERT_TRUE(warehouse::EnsureSchema(**warehouse, SPRINTETL_SOURCE_DIR "/sql").ok());
  }
  auto [clean_code, clean_output] = RunBinary(args);
  EXPECT_EQ(clean_code, 0) << clean_output;
  EXPECT_NE(clean_output.find("ok    030_contiguous_validity\n"), std::string::npos)
      << clean_output;
  EXPECT_NE(clean_output.find("7 data tests, 0 failed"), std::string::npos) << clean_output;

  {
    auto warehouse = warehouse::DuckDbWarehouse::Open(database);
    ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    ASSERT_TRUE((*warehouse)
                    ->Execute("INSERT INTO dim_squad (squad_key, squad_id, capacity_points, "
                              "attr_hash, valid_from, is_current, is_deleted) VALUES "
                              "(1, 'SQA', -4, 'x', TIMESTAMP '2024-01-01', true, false)")
                    .ok());
  }
  auto [broken_code, broken_output] = RunBinary(args);
  EXPECT_EQ(broken_code, 1) << broken_output;
  EXPECT_NE(broken_output.find("FAIL  060_no_negative_points: 1 offending rows"),
            std::string::npos)
      << broken_output;
  EXPECT_NE(broken_output.find("value=-4.00"), std::string::npos) << broken_output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sprintetl::cli
