#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include "report/locale_format.h"

namespace sprintetl::report {
namespace {

GroupedBarChart VelocityChart(const std::vector<std::string>& groups) {
  GroupedBarChart chart;
  chart.test_id = "velocity-chart";
  chart.caption = "Points done per squad";
  chart.unit = {"point", "points"};
  chart.groups = groups;
  chart.series = {"Orion", "Lyra"};
  chart.values.assign(groups.size(), {3, 5});
  return chart;
}

TEST(SvgChartTest, LongSprintNameShowsNameBeforeDates) {
  std::string svg = RenderGroupedBarChart(
      VelocityChart({"Sprint 40 (10/20 - 11/2)", "Sprint 41 (11/3 - 11/16)"}),
      *FindLocaleFormat("en-US"));
  EXPECT_NE(svg.find(">Sprint 41<title>Sprint 41 (11/3 - 11/16)</title>"), std::string::npos)
      << svg;
}

TEST(SvgChartTest, ShortGroupNameKeptWhole) {
  std::string svg = RenderGroupedBarChart(VelocityChart({"S (1)"}), *FindLocaleFormat("en-US"));
  EXPECT_NE(svg.find(">S (1)<title>"), std::string::npos) << svg;
}

TEST(SvgChartTest, GroupedTooltipsPluraliseUnit) {
  GroupedBarChart chart = VelocityChart({"Sprint 1"});
  chart.values = {{1, 2}};
  std::string svg = RenderGroupedBarChart(chart, *FindLocaleFormat("en-US"));
  EXPECT_NE(svg.find("<title>Orion · Sprint 1: 1 point</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>Lyra · Sprint 1: 2 points</title>"), std::string::npos) << svg;
}

TEST(SvgChartTest, PairedTooltipsPluraliseUnit) {
  PairedBarChart chart{"pairs",      "Pairs",     {"point", "points"},
                       "Contracted", "Delivered", {{"Acme · SEO", 1, 0}}};
  std::string svg = RenderPairedBarChart(chart, *FindLocaleFormat("en-US"));
  EXPECT_NE(svg.find("<title>Acme · SEO · Contracted: 1 point</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>Acme · SEO · Delivered: 0 points</title>"), std::string::npos) << svg;
}

TEST(SvgChartTest, StackedTooltipsPluraliseUnit) {
  StackedBarChart chart{"mix",     "Tasks per status", {"task", "tasks"},
                        {"Atlas"}, {"Done", "To do"},  {{1, 3}}};
  std::string svg = RenderStackedBarChart(chart, *FindLocaleFormat("en-US"));
  EXPECT_NE(svg.find("<title>Atlas · Done: 1 task</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>Atlas · To do: 3 tasks</title>"), std::string::npos) << svg;
}

}  // namespace
}  // namespace sprintetl::report
