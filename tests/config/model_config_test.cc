#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.h"

namespace sprintetl::config {
namespace {

TEST(ModelConfigTest, HistoriedDefaultsToCustomerAndSquad) {
  auto config = ParseConfig("", "/tmp/x.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->model.historied, (std::vector<std::string>{"customer", "squad"}));
}

TEST(ModelConfigTest, HistoriedListIsRead) {
  auto config = ParseConfig("[model]\nhistoried = [\"task\", \"member\"]\n", "/tmp/x.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->model.historied, (std::vector<std::string>{"task", "member"}));
}

TEST(ModelConfigTest, UnknownDimensionRejected) {
  auto config = ParseConfig("[model]\nhistoried = [\"sprint\"]\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("unknown dimension \"sprint\""), std::string::npos)
      << config.status().message();
}

TEST(ModelConfigTest, UnknownModelKeyRejected) {
  auto config = ParseConfig("[model]\nhistory = [\"task\"]\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("model.history"), std::string::npos)
      << config.status().message();
}

}  // namespace
}  // namespace sprintetl::config
