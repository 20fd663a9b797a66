#include "transform/time_zone.h"

#include <gtest/gtest.h>

#include "transform/task_rows.h"

namespace sprintetl::transform {
namespace {

UtcTime At(const std::string& iso) {
  auto parsed = ParseUtc(iso);
  EXPECT_TRUE(parsed.has_value()) << iso;
  return parsed.value_or(UtcTime{});
}

TEST(WorkspaceZoneTest, UnknownZoneIsInvalidArgument) {
  auto zone = WorkspaceZone::Locate("Mars/Olympus_Mons");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(zone.status().message().find("Mars/Olympus_Mons"), std::string::npos);
}

TEST(WorkspaceZoneTest, LocalDateInNewYork) {
  auto zone = WorkspaceZone::Locate("America/New_York");
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  struct Case {
    const char* instant;
    const char* local_date;
  };
  const Case cases[] = {
      {"2026-11-16T09:00:00Z", "2026-11-16"},  // date-only due date, 04:00 EST
      {"2026-10-20T08:00:00Z", "2026-10-20"},  // date-only in summer time, 04:00 EDT
      {"2026-11-17T03:30:00Z", "2026-11-16"},  // evening in New York, next day in UTC
      {"2026-11-17T05:00:00Z", "2026-11-17"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(zone->LocalDate(At(c.instant))), c.local_date) << c.instant;
  }
}

TEST(WorkspaceZoneTest, StartOfDayIsLocalMidnight) {
  auto zone = WorkspaceZone::Locate("America/New_York");
  ASSERT_TRUE(zone.ok());
  date::year_month_day winter{date::year(2026), date::month(11), date::day(3)};
  date::year_month_day summer{date::year(2026), date::month(10), date::day(20)};
  EXPECT_EQ(FormatUtcMillis(zone->StartOfDay(winter)), "2026-11-03T05:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(zone->StartOfDay(summer)), "2026-10-20T04:00:00.000Z");
}

TEST(WorkspaceZoneTest, DateOnlyDueDateHasNoTime) {
  auto zone = WorkspaceZone::Locate("America/New_York");
  ASSERT_TRUE(zone.ok());
  EXPECT_FALSE(DueHasTime(At("2026-11-16T09:00:00Z"), std::nullopt, *zone));
  EXPECT_TRUE(DueHasTime(At("2026-11-16T22:30:00Z"), std::nullopt, *zone));
  EXPECT_TRUE(DueHasTime(At("2026-11-16T09:00:00Z"), true, *zone)) << "the task's flag wins";
}

}  // namespace
}  // namespace sprintetl::transform
