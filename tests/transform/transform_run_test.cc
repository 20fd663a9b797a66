#include "build_info.h"
#include "transform/transform_run.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "transform/landing_builder.h"
#include "transform/stage_tables.h"

namespace sprintetl::transform {
namespace {

using testing::FindRow;
using testing::LandingBuilder;

// Table name -> column names, read from sql/stage/stage_tables.sql.
std::map<std::string, std::vector<std::string>> ColumnsInSql() {
  std::ifstream in(std::string(SPRINTETL_SOURCE_DIR) + "/sql/stage/stage_tables.sql");
  std::ostringstream text;
  text << in.rdbuf();
  std::string sql = std::regex_replace(text.str(), std::regex("--[^\n]*"), "");

  std::map<std::string, std::vector<std::string>> tables;
  std::regex table_pattern(R"(CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*)\);)");
  for (std::sregex_iterator it(sql.begin(), sql.end(), table_pattern), end; it != end; ++it) {
    std::stringstream body((*it)[2].str());
    std::string column;
    while (std::getline(body, column, ',')) {
      std::istringstream words(column);
      std::string name;
      words >> name;
      tables[(*it)[1].str()].push_back(name);
    }
  }
  return tables;
}

TEST(TransformRunTest, StageTablesMatchSql) {
  auto sql = ColumnsInSql();
  ASSERT_EQ(sql.size(), StageTables().size());
  for (const StageTable& table : StageTables()) {
    EXPECT_EQ(sql[table.name], table.columns) << table.name;
  }
}

TEST(TransformRunTest, WritesEveryTableWithItsColumns) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->timezone, "America/New_York");

  for (const StageTable& table : StageTables()) {
    ASSERT_TRUE(builder.StageFileExists(table.name)) << table.name;
    auto rows = builder.StageRows(table.name);
    EXPECT_EQ(static_cast<long long>(rows.size()), summary->rows.at(table.name)) << table.name;
    EXPECT_FALSE(rows.empty()) << table.name;
    for (const auto& row : rows) {
      std::vector<std::string> keys;
      for (const auto& [key, value] : row.items()) keys.push_back(key);
      std::vector<std::string> sorted_columns = table.columns;
      std::sort(sorted_columns.begin(), sorted_columns.end());
      EXPECT_EQ(keys, sorted_columns) << table.name;
      EXPECT_EQ(row["run_id"], "20261204T120000Z") << table.name;
      EXPECT_TRUE(row["source_page"].is_string()) << table.name;
    }
  }
}

TEST(TransformRunTest, ColumnsKeepTableOrderInFile) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  ASSERT_TRUE(TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow()).ok());
  std::ifstream in(builder.run().StagePath("stg_member"));
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line.rfind(R"({"run_id":"20261204T120000Z","source_page":"raw/clickup/)", 0), 0u)
      << line;
}

TEST(TransformRunTest, MembersAndSquads) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  config::Config config = testing::DemoConfig();
  config.squads.push_back({"squad_nova", "Nova", "Nova", 90});
  auto summary = TransformRun(builder.run(), config, testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  EXPECT_EQ(builder.StageRows("stg_member").size(), 4u);
  auto squads = builder.StageRows("stg_squad");
  ASSERT_EQ(squads.size(), 4u);
  auto orion = FindRow(squads, "squad_id", "squad_orion");
  EXPECT_EQ(orion["clickup_group_id"], "9a1b2c3d-0000-4e5f-8a9b-00000000a001f");
  EXPECT_EQ(orion["member_count"], 2);
  EXPECT_EQ(orion["capacity_points"], 400.0);
  auto vega = FindRow(squads, "squad_id", "squad_vega");
  EXPECT_EQ(vega["name"], "Vega ★");
  EXPECT_EQ(vega["member_count"], 1);
  auto nova = FindRow(squads, "squad_id", "squad_nova");
  EXPECT_EQ(nova["clickup_group_id"], nullptr);
  EXPECT_EQ(nova["source_page"], "derived");

  EXPECT_EQ(builder.StageRows("stg_squad_member").size(), 4u) << "Delivery Leads is no squad";
  bool warned = false;
  for (const auto& warning : summary->warnings) {
    warned = warned || warning.find("ClickUp group 'Nova'") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(TransformRunTest, CustomersAndDeals) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  ASSERT_TRUE(TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow()).ok());

  auto customers = builder.StageRows("stg_customer");
  ASSERT_EQ(customers.size(), 10u) << "8 companies and 2 merged ids";
  auto nordlicht = FindRow(customers, "customer_id", "31000000101");
  EXPECT_EQ(nordlicht["services"], nlohmann::json({"seo", "paid_media", "analytics"}));
  EXPECT_EQ(nordlicht["contracted_points"], 120.0);
  EXPECT_EQ(nordlicht["squad_id"], "squad_orion");
  EXPECT_EQ(nordlicht["owner_id"], "81000011");
  EXPECT_EQ(nordlicht["merged_into_id"], nullptr);
  EXPECT_EQ(nordlicht["is_archived"], false);
  EXPECT_EQ(nordlicht["source_updated_at"], "2026-11-28T16:40:02.517Z");
  auto fresh = FindRow(customers, "customer_id", "31000000108");
  EXPECT_EQ(fresh["domain"], nullptr);
  EXPECT_EQ(fresh["contracted_points"], nullptr);
  EXPECT_EQ(fresh["services"], nlohmann::json::array());
  EXPECT_EQ(fresh["squad_id"], nullptr);
  EXPECT_EQ(FindRow(customers, "customer_id", "31000000102")["contracted_points"], 80.5);
  EXPECT_EQ(FindRow(customers, "customer_id", "31000000190")["merged_into_id"], "31000000102");

  auto deals = builder.StageRows("stg_deal");
  ASSERT_EQ(deals.size(), 5u);
  auto retainer = FindRow(deals, "deal_id", "41000000501");
  EXPECT_EQ(retainer["amount"], 96000.0);
  EXPECT_EQ(retainer["is_closed_won"], true);
  EXPECT_EQ(retainer["close_at"], "2025-12-18T14:03:00.000Z");
  EXPECT_EQ(retainer["customer_id"], "31000000101");
  EXPECT_EQ(FindRow(deals, "deal_id", "41000000503")["amount"], nullptr);
  EXPECT_EQ(FindRow(deals, "deal_id", "41000000503")["customer_id"], "31000000102")
      << "a merged company id resolves to the surviving company";
  EXPECT_EQ(FindRow(deals, "deal_id", "41000000504")["customer_id"], "31000000105")
      << "the primary association wins over the first";
  EXPECT_EQ(FindRow(deals, "deal_id", "41000000504")["is_closed_won"], true);
  EXPECT_EQ(FindRow(deals, "deal_id", "41000000505")["is_closed_won"], false);
}

TEST(TransformRunTest, MalformedPageIsDataLossAndWritesNothing) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  builder.AddPage("clickup.tasks", "/v2/list/901800110041/task", R"({"tasks": [{"id": "x"},)",
                  {{"list_id", "901800110041"}}, 1);
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kDataLoss);
  const std::string& message = summary.status().message();
  EXPECT_NE(message.find("clickup /v2/list/901800110041/task page 1 (raw/clickup/"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("is not valid JSON"), std::string::npos) << message;
  for (const StageTable& table : StageTables()) {
    EXPECT_FALSE(builder.StageFileExists(table.name)) << table.name;
  }
}

TEST(TransformRunTest, WrongShapeIsDataLoss) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  builder.AddPage("hubspot.deals", "/crm/v3/objects/deals", R"({"items": []})", {}, 1);
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(summary.status().message().find("hubspot /crm/v3/objects/deals page 1 (raw/hubspot/"),
            std::string::npos)
      << summary.status().message();
  EXPECT_NE(summary.status().message().find("no \"results\" array"), std::string::npos);
}

TEST(TransformRunTest, FailedRerunKeepsEarlierStageFiles) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  ASSERT_TRUE(TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow()).ok());
  auto before = builder.StageRows("stg_task");

  builder.AddPage("hubspot.products", "/crm/v3/objects/products", "not json", {}, 1);
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(builder.StageRows("stg_task"), before);
}

TEST(TransformRunTest, UnknownTimeZoneRejected) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  config::Config config = testing::DemoConfig();
  config.timezone = "Nowhere/Special";
  auto summary = TransformRun(builder.run(), config, testing::FixtureNow());
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sprintetl::transform
