#include <filesystem>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "fakes/fake_clickup.h"
#include "fakes/fake_hubspot.h"
#include "landing/run_folder.h"
#include "sources/landing_run_fixture.h"
#include "sources/clickup/clickup_extractor.h"
#include "sources/hubspot/hubspot_extractor.h"

namespace sprintetl::sources {
namespace {
namespace fs = std::filesystem;

class ExtractorTest : public testing::LandingRunFixture {
 protected:
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

TEST_F(ExtractorTest, HubSpotPagesByAfterCursor) {
  fakes::FakeHubSpot fake;
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config;
  config.base_url = fake.base_url();
  config.page_size = 3;
  config.company_properties = {"name", "squad"};
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records["companies"], 8);

  // The archived companies are read on another thread, so their page may land between these.
  auto pages = Pages("hubspot.companies");
  ASSERT_EQ(pages.size(), 4u) << "three pages of live companies and one of archived ones";
  std::vector<landing::PageRecord> live;
  for (const auto& page : pages) {
    if (page.context.count("archived") == 0) live.push_back(page);
  }
  ASSERT_EQ(live.size(), 3u);
  EXPECT_EQ(live[1].page, 1);
  EXPECT_NE(live[1].query.find("after="), std::string::npos);
  EXPECT_EQ(Pages("hubspot.associations").size(), 2u);
  for (const auto& page : pages) {
    auto body = run_->ReadPage(page);
    ASSERT_TRUE(body.ok()) << body.status().ToString();
    EXPECT_EQ(static_cast<long long>(body->size()), page.bytes);
    EXPECT_EQ(page.sha256.size(), 64u);
  }
}

TEST_F(ExtractorTest, ClickUpWalksEveryListAndPage) {
  fakes::FakeClickUpOptions options;
  options.page_size = 4;
  options.rate_limit = 1000;
  fakes::FakeClickUp fake(options);
  ASSERT_NE(fake.Start(), 0);
  config::ClickUp config;
  config.base_url = fake.base_url();
  config.team_id = "9015550001";
  http::HttpClient client(ClickUpClientOptions(config, "pk_test_clickup"));

  auto summary = ExtractClickUp(config, "Sprint History", client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  std::set<std::string> lists;
  int sprint41_pages = 0;
  for (const auto& page : Pages("clickup.tasks")) {
    lists.insert(page.context.at("list_id"));
    bool open_tasks = page.query.find("archived=false") != std::string::npos;
    if (page.context.at("list_id") == "901800110041" && open_tasks) ++sprint41_pages;
  }
  EXPECT_TRUE(lists.count("901800100001")) << "folderless list";
  EXPECT_TRUE(lists.count("901800110040"));
  EXPECT_EQ(sprint41_pages, 3) << "9 tasks at 4 per page";
  EXPECT_EQ(Pages("clickup.groups").size(), 1u);
  EXPECT_EQ(Pages("clickup.user").size(), 1u);
}

TEST_F(ExtractorTest, UnknownTeamIdListsVisibleOnes) {
  fakes::FakeClickUp fake;
  ASSERT_NE(fake.Start(), 0);
  config::ClickUp config;
  config.base_url = fake.base_url();
  config.team_id = "123";
  http::HttpClient client(ClickUpClientOptions(config, "pk_test_clickup"));

  auto summary = ExtractClickUp(config, "Sprint History", client, *run_);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kNotFound);
  EXPECT_NE(summary.status().message().find("9015550001"), std::string::npos);
}

TEST_F(ExtractorTest, RateLimitedRequestWaitsAndSucceeds) {
  fakes::FakeHubSpotOptions options;
  options.rate_limit = 4;
  options.rate_window = std::chrono::milliseconds(300);
  fakes::FakeHubSpot fake(options);
  ASSERT_NE(fake.Start(), 0);
  config::HubSpot config;
  config.base_url = fake.base_url();
  config.page_size = 2;
  http::HttpClient client(HubSpotClientOptions(config, "pat-test-hubspot"));

  auto summary = ExtractHubSpot(config, client, *run_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records["companies"], 8);
}

}  // namespace
}  // namespace sprintetl::sources
