#include "transform/customer_service.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"
#include "transform/transform_run.h"

namespace sprintetl::transform {
namespace {

using testing::LandingBuilder;

date::year_month_day Day(int y, unsigned m, unsigned d) {
  return date::year_month_day{date::year(y), date::month(m), date::day(d)};
}

UtcTime At(const std::string& iso) { return ParseUtc(iso).value_or(UtcTime{}); }

nlohmann::json RowFor(const std::vector<nlohmann::json>& rows, const std::string& sprint,
                      const std::string& customer, const std::string& service) {
  for (const auto& row : rows) {
    if (row["sprint_id"] == sprint && row["customer_id"] == customer &&
        row["service_id"] == service) {
      return row;
    }
  }
  return nullptr;
}

TEST(CustomerServiceTest, FixtureContractValueOfNordlicht) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto rows = builder.StageRows("stg_customer_service");

  // Deals 501 and 502 are closed won: line items 701 (96000) and 702 (12500.5).
  double contract_value = 0;
  for (const auto& row : rows) {
    if (row["sprint_id"] == "901800110041" && row["customer_id"] == "31000000101") {
      contract_value += row["contract_value"].get<double>();
      EXPECT_EQ(row["source_page"], "derived");
    }
  }
  EXPECT_DOUBLE_EQ(contract_value, 108500.5);

  auto seo = RowFor(rows, "901800110041", "31000000101", "seo");
  ASSERT_FALSE(seo.is_null());
  EXPECT_EQ(seo["contract_value"], 96000.0);
  EXPECT_EQ(seo["recurring_revenue"], 96000.0);
  // 120 points a month prorated to the 14 days of 11/3 to 11/16.
  EXPECT_DOUBLE_EQ(seo["contracted_points"].get<double>(), 120.0 * 14 / 30.4375);
  EXPECT_EQ(seo["delivered_points"], 0.0);

  // 86c0a1b02 (Nordlicht, Content, 3 points) closed on 11/6.
  auto content = RowFor(rows, "901800110041", "31000000101", "content");
  ASSERT_FALSE(content.is_null());
  EXPECT_EQ(content["delivered_points"], 3.0);
  EXPECT_EQ(content["contract_value"], 0.0);

  // 86c0a1b06 (Café, no service, 2 points) closed 11/3 02:00 New York time,
  // without date_done: date_closed counts, in Sprint 41 and not Sprint 40.
  auto unassigned = RowFor(rows, "901800110041", "31000000102", "unassigned");
  ASSERT_FALSE(unassigned.is_null());
  EXPECT_EQ(unassigned["delivered_points"], 2.0);
  EXPECT_TRUE(RowFor(rows, "901800110040", "31000000102", "unassigned").is_null());

  // Deal 504's primary company is 31000000105, listed second in its associations.
  auto analytics = RowFor(rows, "901800110041", "31000000105", "analytics");
  ASSERT_FALSE(analytics.is_null());
  EXPECT_EQ(analytics["contract_value"], 1000000.0);
  EXPECT_TRUE(RowFor(rows, "901800110041", "31000000107", "analytics").is_null());

  // Companies with nothing contracted and nothing delivered have no rows.
  for (const auto& row : rows) EXPECT_NE(row["customer_id"], "31000000106");
}

TEST(CustomerServiceTest, OnlyEndedSprints) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  // 2026-11-20 12:00Z: Sprint 40 and 41 have ended, Sprint 42 (to 11/30) has not.
  auto now = date::sys_days(date::year(2026) / 11 / 20) + std::chrono::hours(12);
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), now);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto rows = builder.StageRows("stg_customer_service");
  bool has_40 = false;
  bool has_41 = false;
  for (const auto& row : rows) {
    EXPECT_NE(row["sprint_id"], "901800110042");
    has_40 = has_40 || row["sprint_id"] == "901800110040";
    has_41 = has_41 || row["sprint_id"] == "901800110041";
  }
  EXPECT_TRUE(has_40);
  EXPECT_TRUE(has_41);
}

TEST(CustomerServiceTest, DeliveredPointsWindowAndSplit) {
  auto zone = WorkspaceZone::Locate("America/New_York");
  ASSERT_TRUE(zone.ok());
  ListInfo sprint;
  sprint.list_id = "s1";
  sprint.is_sprint = true;
  sprint.dates = SprintDates{Day(2026, 11, 3), Day(2026, 11, 16)};
  std::vector<ListInfo> lists = {sprint};

  auto task = [](std::string id, std::string status_type, std::optional<UtcTime> done,
                 std::optional<UtcTime> closed, double points, std::vector<std::string> services) {
    TaskInfo info;
    info.task_id = std::move(id);
    info.customer_id = "c1";
    info.status_type = std::move(status_type);
    info.done_at = done;
    info.closed_at = closed;
    info.points = points;
    info.service_ids = std::move(services);
    return info;
  };
  std::vector<TaskInfo> tasks = {
      // Two services share 5 points equally.
      task("split", "done", At("2026-11-10T15:00:00Z"), std::nullopt, 5, {"seo", "content"}),
      // 23:59 local on the last day is inside; 00:00 the day after is not.
      task("late", "closed", At("2026-11-17T04:59:00Z"), std::nullopt, 1, {"seo"}),
      task("after", "done", At("2026-11-17T05:00:00Z"), std::nullopt, 100, {"seo"}),
      task("before", "done", At("2026-11-03T04:59:59Z"), std::nullopt, 100, {"seo"}),
      task("open", "custom", At("2026-11-10T15:00:00Z"), std::nullopt, 100, {"seo"}),
      // date_done wins over date_closed.
      task("done-first", "closed", At("2026-11-20T10:00:00Z"), At("2026-11-10T10:00:00Z"), 100,
           {"seo"}),
  };
  std::map<std::string, DealInfo> deals;
  std::vector<LineItemInfo> line_items;
  CustomerServiceInputs inputs{lists, tasks, deals, line_items};

  auto rows = BuildCustomerServiceRows(inputs, config::Config(), *zone, Day(2026, 12, 1));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(RowFor(rows, "s1", "c1", "content")["delivered_points"], 2.5);
  EXPECT_EQ(RowFor(rows, "s1", "c1", "seo")["delivered_points"], 3.5);
  EXPECT_EQ(RowFor(rows, "s1", "c1", "seo")["contracted_points"], 0.0);
}

}  // namespace
}  // namespace sprintetl::transform
