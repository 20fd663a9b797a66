#include "transform/line_item_rows.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"
#include "transform/transform_run.h"

namespace sprintetl::transform {
namespace {

using testing::FindRow;
using testing::LandingBuilder;

TEST(LineItemRowsTest, MonthlyRecurringRevenueRule) {
  // price × quantity is charged once per billing period; divide by its months.
  struct Case {
    std::optional<std::string> frequency;
    double price;
    double quantity;
    std::optional<double> expected;
  };
  const Case cases[] = {
      {"monthly", 8000, 12, 96000},          {"quarterly", 1000, 3, 1000},
      {"per_six_months", 600, 1, 100},       {"annually", 400000, 2.5, 400000 * 2.5 / 12},
      {"per_two_years", 2400, 1, 100},       {"per_three_years", 3600, 1, 100},
      {std::nullopt, 12500.5, 1, 0},         {"one_time", 500, 1, 0},
      {"fortnightly", 500, 1, std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MonthlyRecurringRevenue(c.price, c.quantity, c.frequency), c.expected)
        << c.frequency.value_or("(none)");
  }
}

TEST(LineItemRowsTest, FixtureLineItems) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto items = builder.StageRows("stg_line_item");
  ASSERT_EQ(items.size(), 5u);

  // 701: price 8000, quantity 12, monthly: 96000 per month by the rule.
  auto seo = FindRow(items, "line_item_id", "51000000701");
  EXPECT_EQ(seo["deal_id"], "41000000501");
  EXPECT_EQ(seo["service_id"], "seo");
  EXPECT_EQ(seo["billing_frequency"], "monthly");
  EXPECT_EQ(seo["recurring_revenue"], 96000.0);
  EXPECT_EQ(seo["contracted_points"], 120.0);

  auto setup = FindRow(items, "line_item_id", "51000000702");
  EXPECT_EQ(setup["amount"], 12500.5);
  EXPECT_EQ(setup["billing_frequency"], nullptr);
  EXPECT_EQ(setup["recurring_revenue"], 0.0) << "one-off items count 0";

  auto seats = FindRow(items, "line_item_id", "51000000703");
  EXPECT_DOUBLE_EQ(seats["recurring_revenue"].get<double>(), 400000 * 2.5 / 12);

  auto quarterly = FindRow(items, "line_item_id", "51000000705");
  EXPECT_EQ(quarterly["recurring_revenue"], 1000.0);
  EXPECT_EQ(quarterly["deal_id"], nullptr) << "no association was reported for 705";

  auto workshop = FindRow(items, "line_item_id", "51000000704");
  EXPECT_EQ(workshop["product_id"], nullptr);
  EXPECT_EQ(workshop["service_id"], nullptr);
  bool warned = false;
  for (const auto& warning : summary->warnings) {
    warned = warned || warning.find("51000000704") != std::string::npos;
  }
  EXPECT_TRUE(warned) << "a line item without a service is reported";

  auto products = builder.StageRows("stg_product");
  EXPECT_EQ(FindRow(products, "product_id", "61000000802")["service_id"], "paid_media");
}

TEST(LineItemRowsTest, DefaultServiceForItemsWithoutProduct) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  config::Config config = testing::DemoConfig();
  config.hubspot.default_service = "consulting";
  auto summary = TransformRun(builder.run(), config, testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto workshop = FindRow(builder.StageRows("stg_line_item"), "line_item_id", "51000000704");
  EXPECT_EQ(workshop["service_id"], "consulting");
}

}  // namespace
}  // namespace sprintetl::transform
