// The HubSpot client's rate limits on the fake HubSpot: the per-second and daily headers, and
// 429 replies by policy.
#include <atomic>
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

class HubSpotRateLimitTest : public testing::LandingRunFixture {
 protected:
  config::HubSpot ConfigFor(const fakes::FakeHubSpot& fake) {
    config::HubSpot config;
    config.base_url = fake.base_url();
    config.page_size = 3;
    config.company_properties = {"name", "squad"};
    config.deal_properties = {"dealname", "amount"};
    config.max_attempts = 3;
    return config;
  }

  // Counts the fake's 429 replies.
  void CountRateLimited(fakes::FakeHubSpot& fake) {
    fake.SetRequestListener([this](const fakes::RecordedRequest&, int status) {
      if (status == 429) ++rate_limited_;
    });
  }

  std::atomic<int> rate_limited_{0};
};

TEST_F(HubSpotRateLimitTest, SecondlyLimitPacesRequests) {
  fakes::FakeHubSpotOptions options;
  options.secondly_limit = 4;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  CountRateLimited(fake);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_GT(fake.request_count(), 8u) << "more requests than two seconds allow";
  EXPECT_EQ(rate_limited_.load(), 0) << "the per-second window was overrun";
}

TEST_F(HubSpotRateLimitTest, DailyRemainingZeroStopsBeforeSending) {
  fakes::FakeHubSpotOptions options;
  options.daily_limit = 4;
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  CountRateLimited(fake);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(summary.status().message().find("daily request limit"), std::string::npos)
      << summary.status().message();
  EXPECT_EQ(fake.request_count(), 4u);
  EXPECT_EQ(rate_limited_.load(), 0);
}

TEST_F(HubSpotRateLimitTest, DailyPolicy429StopsWithoutRetry) {
  fakes::FakeHubSpotOptions options;
  options.daily_limit = 4;
  options.daily_headers = false;  // as for OAuth apps, so only the 429 shows the limit
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  CountRateLimited(fake);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto started = std::chrono::steady_clock::now();
  auto summary = ExtractHubSpot(config, client, *run_);
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(summary.status().message().find("policy DAILY"), std::string::npos)
      << summary.status().message();
  EXPECT_GE(rate_limited_.load(), 1);
  std::set<std::string> sent;
  for (const auto& request : fake.requests()) {
    EXPECT_TRUE(sent.insert(request.path + "?" + request.query + " " + request.body).second)
        << "sent twice: " << request.path << "?" << request.query;
  }
  EXPECT_LT(elapsed, std::chrono::seconds(5)) << "no wait for a window before stopping";
}

TEST_F(HubSpotRateLimitTest, TenSecondly429IsRetried) {
  fakes::FakeHubSpotOptions options;
  options.rate_window = std::chrono::milliseconds(300);  // the wait after the 429
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  CountRateLimited(fake);
  fake.InjectFault("/crm/v3/objects/deals", fakes::Fault{fakes::FaultKind::kRateLimited, 1});
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(rate_limited_.load(), 1);
  EXPECT_EQ(summary->records["deals"], static_cast<long long>(fake.Records("deals").size()));
}

TEST_F(HubSpotRateLimitTest, BurstLimitAllowsNoRejection) {
  fakes::FakeHubSpotOptions options;
  options.rate_limit = 5;
  options.rate_window = std::chrono::milliseconds(400);
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  CountRateLimited(fake);
  config::HubSpot config = ConfigFor(fake);
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_GT(fake.request_count(), 10u) << "the reads span several windows";
  EXPECT_EQ(rate_limited_.load(), 0) << "concurrent reads overran the 10-second window";
}

TEST_F(HubSpotRateLimitTest, GeneratedPortalBatchesAssociations) {
  fakes::FakeHubSpotOptions options;
  options.generated = {250, 2100, 0};
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config = ConfigFor(fake);
  config.page_size = 100;
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records["companies"], 250);
  EXPECT_EQ(summary->records["deals"], 2100);
  int deal_batches = 0;
  size_t associated_deals = 0;
  for (const auto& request : fake.requests()) {
    if (request.path.find("/deals/companies/batch/read") == std::string::npos) continue;
    ++deal_batches;
    for (size_t at = request.body.find("\"id\""); at != std::string::npos;
         at = request.body.find("\"id\"", at + 1)) {
      ++associated_deals;
    }
  }
  EXPECT_EQ(deal_batches, 3) << "2,100 deals in batches of at most 1,000";
  EXPECT_EQ(associated_deals, 2100u);
}

}  // namespace
}  // namespace sprintetl::sources
