#include <gtest/gtest.h>

#include "config/config.h"

namespace sprintetl::config {
namespace {

TEST(ArchiveConfigTest, StatusMapKeysLowerCased) {
  auto config = ParseConfig("[archive.status_map]\n\"In Review\" = \"review\"\n", "/tmp/x.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->archive.status_map.count("in review"), 1u);
  EXPECT_EQ(config->archive.status_map.at("in review"), "review");
}

TEST(ArchiveConfigTest, LinkModeDefaultsToDescription) {
  auto config = ParseConfig("", "/tmp/x.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->archive.link_mode, ArchiveLink::kDescription);
}

TEST(ArchiveConfigTest, CustomFieldLinkNeedsField) {
  auto missing = ParseConfig("[archive]\nlink_mode = \"custom_field\"\n", "/tmp/x.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("archive.link_field"), std::string::npos)
      << missing.status().message();

  auto set = ParseConfig("[archive]\nlink_mode = \"custom_field\"\nlink_field = \"Source\"\n",
                         "/tmp/x.toml");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->archive.link_mode, ArchiveLink::kCustomField);
  EXPECT_EQ(set->archive.link_field, "Source");
}

TEST(ArchiveConfigTest, UnknownLinkModeRejected) {
  auto config = ParseConfig("[archive]\nlink_mode = \"comment\"\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("archive.link_mode must be \"description\" or "
                                           "\"custom_field\", got \"comment\""),
            std::string::npos)
      << config.status().message();
}

TEST(ArchiveConfigTest, StatusMapValueMustBeText) {
  auto config = ParseConfig("[archive.status_map]\nreview = 3\n", "/tmp/x.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("archive.status_map.review must be a string"),
            std::string::npos)
      << config.status().message();
}

}  // namespace
}  // namespace sprintetl::config
