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
            "sprint_id, 'table <name>' and 'type <name>'");
}

TEST(ModelTemplateTest, UnclosedPlaceholderFails) {
  auto rendered = RenderModelTemplate("SELECT {{ run_id", kValues, "m.sql");
  ASSERT_FALSE(rendered.ok());
  EXPECT_NE(rendered.status().message().find("never closed"), std::string::npos);
}

const TemplateDialect kBigQuery{"bigquery", "ds"};

TEST(ModelTemplateTest, IfBlockPicksDialectBranch) {
  const std::string text = "SELECT {% if bigquery %}TO_HEX(x){% else %}md5(x){% endif %};";
  auto duckdb = RenderModelTemplate(text, kValues, "m.sql");
  ASSERT_TRUE(duckdb.ok()) << duckdb.status().ToString();
  EXPECT_EQ(*duckdb, "SELECT md5(x);");
  auto bigquery = RenderModelTemplate(text, kValues, "m.sql", kBigQuery);
  ASSERT_TRUE(bigquery.ok()) << bigquery.status().ToString();
  EXPECT_EQ(*bigquery, "SELECT TO_HEX(x);");
}

TEST(ModelTemplateTest, IfBlockWithoutElseKeepsLines) {
  const std::string text = "SELECT 1\n{% if bigquery %}\nFROM a\n{% endif %}\n;";
  auto duckdb = RenderModelTemplate(text, kValues, "m.sql");
  ASSERT_TRUE(duckdb.ok()) << duckdb.status().ToString();
  EXPECT_EQ(*duckdb, "SELECT 1\n\n\n\n;");
  auto bigquery = RenderModelTemplate(text, kValues, "m.sql", kBigQuery);
  ASSERT_TRUE(bigquery.ok()) << bigquery.status().ToString();
  EXPECT_EQ(*bigquery, "SELECT 1\n\nFROM a\n\n;");
}

TEST(ModelTemplateTest, TableAndTypePlaceholdersFollowDialect) {
  const std::string text = "SELECT CAST(x AS {{ type FLOAT64 }}) FROM {{ table dim_task }};";
  auto duckdb = RenderModelTemplate(text, kValues, "m.sql");
  ASSERT_TRUE(duckdb.ok()) << duckdb.status().ToString();
  EXPECT_EQ(*duckdb, "SELECT CAST(x AS DOUBLE) FROM dim_task;");
  auto bigquery = RenderModelTemplate(text, kValues, "m.sql", kBigQuery);
  ASSERT_TRUE(bigquery.ok()) << bigquery.status().ToString();
  EXPECT_EQ(*bigquery, "SELECT CAST(x AS FLOAT64) FROM `ds.dim_task`;");
}

TEST(ModelTemplateTest, BigQueryLiteralEscapesWithBackslash) {
  auto rendered = RenderModelTemplate("SELECT {{ sprint_id }};", kValues, "m.sql", kBigQuery);
  ASSERT_TRUE(rendered.ok()) << rendered.status().ToString();
  EXPECT_EQ(*rendered, "SELECT 'it\\'s';");
}

TEST(ModelTemplateTest, BadBlocksNameFileAndLine) {
  const std::pair<std::string, std::string> cases[] = {
      {"SELECT 1;\n{% if postgres %}x{% endif %}", "m.sql line 2: unknown dialect 'postgres'"},
      {"{% if duckdb %}{% if bigquery %}{% endif %}{% endif %}", "do not nest"},
      {"{% if duckdb %}x", "never closed with '{% endif %}'"},
      {"x{% else %}y", "'{% else %}' outside an if block"},
      {"x{% endif %}", "without '{% if %}'"},
      {"{% for x %}", "unknown block '{% for x %}'"},
      {"SELECT {{ type DOUBLE }}", "unknown type '{{ type DOUBLE }}'"},
  };
  for (const auto& [text, expected] : cases) {
    auto rendered = RenderModelTemplate(text, kValues, "m.sql");
    ASSERT_FALSE(rendered.ok()) << text;
    EXPECT_EQ(rendered.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(rendered.status().message().find(expected), std::string::npos)
        << text << " gave " << rendered.status().message();
  }
}

TEST(ModelTemplateTest, UnknownDialectFails) {
  auto rendered = RenderModelTemplate("SELECT 1;", kValues, "m.sql", {"oracle", ""});
  ASSERT_FALSE(rendered.ok());
  EXPECT_NE(rendered.status().message().find("unknown SQL dialect 'oracle'"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::warehouse
