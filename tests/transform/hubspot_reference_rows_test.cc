#include "transform/hubspot_reference_rows.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"
#include "transform/transform_run.h"

namespace sprintetl::transform {
namespace {

using testing::FindRow;
using testing::LandingBuilder;

// The fixture run, which includes owners, deal pipelines, the custom squad
// object with its property definitions and its company associations.
void AddReferencePages(LandingBuilder& builder) { builder.AddAllFixtures(); }

TEST(HubSpotReferenceRowsTest, OwnersWithPrimaryTeam) {
  LandingBuilder builder;
  AddReferencePages(builder);
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  auto owners = builder.StageRows("stg_owner");
  ASSERT_FALSE(owners.empty());
  auto ada = FindRow(owners, "owner_id", "81000011");
  EXPECT_EQ(ada["first_name"], "Ada");
  EXPECT_EQ(ada["primary_team_name"], "Squad Orion");
  EXPECT_EQ(ada["user_id"], "90000021");
  EXPECT_EQ(ada["is_archived"], false);
  EXPECT_EQ(FindRow(owners, "owner_id", "81000012")["primary_team_id"], "7002");
}

TEST(HubSpotReferenceRowsTest, DealStagesWithLabels) {
  LandingBuilder builder;
  AddReferencePages(builder);
  ASSERT_TRUE(TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow()).ok());

  auto stages = builder.StageRows("stg_deal_stage");
  auto scheduled = FindRow(stages, "stage_id", "appointmentscheduled");
  EXPECT_EQ(scheduled["pipeline_id"], "default");
  EXPECT_EQ(scheduled["pipeline_label"], "Sales Pipeline");
  EXPECT_EQ(scheduled["stage_label"], "Appointment scheduled");
  EXPECT_EQ(scheduled["display_order"], 0);
  EXPECT_EQ(scheduled["is_closed"], false);
  EXPECT_EQ(scheduled["probability"], 0.2);
  EXPECT_EQ(FindRow(stages, "stage_id", "closedwon")["is_closed"], true);
}

TEST(HubSpotReferenceRowsTest, CustomObjectsTypedAndLinked) {
  LandingBuilder builder;
  AddReferencePages(builder);
  ASSERT_TRUE(TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow()).ok());

  auto objects = builder.StageRows("stg_custom_object");
  ASSERT_EQ(objects.size(), 3u);
  auto orion = FindRow(objects, "record_id", "99000000001");
  EXPECT_EQ(orion["object_type"], "2-9876543");
  auto properties = nlohmann::json::parse(orion["properties"].get<std::string>());
  EXPECT_EQ(properties["squad_name"], "Orion");
  EXPECT_TRUE(properties["capacity_points"].is_number()) << properties.dump();

  auto links = builder.StageRows("stg_customer_custom_object");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(FindRow(links, "record_id", "99000000001")["customer_id"], "31000000101");
  EXPECT_EQ(FindRow(links, "record_id", "99000000002")["customer_id"], "31000000102")
      << "a merged company's link counts for the surviving company";
}

}  // namespace
}  // namespace sprintetl::transform
