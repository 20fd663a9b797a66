#include "sources/hubspot/property_type_changes.h"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "fakes/fake_hubspot.h"
#include "landing/run_folder.h"
#include "sources/hubspot/hubspot_extractor.h"
#include "transform/hubspot_property_types.h"
#include "transform/landing_pages.h"

namespace sprintetl::sources {
namespace {
namespace fs = std::filesystem;

TEST(FindTypeChangesTest, ReportsOnlyChangedConfiguredProperties) {
  DeclaredTypes previous = {{"deals", {{"amount", "number"}, {"dealname", "string"},
                                       {"hs_acv", "number"}}}};
  std::vector<PropertyInfo> current = {{"amount", "Amount", "string", "text"},
                                       {"dealname", "Deal name", "string", "text"},
                                       {"hs_acv", "ACV", "string", "text"}};
  auto changes = FindTypeChanges("deals", {"amount", "dealname"}, current, previous);
  ASSERT_EQ(changes.size(), 1u) << "hs_acv is not configured, dealname kept its type";
  EXPECT_EQ(changes[0].property, "amount");
  EXPECT_EQ(changes[0].old_type, "number");
  EXPECT_EQ(changes[0].new_type, "string");
}

TEST(FindTypeChangesTest, NewPropertyOrTypeIsNoChange) {
  DeclaredTypes previous = {{"deals", {{"amount", "number"}}}};
  std::vector<PropertyInfo> current = {{"amount", "Amount", "number", "number"},
                                       {"closedate", "Close date", "datetime", "date"}};
  EXPECT_TRUE(FindTypeChanges("deals", {"amount", "closedate"}, current, previous).empty());
  EXPECT_TRUE(FindTypeChanges("companies", {"name"}, current, previous).empty());
}

class PropertyTypeChangeRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("sprintetl-type-change-" + std::to_string(std::random_device{}()));
    fs::create_directories(root_ / "data");
  }
  void TearDown() override { fs::remove_all(root_); }

  config::HubSpot ConfigFor(const fakes::FakeHubSpot& fake) {
    config::HubSpot config;
    config.base_url = fake.base_url();
    config.company_properties = {"name"};
    config.deal_properties = {"dealname", "amount"};
    return config;
  }

  // Extracts `fake` into a new run folder `run_id`, comparing with `previous_path`.
  Result<HubSpotSummary> Extract(fakes::FakeHubSpot& fake, const std::string& run_id,
                                 const std::string& previous_path) {
    auto run = landing::RunFolder::Create((root_ / "landing").string(), run_id);
    if (!run.ok()) return run.status();
    config::HubSpot config = ConfigFor(fake);
    http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));
    return ExtractHubSpot(config, client, *run, {.previous_run_path = previous_path});
  }

  // Writes properties_deals.json with `property` declared as `type` into the override folder.
  void DeclareDealProperty(const std::string& property, const std::string& type) {
    std::ifstream in(fakes::TestDataDir() + "/hubspot/properties_deals.json");
    fakes::Json file = fakes::Json::parse(in);
    for (fakes::Json& entry : file["results"]) {
      if (entry["name"] == property) {
        entry["type"] = type;
        entry["fieldType"] = "text";
      }
    }
    std::ofstream(root_ / "data" / "properties_deals.json") << file.dump();
  }

  fs::path root_;
};

TEST_F(PropertyTypeChangeRunTest, NumberToStringIsWarned) {
  fakes::FakeHubSpot before;
  ASSERT_NE(before.Start(), 0);
  auto first = Extract(before, "r1", "");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->warnings.empty());

  DeclareDealProperty("amount", "string");
  fakes::FakeHubSpotOptions options;
  options.data_dirs = {fakes::TestDataDir() + "/hubspot", (root_ / "data").string()};
  fakes::FakeHubSpot after(options);
  ASSERT_NE(after.Start(), 0);
  auto second = Extract(after, "r2", (root_ / "landing" / "r1").string());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->warnings.size(), 1u);
  const std::string& warning = second->warnings[0];
  EXPECT_NE(warning.find("deals property amount"), std::string::npos) << warning;
  EXPECT_NE(warning.find("from number to string"), std::string::npos) << warning;

  // The transform types this run's values by the declaration landed with it: the new type.
  auto run = landing::RunFolder::Open((root_ / "landing").string(), "r2");
  ASSERT_TRUE(run.ok());
  auto pages = transform::LandingPages::Read(*run);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  auto types = transform::PropertyTypes::Read(*pages);
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  const transform::DeclaredType* amount = types->Find("deals", "amount");
  ASSERT_NE(amount, nullptr);
  EXPECT_EQ(amount->type, "string");
  EXPECT_EQ(transform::TypedPropertyValue(*amount, "1,200"), nlohmann::json("1,200"));
}

TEST_F(PropertyTypeChangeRunTest, UnchangedTypesGiveNoWarning) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  ASSERT_TRUE(Extract(fake, "r1", "").ok());
  auto second = Extract(fake, "r2", (root_ / "landing" / "r1").string());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->warnings.empty());
}

TEST_F(PropertyTypeChangeRunTest, MissingPreviousFolderIsOneWarning) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  auto summary = Extract(fake, "r1", (root_ / "landing" / "gone").string());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_EQ(summary->warnings.size(), 1u);
  EXPECT_NE(summary->warnings[0].find("not compared"), std::string::npos) << summary->warnings[0];
}

}  // namespace
}  // namespace sprintetl::sources
