#include <gtest/gtest.h>

#include "pipeline/pipeline_harness.h"

namespace sprintetl::testing {
namespace {

// In the merged_company scenario the closed-won deal 41000000502 names the
// absorbed company 31000000190 as primary and its survivor 31000000102 as a
// second association, as HubSpot can show a deal right after a merge.
TEST(HubSpotMergeTest, MergedCompanyRevenueCountsOnce) {
  PipelineHarness plain;
  ASSERT_TRUE(plain.Run().ok());
  const std::string total_sql =
      "SELECT round(sum(contract_value), 2) FROM fat_customer_service";
  std::string plain_total = plain.Scalar(total_sql);

  PipelineHarness merged;
  merged.UseHubSpotScenario("merged_company");
  auto outcome = merged.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  EXPECT_EQ(merged.Scalar(total_sql), plain_total) << "revenue is neither lost nor doubled";
  EXPECT_EQ(merged.Scalar("SELECT customer_id FROM stg_deal WHERE deal_id = '41000000502'"),
            "31000000102");
  EXPECT_EQ(merged.Scalar("SELECT count(*) FROM fat_customer_service "
                          "WHERE customer_id = '31000000190'"),
            "0");
  const std::string survivor_sql =
      "SELECT coalesce(round(sum(contract_value), 2), 0) FROM fat_customer_service "
      "WHERE customer_id = '31000000102'";
  EXPECT_EQ(plain.Scalar(survivor_sql), "0.00") << "without the merge the survivor has no revenue";
  EXPECT_NE(merged.Scalar(survivor_sql), "0.00") << "the deal's revenue follows the merge";
}

TEST(HubSpotMergeTest, ArchivedCompanyIsClosed) {
  PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer "
                           "WHERE customer_id = '31000000109' AND is_current AND NOT is_deleted"),
            "0");
  EXPECT_EQ(harness.Scalar("SELECT deleted_reason FROM dim_customer "
                           "WHERE customer_id = '31000000109' AND is_current"),
            "archived");
}

}  // namespace
}  // namespace sprintetl::testing
