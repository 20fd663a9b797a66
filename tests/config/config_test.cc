#include "build_info.h"
#include "config/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sprintetl::config {
namespace {

TEST(ConfigTest, DemoConfigLoads) {
  auto config = LoadConfig(std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->clickup.team_id, "9015550001");
  EXPECT_EQ(config->squads.size(), 3u);
  EXPECT_EQ(config->squads[2].name, "Vega ★");
  EXPECT_EQ(config->clickup.category_rules.size(), 3u);
  EXPECT_EQ(config->clickup.status_labels.at("review"), "In review");
  EXPECT_EQ(config->hubspot.company_properties.front(), "name");
  EXPECT_TRUE(config->warehouse.path.rfind('/', 0) == 0) << "relative paths are resolved";
}

TEST(ConfigTest, ExampleConfigLoads) {
  auto config = LoadConfig(std::string(SPRINTETL_SOURCE_DIR) + "/config/sprintetl.example.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->clickup.base_url, Config().clickup.base_url) << "the real API by default";
}

TEST(ConfigTest, UnknownKeySuggestsName) {
  auto config = ParseConfig("[archive]\nenabeld = false\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("unknown key archive.enabeld; did you mean 'enabled'?"),
            std::string::npos)
      << config.status().message();
}

TEST(ConfigTest, UnknownKeyInArrayTable) {
  auto config = ParseConfig("[[squads]]\nid = \"a\"\ncapacity = 3\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("squads.capacity"), std::string::npos)
      << config.status().message();
}

TEST(ConfigTest, NegativeCapacityRejected) {
  auto config = ParseConfig("[[squads]]\nid = \"a\"\ncapacity_points = -5\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("must not be negative"), std::string::npos);
}

TEST(ConfigTest, EmptyFileAndFolderRejected) {
  std::string dir = ::testing::TempDir() + "/sprintetl-config-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/empty.toml") << "  \n";
  auto empty = LoadConfig(dir + "/empty.toml");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("is empty"), std::string::npos);
  auto folder = LoadConfig(dir);
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.status().message().find("is a folder"), std::string::npos);
}

TEST(ConfigTest, EnvironmentOverrideMustBeUrl) {
  Config config;
  setenv("SPRINTETL_CLICKUP_BASE_URL", "127.0.0.1:9", 1);
  Status status = ApplyEnvironmentOverrides(config);
  unsetenv("SPRINTETL_CLICKUP_BASE_URL");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.clickup.base_url, Config().clickup.base_url);
}

TEST(ConfigTest, WrongTypeNamesKey) {
  auto config = ParseConfig("[hubspot]\npage_size = \"many\"\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("hubspot.page_size must be an integer"),
            std::string::npos)
      << config.status().message();
}

TEST(ConfigTest, SyntaxErrorNamesLine) {
  auto config = ParseConfig("timezone = \"UTC\"\n[clickup\n", "/tmp/bad.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("/tmp/bad.toml:2"), std::string::npos)
      << config.status().message();
}

TEST(ConfigTest, PageSizeAboveMaximumRejected) {
  auto config = ParseConfig("[hubspot]\npage_size = 500\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
}

TEST(ConfigTest, MissingFileIsNotFound) {
  auto config = LoadConfig("/nonexistent/sprintetl.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kNotFound);
}

TEST(ConfigTest, ServiceIdFromAliasOrLabel) {
  Config config;
  config.service_aliases["Paid media"] = "paid_media";
  EXPECT_EQ(ServiceIdForLabel(config, "Paid media"), "paid_media");
  EXPECT_EQ(ServiceIdForLabel(config, "Social Ads-EU"), "social_ads_eu");
}

}  // namespace
}  // namespace sprintetl::config
