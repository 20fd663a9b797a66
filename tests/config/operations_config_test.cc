#include <gtest/gtest.h>

#include "config/config.h"

namespace sprintetl::config {
namespace {

TEST(OperationsConfigTest, DefaultsWhenSectionsAreMissing) {
  auto config = ParseConfig("", "/etc/sprintetl/test.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->landing.keep_runs, 10);
  EXPECT_FALSE(config->operations.power_off_after_success);
  EXPECT_EQ(config->operations.power_off_command, "systemctl poweroff");
  EXPECT_EQ(config->operations.run_time, "06:00");
}

TEST(OperationsConfigTest, ReadsLandingAndOperations) {
  auto config = ParseConfig(
      "[landing]\nkeep_runs = 3\n[operations]\npower_off_after_success = true\n"
      "power_off_command = \"true\"\nrun_time = \"23:45\"\n",
      "/etc/sprintetl/test.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->landing.keep_runs, 3);
  EXPECT_TRUE(config->operations.power_off_after_success);
  EXPECT_EQ(config->operations.power_off_command, "true");
  EXPECT_EQ(config->operations.run_time, "23:45");
}

TEST(OperationsConfigTest, RejectsNegativeKeepRuns) {
  auto config = ParseConfig("[landing]\nkeep_runs = -1\n", "test.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("landing.keep_runs"), std::string::npos);
}

TEST(OperationsConfigTest, RejectsBadRunTime) {
  for (const char* bad : {"6:00", "24:00", "06:60", "noon"}) {
    auto config = ParseConfig(std::string("[operations]\nrun_time = \"") + bad + "\"\n",
                              "test.toml");
    ASSERT_FALSE(config.ok()) << bad;
    EXPECT_NE(config.status().message().find("operations.run_time"), std::string::npos) << bad;
  }
}

TEST(OperationsConfigTest, RejectsEmptyPowerOffCommand) {
  auto config = ParseConfig(
      "[operations]\npower_off_after_success = true\npower_off_command = \"\"\n", "test.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("power_off_command"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::config
