// Tests of the sprint detail views (sql/models/910_rpt_sprint_detail.sql) and
// their readers, on a DuckDB warehouse built by the real models.
#include <gtest/gtest.h>

#include "report/report_data.h"
#include "report/report_warehouse_harness.h"

namespace sprintetl::report {
namespace {

using testing::FillSyntheticSprint;
using testing::kSyntheticSprintId;
using testing::StarHarness;

TEST(SprintDetailViewsTest, StatusMixCountsEveryTaskOnce) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 12).ok());

  // 12 customers with two tasks each in sprint 42.
  EXPECT_EQ(star.Scalar("SELECT sum(tasks) FROM rpt_status_mix WHERE sprint_id = 'sp-42'"), "24.0");
  EXPECT_EQ(star.Scalar("SELECT sum(points) FROM rpt_status_mix WHERE sprint_id = 'sp-42'"),
            star.Scalar("SELECT CAST(sum(points) AS DOUBLE) FROM fat_task_sprint "
                        "WHERE sprint_id = 'sp-42'"));
  EXPECT_EQ(star.Scalar("SELECT count(*) FROM rpt_status_mix WHERE sprint_id = 'sp-42' "
                        "AND is_done AND status_label NOT IN ('Done', 'Closed')"),
            "0");
}

TEST(SprintDetailViewsTest, SprintTaskListsAssigneesByName) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 3).ok());

  EXPECT_EQ(star.Scalar("SELECT count(*) FROM rpt_sprint_task WHERE sprint_id = 'sp-42'"), "6");
  EXPECT_EQ(star.Scalar("SELECT count(*) FROM rpt_sprint_task WHERE assignees = ''"), "0");
  // Usernames, not member ids ("m1" to "m5").
  EXPECT_EQ(star.Scalar("SELECT count(*) FROM rpt_sprint_task "
                        "WHERE regexp_matches(assignees, 'm[0-9]')"),
            "0");
  EXPECT_EQ(star.Scalar("SELECT DISTINCT outcome FROM rpt_sprint_task WHERE sprint_id = 'sp-41'"),
            "done");
}

TEST(SprintDetailViewsTest, CustomerChangeShowsBeforeAndAfter) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 20).ok());

  // Customers 10 and 20 changed on 2026-11-10, inside sprint 42 only.
  EXPECT_EQ(star.Scalar("SELECT count(*) FROM rpt_customer_change WHERE sprint_id = 'sp-41'"), "0");
  EXPECT_EQ(star.Lines("SELECT customer_id, change_kind, squad_name_before, squad_name_after, "
                       "contracted_points_before, contracted_points_after, services_before, "
                       "services_after FROM rpt_customer_change WHERE sprint_id = 'sp-42' "
                       "ORDER BY customer_id"),
            (std::vector<std::string>{
                "c0010 | changed | Boreal | Cirrus | 25.0 | 30.0 | seo | ads, seo",
                "c0020 | changed | Cirrus | Atlas | 40.0 | 45.0 | seo | ads, seo"}));
}

TEST(SprintDetailViewsTest, CustomerChangeSkipsUnchangedContract) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 0).ok());
  // A renamed customer: a new version inside the sprint, same squad and contract.
  ASSERT_TRUE(star.warehouse()
                  .Execute("INSERT INTO dim_customer VALUES "
                           "(1, 'c1', 'Old name', NULL, 'squad_a', NULL, NULL, 10, ['seo'], NULL, "
                           " 'h1', TIMESTAMP '2026-01-01', TIMESTAMP '2026-11-05', false, false, "
                           " 'r', NULL), "
                           "(2, 'c1', 'New name', NULL, 'squad_a', NULL, NULL, 10, ['seo'], NULL, "
                           " 'h2', TIMESTAMP '2026-11-05', NULL, true, false, 'r', NULL), "
                           "(3, 'c2', 'Gone', NULL, 'squad_b', NULL, NULL, 5, NULL, NULL, "
                           " 'h3', TIMESTAMP '2026-01-01', TIMESTAMP '2026-11-06', false, false, "
                           " 'r', NULL), "
                           "(4, 'c2', 'Gone', NULL, 'squad_b', NULL, NULL, 5, NULL, NULL, "
                           " 'h3', TIMESTAMP '2026-11-06', NULL, true, true, 'r', 'archived')")
                  .ok());

  EXPECT_EQ(star.Lines("SELECT customer_id, change_kind, services_before, services_after "
                       "FROM rpt_customer_change ORDER BY customer_id"),
            (std::vector<std::string>{"c2 | archived |  | "}));
}

TEST(SprintDetailViewsTest, CustomerChangeTakesSprintStartInWorkspaceZone) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 0).ok());
  // Sprint 42 starts on 2026-11-03 at 00:00 in Europe/Paris, 2026-11-02 23:00 UTC, the
  // instant sprint 41 ends. A change 30 minutes later belongs to sprint 42.
  ASSERT_TRUE(star.warehouse()
                  .Execute("INSERT INTO dim_customer VALUES "
                           "(1, 'c1', 'Edge', NULL, 'squad_a', NULL, NULL, 10, ['seo'], NULL, "
                           " 'h1', TIMESTAMP '2026-01-01', TIMESTAMP '2026-11-02 23:30:00', "
                           " false, false, 'r', NULL), "
                           "(2, 'c1', 'Edge', NULL, 'squad_b', NULL, NULL, 10, ['seo'], NULL, "
                           " 'h2', TIMESTAMP '2026-11-02 23:30:00', NULL, true, false, 'r', NULL)")
                  .ok());

  EXPECT_EQ(star.Lines("SELECT sprint_id, customer_id FROM rpt_customer_change"),
            (std::vector<std::string>{"sp-42 | c1"}));
}

TEST(SprintDetailViewsTest, ReadReportDataReadsDetailViews) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 10).ok());

  auto data = ReadReportData(star.warehouse(), kSyntheticSprintId, 8);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->tasks.size(), 20u);
  ASSERT_EQ(data->customer_changes.size(), 1u);
  EXPECT_EQ(data->customer_changes[0].customer_id, "c0010");
  EXPECT_EQ(data->customer_changes[0].changed_at, "2026-11-10 09:30:00");
  ASSERT_TRUE(data->customer_changes[0].contracted_points_before.has_value());
  EXPECT_EQ(*data->customer_changes[0].contracted_points_before, 25.0);
  ASSERT_TRUE(data->customer_changes[0].contracted_points_after.has_value());
  EXPECT_EQ(*data->customer_changes[0].contracted_points_after, 30.0);
  double tasks = 0;
  for (const StatusMixRow& row : data->status_mix) tasks += row.tasks;
  EXPECT_EQ(tasks, 20.0);
}

TEST(SprintDetailViewsTest, EmptySprintTitledByName) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 0).ok());

  auto data = ReadReportData(star.warehouse(), "sp-42", 8);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_TRUE(data->tasks.empty());
  EXPECT_EQ(data->title, "Sprint report: Sprint 42 (11/3 - 11/16)");
}

TEST(SprintDetailViewsTest, ReportViewNamesAllExist) {
  StarHarness star;
  ASSERT_TRUE(FillSyntheticSprint(star, 1).ok());
  for (const std::string& view : ReportViewNames()) {
    EXPECT_EQ(star.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = '" +
                          view + "' AND table_type = 'VIEW'"),
              "1")
        << view;
  }
}

}  // namespace
}  // namespace sprintetl::report
