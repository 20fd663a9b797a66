#include "transform/customer_history.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"

namespace sprintetl::transform {
namespace {

using nlohmann::json;

json FixtureCompany() {
  return json::parse(testing::ReadTestData("hubspot/company_with_history.json"));
}

// The stg_customer row BuildCustomerRows makes for the fixture company.
json CurrentRow() {
  return {{"source_page", "hubspot.companies-0000.json.zst"},
          {"customer_id", "31000000101"},
          {"name", "Nordlicht Logistik GmbH"},
          {"domain", "nordlicht-logistik.example"},
          {"squad_id", "squad_orion"},
          {"lifecycle_stage", "customer"},
          {"owner_id", "81000011"},
          {"contracted_points", 120.0},
          {"services", {"seo", "paid_media", "analytics"}},
          {"merged_into_id", nullptr},
          {"is_archived", false},
          {"source_updated_at", "2026-11-28T16:40:02.517Z"}};
}

std::optional<UtcTime> CurrentAt() { return ParseUtc("2026-11-28T16:40:02.517Z"); }

config::HubSpot HistoryConfig() { return testing::DemoConfig().hubspot; }

std::vector<json> RowsOf(const json& company, WarningList& warnings,
                         std::optional<UtcTime> current_at = CurrentAt()) {
  return CustomerHistoryRows(company, CurrentRow(), current_at, HistoryConfig(),
                             "company 31000000101", warnings);
}

TEST(CustomerHistoryTest, OneRowPerChangeInstant) {
  WarningList warnings;
  std::vector<json> rows = RowsOf(FixtureCompany(), warnings);

  // Eight instants before the current row: the squad change at the current row's own time is
  // the current row itself.
  ASSERT_EQ(rows.size(), 8u);
  std::vector<std::string> times;
  for (const json& row : rows) times.push_back(row["source_updated_at"]);
  EXPECT_EQ(times, (std::vector<std::string>{
                       "2022-02-14T09:12:33.104Z", "2022-03-01T09:00:00.000Z",
                       "2022-05-02T15:00:00.000Z", "2023-01-01T00:00:00.000Z",
                       "2023-01-10T12:00:00.000Z", "2024-06-30T08:00:00.000Z",
                       "2025-01-01T00:00:00.000Z", "2026-03-01T10:00:00.000Z"}));
  EXPECT_TRUE(warnings.messages().empty());
}

TEST(CustomerHistoryTest, FirstVersionHasValuesAsCreated) {
  WarningList warnings;
  json first = RowsOf(FixtureCompany(), warnings).at(0);

  EXPECT_EQ(first["squad_id"], "squad_vega");
  EXPECT_EQ(first["lifecycle_stage"], "lead");
  EXPECT_EQ(first["services"], json({"seo", "paid_media"}));
  EXPECT_TRUE(first["contracted_points"].is_null()) << "contracted points were set in 2023";
  EXPECT_EQ(first["customer_id"], "31000000101");
  EXPECT_EQ(first["name"], "Nordlicht Logistik GmbH") << "no name history: current value";
  EXPECT_EQ(first["is_archived"], false);
}

TEST(CustomerHistoryTest, ClearedValueIsNull) {
  WarningList warnings;
  std::vector<json> rows = RowsOf(FixtureCompany(), warnings);

  // 2023-01-10: the squad was cleared ("") and the contract was already 100 points.
  EXPECT_TRUE(rows.at(4)["squad_id"].is_null());
  EXPECT_EQ(rows.at(4)["contracted_points"], 100.0);
  EXPECT_EQ(rows.at(5)["squad_id"], "squad_lyra");
  EXPECT_EQ(rows.at(6)["contracted_points"], 120.0);
  EXPECT_EQ(rows.at(7)["services"], json({"seo", "paid_media", "analytics"}));
}

TEST(CustomerHistoryTest, EntryOrderDoesNotMatter) {
  json company = FixtureCompany();
  json reversed = company;
  for (auto& [property, entries] : reversed["propertiesWithHistory"].items()) {
    std::reverse(entries.begin(), entries.end());
  }
  WarningList warnings;
  EXPECT_EQ(RowsOf(reversed, warnings), RowsOf(company, warnings));
}

TEST(CustomerHistoryTest, WithoutHistoryNoRows) {
  json company = FixtureCompany();
  company.erase("propertiesWithHistory");
  WarningList warnings;
  EXPECT_TRUE(RowsOf(company, warnings).empty());
}

TEST(CustomerHistoryTest, UnknownCurrentTimeKeepsAllInstants) {
  WarningList warnings;
  std::vector<json> rows = RowsOf(FixtureCompany(), warnings, std::nullopt);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows.back()["squad_id"], "squad_orion");
}

TEST(CustomerHistoryTest, BadTimestampIsSkippedWithWarning) {
  json company = FixtureCompany();
  company["propertiesWithHistory"]["squad"][1]["timestamp"] = "last summer";
  WarningList warnings;
  std::vector<json> rows = RowsOf(company, warnings);

  ASSERT_EQ(rows.size(), 7u) << "the 2024-06-30 squad change is gone";
  ASSERT_EQ(warnings.messages().size(), 1u);
  EXPECT_NE(warnings.messages()[0].find("company 31000000101"), std::string::npos);
  EXPECT_NE(warnings.messages()[0].find("'last summer'"), std::string::npos);
}

TEST(CustomerHistoryTest, BadNumberLeavesVersionEmpty) {
  json company = FixtureCompany();
  company["propertiesWithHistory"]["contracted_points"][1]["value"] = "a hundred";
  WarningList warnings;
  std::vector<json> rows = RowsOf(company, warnings);

  ASSERT_EQ(rows.size(), 8u);
  EXPECT_TRUE(rows.at(3)["contracted_points"].is_null());
  ASSERT_EQ(warnings.messages().size(), 1u);
  EXPECT_NE(warnings.messages()[0].find("'a hundred'"), std::string::npos);
}

TEST(CustomerHistoryTest, ThousandsSeparatorParses) {
  json company = FixtureCompany();
  company["propertiesWithHistory"]["contracted_points"][1]["value"] = "1,250.5";
  WarningList warnings;
  EXPECT_EQ(RowsOf(company, warnings).at(3)["contracted_points"], 1250.5);
}

}  // namespace
}  // namespace sprintetl::transform
