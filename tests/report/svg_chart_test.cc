#include "report/svg_chart.h"

#include <gtest/gtest.h>

#include "report/locale_format.h"

namespace sprintetl::report {
namespace {

GroupedBarChart VelocityChart(const std::vector<std::string>& groups) {
  GroupedBarChart chart;
  chart.test_id = "velocity-chart";
  chart.caption = "Points done per squad";
  chart.unit = "points";
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

}  // namespace
}  // namespace sprintetl::report
