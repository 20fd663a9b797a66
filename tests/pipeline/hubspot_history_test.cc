#include <gtest/gtest.h>

#include "pipeline/pipeline.h"
#include "pipeline/pipeline_harness.h"

namespace sprintetl::testing {
namespace {

int HistoryRequests(const fakes::FakeHubSpot& fake) {
  int count = 0;
  for (const auto& request : fake.requests()) {
    count += request.query.find("propertiesWithHistory") != std::string::npos;
  }
  return count;
}

// The squad of the fixture company 31000000101 in the version valid at `at`.
std::string SquadAt(PipelineHarness& harness, const std::string& at) {
  return harness.Scalar(
      "SELECT coalesce(squad_id, '(none)') FROM dim_customer WHERE customer_id = '31000000101' "
      "AND valid_from <= TIMESTAMP '" + at + "' AND (valid_to IS NULL OR valid_to > TIMESTAMP '" +
      at + "')");
}

const char kVersionsSql[] =
    "SELECT count(*) FROM dim_customer WHERE customer_id = '31000000101'";

TEST(HubSpotHistoryTest, FirstRunSeedsPastVersions) {
  PipelineHarness harness;
  harness.config().hubspot.seed_history = true;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  EXPECT_EQ(HistoryRequests(harness.hubspot()), 1) << "one page of at most 50 companies";
  // Eight changes before the current state, plus the current state (squad_orion).
  EXPECT_EQ(harness.Scalar(kVersionsSql), "9");
  EXPECT_EQ(harness.Scalar("SELECT min(valid_from) FROM dim_customer "
                           "WHERE customer_id = '31000000101'"),
            "2022-02-14 09:12:33.104");
  EXPECT_EQ(SquadAt(harness, "2022-06-01 00:00:00"), "squad_vega");
  EXPECT_EQ(SquadAt(harness, "2023-06-01 00:00:00"), "(none)") << "cleared in January 2023";
  EXPECT_EQ(SquadAt(harness, "2025-06-01 00:00:00"), "squad_lyra");
  EXPECT_EQ(harness.Scalar("SELECT squad_id FROM dim_customer "
                           "WHERE customer_id = '31000000101' AND is_current"),
            "squad_orion");
  EXPECT_EQ(harness.Scalar("SELECT CAST(contracted_points AS INTEGER) FROM dim_customer "
                           "WHERE customer_id = '31000000101' "
                           "AND valid_from = TIMESTAMP '2023-01-01 00:00:00'"),
            "100");
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer WHERE customer_id = '31000000101' "
                           "AND name IS NULL"),
            "0")
      << "a property without changes keeps its value in every version";
}

TEST(HubSpotHistoryTest, CompaniesWithoutChangesGetOneVersion) {
  PipelineHarness plain;
  ASSERT_TRUE(plain.Run().ok());
  PipelineHarness seeded;
  seeded.config().hubspot.seed_history = true;
  ASSERT_TRUE(seeded.Run().ok());

  const std::string others_sql =
      "SELECT customer_id, count(*) FROM dim_customer WHERE customer_id <> '31000000101' "
      "GROUP BY customer_id ORDER BY customer_id";
  EXPECT_EQ(seeded.TableDump("(" + others_sql + ")"), plain.TableDump("(" + others_sql + ")"));
}

TEST(HubSpotHistoryTest, LaterRunsDoNotSeed) {
  PipelineHarness harness;
  harness.config().hubspot.seed_history = true;
  ASSERT_TRUE(harness.Run().ok());
  std::string versions = harness.Scalar(kVersionsSql);

  harness.hubspot().ClearRequests();
  ASSERT_TRUE(harness.Run("2026-11-17T13:00:00Z").ok()) << "incremental";
  EXPECT_EQ(HistoryRequests(harness.hubspot()), 0);

  pipeline::RunOptions full_refresh;
  full_refresh.full_refresh = true;
  auto third = harness.Run("2026-11-17T14:00:00Z", full_refresh);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(HistoryRequests(harness.hubspot()), 0)
      << "dim_customer has customers, so a full refresh does not seed either";
  EXPECT_EQ(harness.Scalar(kVersionsSql), versions);
}

}  // namespace
}  // namespace sprintetl::testing
