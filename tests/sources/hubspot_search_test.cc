#include "sources/hubspot/hubspot_search.h"

#include <filesystem>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "fakes/fake_hubspot.h"
#include "landing/run_folder.h"
#include "sources/landing_run_fixture.h"
#include "sources/hubspot/hubspot_extractor.h"

namespace sprintetl::sources {
namespace {
namespace fs = std::filesystem;

// 2027-01-01T00:00:00Z, after every fixture record's modification date.
constexpr long long kAfterFixturesMs = 1798761600000;

class HubSpotSearchTest : public testing::LandingRunFixture {
 protected:
  // Adds `count` deals modified at kAfterFixturesMs plus `step_ms` times their index.
  static void AddDeals(fakes::FakeHubSpot& fake, int count, long long step_ms) {
    for (int i = 0; i < count; ++i) {
      long long ms = kAfterFixturesMs + step_ms * i;
      std::time_t seconds = static_cast<std::time_t>(ms / 1000);
      char text[40];
      std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", std::gmtime(&seconds));
      std::string iso = std::string(text) + "." + std::to_string(1000 + ms % 1000).substr(1) + "Z";
      std::string id = std::to_string(42000000000 + i);
      fake.PutRecord("deals", {{"id", id},
                               {"properties", {{"dealname", "Deal " + id},
                                               {"hs_object_id", id},
                                               {"hs_lastmodifieddate", iso}}},
                               {"archived", false}});
    }
  }

  config::HubSpot ConfigFor(const fakes::FakeHubSpot& fake) {
    config::HubSpot config;
    config.base_url = fake.base_url();
    config.search_page_size = 4;
    config.search_result_cap = 10;
    config.search_requests_per_second = 1000;
    return config;
  }

  // Searches the fake's deals modified since `since_ms` and returns their ids.
  std::vector<std::string> SearchDeals(const fakes::FakeHubSpot& fake,
                                       const config::HubSpot& config, long long since_ms) {
    http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));
    PageFetcher pages("hubspot", "HUBSPOT_ACCESS_TOKEN", client, *run_);
    auto fetcher = ResumingFetcher::Create(pages, *run_);
    EXPECT_TRUE(fetcher.ok()) << fetcher.status().ToString();
    if (!fetcher.ok()) return {};
    SearchPacer pacer(config.search_requests_per_second);
    std::vector<std::string> ids;
    Status status = SearchModifiedSince(config, *fetcher, pacer,
                                        {"deals", "hubspot.deals", {"dealname"}, since_ms}, ids);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return ids;
  }

  // Number of search requests the fake received.
  static int SearchRequests(const fakes::FakeHubSpot& fake) {
    int count = 0;
    for (const auto& request : fake.requests()) count += request.path.ends_with("/search");
    return count;
  }
};

TEST_F(HubSpotSearchTest, FindsEveryRecordPastTheCap) {
  fakes::FakeHubSpotOptions options;
  options.search_result_cap = 10;
  options.search_rate_limit = 1000;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  AddDeals(fake, 25, 1000);

  std::vector<std::string> ids = SearchDeals(fake, ConfigFor(fake), kAfterFixturesMs);
  EXPECT_EQ(ids.size(), 25u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 25u) << "each id once";
  EXPECT_EQ(SearchRequests(fake), 7)
      << "three capped queries of two pages, each restarting at the last time seen, then one";
}

TEST_F(HubSpotSearchTest, OneSharedTimeIsWalkedById) {
  fakes::FakeHubSpotOptions options;
  options.search_result_cap = 10;
  options.search_rate_limit = 1000;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  AddDeals(fake, 23, 0);

  std::vector<std::string> ids = SearchDeals(fake, ConfigFor(fake), kAfterFixturesMs);
  EXPECT_EQ(ids.size(), 23u) << "more records share one time than one query returns";
}

TEST_F(HubSpotSearchTest, OnlyRecordsModifiedSince) {
  fakes::FakeHubSpotOptions options;
  options.search_rate_limit = 1000;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  AddDeals(fake, 6, 60000);

  std::vector<std::string> ids = SearchDeals(fake, ConfigFor(fake), kAfterFixturesMs + 3 * 60000);
  EXPECT_EQ(ids, (std::vector<std::string>{"42000000003", "42000000004", "42000000005"}));
}

TEST_F(HubSpotSearchTest, PacerKeepsUnderSearchLimit) {
  fakes::FakeHubSpotOptions options;
  options.search_rate_limit = 3;
  options.search_rate_window = std::chrono::milliseconds(200);
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  AddDeals(fake, 12, 1000);
  config::HubSpot config = ConfigFor(fake);
  config.search_result_cap = 10000;
  config.search_page_size = 2;
  config.search_requests_per_second = 10;

  std::vector<std::string> ids = SearchDeals(fake, config, kAfterFixturesMs);
  EXPECT_EQ(ids.size(), 12u);
  EXPECT_EQ(fake.search_rejected(), 0) << "10 per second stays under 3 per 200 ms";
}

TEST_F(HubSpotSearchTest, FakeRejectsPagesPastTheCap) {
  fakes::FakeHubSpotOptions options;
  options.search_result_cap = 10;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  http::Request request;
  request.method = "POST";
  request.path = "/crm/v3/objects/deals/search";
  request.body = R"({"limit": 5, "after": "10"})";
  auto response = client.Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 400);
  request.body = R"({"limit": 5, "after": "5"})";
  response = client.Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
}

}  // namespace
}  // namespace sprintetl::sources
