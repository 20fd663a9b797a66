#include "warehouse/model_template.h"

#include <gtest/gtest.h>

namespace sprintetl::warehouse {
namespace {

const std::map<std::string, std::string> kValues = {{"run_id", "r1"}, {"sprint_id", "it's"}};

TEST(ModelTemplateTest, ReplacesPlaceholdersWithLiterals) {
  auto rendered = RenderModelTemplate(
      "SELECT * FROM t WHERE run_id = {{ run_id }} AND s = {{sprint_id}};", kValues, "m.sql");
  ASSERT_TRUE(rendered.ok()) << rendered.status().ToString();
  EXPECT_EQ(*rendered, "SELECT * FROM t WHERE run_id = 'r1' AND s = 'it''s';");
}

TEST(ModelTemplateTest, TextWithoutPlaceholdersIsUnchanged) {
  auto rendered = RenderModelTemplate("SELECT {'a': 1};", kValues, "m.sql");
  ASSERT_TRUE(rendered.ok());
  EXPECT_EQ(*rendered, "SELECT {'a': 1};");
}

TEST(ModelTemplateTest, UnknownPlaceholderNamesFileAndLine) {
  auto rendered = RenderModelTemplate("SELECT 1;\nSELECT {{ snapshot }};", kValues, "m.sql");
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rendered.status().message(),
            "m.sql line 2: unknown placeholder '{{ snapshot }}'; known names are run_id, "
            "sprint_id");
}

TEST(ModelTemplateTest, UnclosedPlaceholderFails) {
  auto rendered = RenderModelTemplate("SELECT {{ run_id", kValues, "m.sql");
  ASSERT_FALSE(rendered.ok());
  EXPECT_NE(rendered.status().message().find("never closed"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::warehouse
