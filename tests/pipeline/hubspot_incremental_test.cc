#include <gtest/gtest.h>

#include "core/time_format.h"
#include "pipeline/pipeline.h"
#include "pipeline/pipeline_harness.h"

namespace sprintetl::testing {
namespace {

int SearchRequests(const fakes::FakeHubSpot& fake) {
  int count = 0;
  for (const auto& request : fake.requests()) count += request.path.ends_with("/search");
  return count;
}

// Changes the amount of the fixture deal 41000000502 in the fake.
void ChangeDealAmount(fakes::FakeHubSpot& fake, const std::string& amount) {
  for (fakes::Json deal : fake.Records("deals")) {
    if (deal["id"] != "41000000502") continue;
    deal["properties"]["amount"] = amount;
    deal["properties"]["hs_lastmodifieddate"] = "2026-12-01T10:00:00.000Z";
    fake.PutRecord("deals", deal);
  }
}

TEST(HubSpotIncrementalTest, SecondRunSearchesAndMerges) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  EXPECT_EQ(SearchRequests(harness.hubspot()), 0) << "the first run lists everything";

  ChangeDealAmount(harness.hubspot(), "20,000.00");
  harness.hubspot().ClearRequests();
  auto second = harness.Run("2026-11-17T13:00:00Z");
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  EXPECT_EQ(SearchRequests(harness.hubspot()), 4) << "companies, deals, line items, products";
  const std::string run = "'" + second->run_id + "'";
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM stg_deal WHERE run_id = " + run), "5")
      << "each deal once, from the base run's pages or the search";
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM stg_customer WHERE run_id = " + run +
                           " AND merged_into_id IS NULL"),
            "9")
      << "8 live and 1 archived company";
  EXPECT_EQ(harness.Scalar("SELECT amount FROM stg_deal WHERE run_id = " + run +
                           " AND deal_id = '41000000502'"),
            "20000.0");
}

TEST(HubSpotIncrementalTest, FullRefreshListsEverything) {
  PipelineHarness harness;
  ASSERT_TRUE(harness.Run().ok());
  harness.hubspot().ClearRequests();

  pipeline::RunOptions options;
  options.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      *ParseUtc("2026-11-17T13:00:00Z"));
  options.full_refresh = true;
  auto refreshed = pipeline::RunSprintEnd(harness.config(), options);
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
  EXPECT_EQ(SearchRequests(harness.hubspot()), 0);
}

}  // namespace
}  // namespace sprintetl::testing
