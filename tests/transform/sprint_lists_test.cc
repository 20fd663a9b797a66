#include "transform/sprint_lists.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"
#include "transform/transform_run.h"

namespace sprintetl::transform {
namespace {

using testing::FindRow;
using testing::LandingBuilder;

date::year_month_day Day(int y, unsigned m, unsigned d) {
  return date::year_month_day{date::year(y), date::month(m), date::day(d)};
}

TEST(SprintListsTest, NameMatchesDefaultPattern) {
  config::ClickUp clickup;
  auto days = MatchSprintName(clickup, "Sprint 41 (11/3 - 11/16)");
  ASSERT_TRUE(days.ok()) << days.status().ToString();
  ASSERT_TRUE(days->has_value());
  EXPECT_EQ((*days)->number, 41);
  EXPECT_EQ((*days)->start_month, 11u);
  EXPECT_EQ((*days)->start_day, 3u);
  EXPECT_EQ((*days)->end_month, 11u);
  EXPECT_EQ((*days)->end_day, 16u);

  auto other = MatchSprintName(clickup, "Backlog");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST(SprintListsTest, DayMonthOrder) {
  config::ClickUp clickup;
  clickup.sprint_date_order = config::DateOrder::kDayMonth;
  auto days = MatchSprintName(clickup, "Sprint 7 (3/11 - 16/11)");
  ASSERT_TRUE(days.ok());
  ASSERT_TRUE(days->has_value());
  EXPECT_EQ((*days)->start_month, 11u);
  EXPECT_EQ((*days)->start_day, 3u);
  EXPECT_EQ((*days)->end_day, 16u);
}

TEST(SprintListsTest, PatternWithTooFewGroupsRejected) {
  config::ClickUp clickup;
  clickup.sprint_name_pattern = R"(^Sprint (\d+)$)";
  auto days = MatchSprintName(clickup, "Sprint 4");
  ASSERT_FALSE(days.ok());
  EXPECT_EQ(days.status().code(), StatusCode::kInvalidArgument);
}

TEST(SprintListsTest, YearFromNameNearestToRun) {
  struct Case {
    SprintNameDays days;
    date::year_month_day today;
    date::year_month_day start;
    date::year_month_day end;
  };
  const Case cases[] = {
      {{41, 11, 3, 11, 16}, Day(2026, 12, 4), Day(2026, 11, 3), Day(2026, 11, 16)},
      // December to January: the end rolls into the next year.
      {{44, 12, 29, 1, 11}, Day(2027, 1, 20), Day(2026, 12, 29), Day(2027, 1, 11)},
      {{44, 12, 29, 1, 11}, Day(2026, 12, 30), Day(2026, 12, 29), Day(2027, 1, 11)},
      // A January sprint read in December belongs to the next year.
      {{45, 1, 12, 1, 25}, Day(2026, 12, 20), Day(2027, 1, 12), Day(2027, 1, 25)},
      {{10, 2, 29, 3, 13}, Day(2028, 3, 20), Day(2028, 2, 29), Day(2028, 3, 13)},
  };
  for (const Case& c : cases) {
    auto dates = SprintDatesFromName(c.days, c.today);
    ASSERT_TRUE(dates.has_value()) << c.days.number;
    EXPECT_EQ(FormatDate(dates->start), FormatDate(c.start)) << c.days.number;
    EXPECT_EQ(FormatDate(dates->end), FormatDate(c.end)) << c.days.number;
  }
  EXPECT_FALSE(SprintDatesFromName({1, 2, 30, 3, 5}, Day(2026, 3, 1)).has_value());
}

TEST(SprintListsTest, FixtureSprintDates) {
  LandingBuilder builder;
  builder.AddAllFixtures();
  auto summary = TransformRun(builder.run(), testing::DemoConfig(), testing::FixtureNow());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  auto lists = builder.StageRows("stg_list");
  // Sprint 40 has start_date/due_date on the list (04:00 local, EDT and EST).
  auto sprint40 = FindRow(lists, "list_id", "901800110040");
  EXPECT_EQ(sprint40["is_sprint"], true);
  EXPECT_EQ(sprint40["sprint_number"], 40);
  EXPECT_EQ(sprint40["start_date"], "2026-10-20");
  EXPECT_EQ(sprint40["end_date"], "2026-11-02");
  // Sprint 41 has null list dates: they come from its name.
  auto sprint41 = FindRow(lists, "list_id", "901800110041");
  EXPECT_EQ(sprint41["is_sprint"], true);
  EXPECT_EQ(sprint41["start_date"], "2026-11-03");
  EXPECT_EQ(sprint41["end_date"], "2026-11-16");
  EXPECT_EQ(sprint41["folder_name"], "Sprint Folder");

  auto backlog = FindRow(lists, "list_id", "901800120001");
  EXPECT_EQ(backlog["is_sprint"], false);
  EXPECT_EQ(backlog["start_date"], nullptr);
  EXPECT_EQ(backlog["folder_name"], "Client Projects");

  auto inbox = FindRow(lists, "list_id", "901800100001");
  EXPECT_EQ(inbox["folder_id"], nullptr) << "folderless lists have a hidden pseudo-folder";
  EXPECT_EQ(inbox["space_id"], "90160001");
  EXPECT_EQ(lists.size(), 6u);
}

}  // namespace
}  // namespace sprintetl::transform
