#include "warehouse/run_order.h"

#include <gtest/gtest.h>

#include "warehouse/star_harness.h"

namespace sprintetl::warehouse {
namespace {

using Json = nlohmann::json;
using testing::StageRows;
using testing::StarHarness;

StageRows Customers(const std::string& name) {
  return {{"stg_customer", {{{"customer_id", "C1"}, {"name", name}}}},
          {"stg_squad", {{{"squad_id", "SQA"}, {"name", name}}}}};
}

TEST(RunOrderTest, OlderRunAfterNewerIsRejected) {
  StarHarness harness;
  ASSERT_TRUE(harness.Apply("r-new", Customers("New"), "2024-01-30 08:00:00").ok());
  auto before = harness.Dump();

  auto late = harness.Apply("r-old", Customers("Old"), "2024-01-16 08:00:00");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  const std::string& message = late.status().message();
  EXPECT_NE(message.find("run r-old has snapshot 2024-01-16 08:00:00"), std::string::npos)
      << message;
  EXPECT_NE(message.find("older than run r-new (snapshot 2024-01-30 08:00:00)"),
            std::string::npos)
      << message;
  EXPECT_EQ(harness.Dump(), before);
}

TEST(RunOrderTest, RerunOfOlderRunIdIsRejected) {
  StarHarness harness;
  ASSERT_TRUE(harness.Apply("r1", Customers("A"), "2024-01-16 08:00:00").ok());
  ASSERT_TRUE(harness.Apply("r2", Customers("B"), "2024-01-30 08:00:00").ok());
  auto before = harness.Dump();

  auto replay = harness.Apply("r1", Customers("A"), "2024-01-16 08:00:00");
  ASSERT_FALSE(replay.ok());
  EXPECT_NE(replay.status().message().find("r2"), std::string::npos);
  EXPECT_EQ(harness.Dump(), before);
}

TEST(RunOrderTest, SameRunAndSameInstantPass) {
  StarHarness harness;
  ASSERT_TRUE(harness.Apply("r1", Customers("A"), "2024-01-16 08:00:00").ok());
  auto again = harness.Apply("r1", Customers("A"), "2024-01-16 08:00:00");
  EXPECT_TRUE(again.ok()) << again.status().ToString();
  auto twin = harness.Apply("r1b", Customers("A"), "2024-01-16 08:00:00");
  EXPECT_TRUE(twin.ok()) << twin.status().ToString();
  auto later = harness.Apply("r2", Customers("A"), "2024-01-17 08:00:00");
  EXPECT_TRUE(later.ok()) << later.status().ToString();

  EXPECT_EQ(harness.Lines("SELECT run_id || ' ' || snapshot_at FROM applied_run ORDER BY 1"),
            (std::vector<std::string>{"r1 2024-01-16 08:00:00", "r1b 2024-01-16 08:00:00",
                                      "r2 2024-01-17 08:00:00"}));
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM dim_customer"), "1");
}

TEST(RunOrderTest, LatestAppliedRunIsNewestSnapshot) {
  StarHarness harness;
  auto none = LatestAppliedRun(harness.warehouse());
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());

  ASSERT_TRUE(harness.Apply("r1", Customers("A"), "2024-01-16 08:00:00", "L1").ok());
  ASSERT_TRUE(harness.Apply("r2", Customers("A"), "2024-01-30 08:00:00", "L2").ok());
  auto latest = LatestAppliedRun(harness.warehouse());
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->run_id, "r2");
  EXPECT_EQ((*latest)->sprint_id, "L2");
  EXPECT_EQ((*latest)->snapshot_at, "2024-01-30 08:00:00");
  EXPECT_EQ((*latest)->timezone, "Europe/Paris");
}

}  // namespace
}  // namespace sprintetl::warehouse
