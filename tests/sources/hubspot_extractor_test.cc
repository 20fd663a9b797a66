#include "sources/hubspot/hubspot_extractor.h"

#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "fakes/fake_hubspot.h"
#include "landing/run_folder.h"
#include "sources/landing_run_fixture.h"

namespace sprintetl::sources {
namespace {
namespace fs = std::filesystem;

class HubSpotExtractorTest : public testing::LandingRunFixture {
 protected:
  // A config pointed at `fake` with the demo's property lists and the squad object.
  config::HubSpot ConfigFor(const fakes::FakeHubSpot& fake) {
    config::HubSpot config;
    config.base_url = fake.base_url();
    config.page_size = 3;
    config.company_properties = {"name", "squad", "hs_merged_object_ids"};
    config.deal_properties = {"dealname", "amount", "dealstage"};
    config.custom_objects = {"2-9876543"};
    config.custom_object_properties = {"squad_name", "capacity_points"};
    return config;
  }

  std::vector<landing::PageRecord> Pages(const std::string& kind) {
    std::vector<landing::PageRecord> pages;
    auto manifest = run_->ReadManifest();
    EXPECT_TRUE(manifest.ok()) << manifest.status().ToString();
    for (const auto& record : *manifest) {
      if (record.kind == kind) pages.push_back(record);
    }
    return pages;
  }
};

TEST_F(HubSpotExtractorTest, LandsReferenceDataAndCustomObjects) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records["2-9876543"], 3);
  EXPECT_GT(summary->records["owners"], 0);
  EXPECT_EQ(summary->records["pipelines"], 2);
  EXPECT_EQ(Pages("hubspot.properties").size(), 5u) << "one per object type";
  EXPECT_EQ(Pages("hubspot.pipelines").size(), 1u);
  EXPECT_FALSE(Pages("hubspot.owners").empty());
  auto custom = Pages("hubspot.custom_objects");
  ASSERT_EQ(custom.size(), 1u);
  EXPECT_EQ(custom[0].context["object_type"], "2-9876543");
}

TEST_F(HubSpotExtractorTest, ListsArchivedCompaniesSeparately) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records["companies"], 8);
  EXPECT_EQ(summary->records["archived_companies"], 1);
  int archived_pages = 0;
  for (const auto& page : Pages("hubspot.companies")) {
    if (page.context.count("archived") == 0) continue;
    ++archived_pages;
    EXPECT_NE(page.query.find("archived=true"), std::string::npos);
    auto body = run_->ReadPage(page);
    ASSERT_TRUE(body.ok());
    EXPECT_NE(body->find("31000000109"), std::string::npos);
  }
  EXPECT_EQ(archived_pages, 1);
}

TEST_F(HubSpotExtractorTest, PagesAssociationsOfOneRecord) {
  fakes::FakeHubSpotOptions options;
  options.association_page_size = 1;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  int custom_requests = 0;
  bool continued = false;
  for (const auto& request : fake.requests()) {
    if (request.path.find("/companies/2-9876543/batch/read") == std::string::npos) continue;
    ++custom_requests;
    continued = continued || request.body.find("\"after\":\"1\"") != std::string::npos;
  }
  EXPECT_EQ(custom_requests, 2) << "company 31000000101 has two squads, one per response";
  EXPECT_TRUE(continued) << "the second request resends the record with its cursor";
}

TEST_F(HubSpotExtractorTest, UnknownPropertyFailsBeforeListing) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  config.deal_properties = {"dealname", "ammount"};
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(summary.status().message().find("hubspot.deal_properties"), std::string::npos);
  EXPECT_NE(summary.status().message().find("'ammount' (did you mean 'amount'"),
            std::string::npos)
      << summary.status().message();
  for (const auto& request : fake.requests()) {
    EXPECT_EQ(request.path.find("/crm/v3/objects/"), std::string::npos) << request.path;
  }
}

TEST_F(HubSpotExtractorTest, WrongTokenIsUnauthenticated) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-expired"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(summary.status().message().find("HUBSPOT_ACCESS_TOKEN"), std::string::npos);
}

TEST_F(HubSpotExtractorTest, NonJsonPageIsRequestedAgain) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  fake.InjectFault("/crm/v3/objects/deals", {fakes::FaultKind::kMalformedBody, 1, 0});
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records["deals"], 5);
}

TEST_F(HubSpotExtractorTest, NonJsonPageEveryTimeIsDataLoss) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  fake.InjectFault("/crm/v3/owners", {fakes::FaultKind::kMalformedBody, 10, 0});
  config::HubSpot config = ConfigFor(fake);
  config.max_attempts = 2;
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(summary.status().message().find("/crm/v3/owners"), std::string::npos);
}

TEST_F(HubSpotExtractorTest, RepeatingCursorStops) {
  fakes::FakeHubSpotOptions options;
  options.ignore_after_for = "deals";
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(summary.status().message().find("hubspot deals"), std::string::npos)
      << summary.status().message();
  EXPECT_NE(summary.status().message().find("cursor '41000000504'"), std::string::npos)
      << "page size 3: the second page starts at the fourth deal";
}

TEST_F(HubSpotExtractorTest, SeedHistoryListsCompaniesWithHistory) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  config.page_size = 100;
  config.company_properties = {"name", "squad", "contracted_points", "hs_merged_object_ids"};
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_, {.seed_history = true});
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->seeded_history);
  EXPECT_EQ(summary->records["companies"], 8);

  int history_pages = 0;
  for (const auto& page : Pages("hubspot.companies")) {
    if (page.context.count("archived") > 0) {
      EXPECT_EQ(page.context.count("history"), 0u) << "archived companies come without history";
      continue;
    }
    ++history_pages;
    EXPECT_EQ(page.context.at("history"), "true");
    EXPECT_NE(page.query.find("limit=50"), std::string::npos) << page.query;
    EXPECT_NE(page.query.find("propertiesWithHistory=name%2Csquad%2Ccontracted_points"),
              std::string::npos)
        << page.query;

    auto body = run_->ReadPage(page);
    ASSERT_TRUE(body.ok()) << body.status().ToString();
    for (const auto& company : nlohmann::json::parse(*body)["results"]) {
      if (company["id"] != "31000000101") continue;
      EXPECT_EQ(company["propertiesWithHistory"]["squad"].size(), 4u);
      EXPECT_EQ(company["propertiesWithHistory"]["name"].size(), 1u) << "current value only";
    }
  }
  EXPECT_EQ(history_pages, 1);
}

TEST_F(HubSpotExtractorTest, NoHistoryUnlessSeeding) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_FALSE(summary->seeded_history);
  for (const auto& page : Pages("hubspot.companies")) {
    EXPECT_EQ(page.context.count("history"), 0u);
    EXPECT_EQ(page.query.find("propertiesWithHistory"), std::string::npos) << page.query;
  }
}

}  // namespace
}  // namespace sprintetl::sources
