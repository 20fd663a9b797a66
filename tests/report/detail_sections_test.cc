#include "report/detail_sections.h"

#include <gtest/gtest.h>

#include <string>

namespace sprintetl::report {
namespace {

LocaleFormat Locale(const std::string& tag) { return *FindLocaleFormat(tag); }

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

StatusMixRow Mix(const std::string& squad_id, const std::string& squad_name,
                 const std::string& status, bool is_done, double tasks) {
  return {"s2", squad_id, squad_name, status, "bug", is_done, tasks, tasks * 2};
}

SprintTaskRow Task(const std::string& squad_id, const std::string& squad_name,
                   const std::string& task_id, const std::string& outcome, double points) {
  return {"s2",        squad_id,  squad_name, task_id,      "Task <" + task_id + ">",
          "In review", "feature", points,     "Ana, Bruno", outcome};
}

TEST(StatusMixSectionTest, StacksStatusesPerSquad) {
  ReportData data;
  data.status_mix = {Mix("q1", "Atlas", "Done", true, 3), Mix("q1", "Atlas", "To do", false, 2),
                     Mix("(none)", "(no squad)", "To do", false, 1),
                     Mix("q2", "Boreal", "In review", false, 4)};
  std::string html = RenderStatusMixSection(data, Locale("en-US"));

  EXPECT_NE(html.find("data-testid=\"status-mix-chart\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"category-mix-chart\""), std::string::npos);
  // Status chart: 4 segments; category chart: one "bug" segment per squad.
  EXPECT_EQ(Count(html, "<rect class=\"segment\""), 7u);
  EXPECT_LT(html.find(">Atlas<"), html.find(">Boreal<"));
  EXPECT_LT(html.find(">Boreal<"), html.find(">(no squad)<")) << "no squad goes last";
  EXPECT_LT(html.find("</span>To do</li>"), html.find("</span>Done</li>"))
      << "done statuses go last in the legend";
}

TEST(StatusMixSectionTest, TooltipSaysOneTask) {
  ReportData data;
  data.status_mix = {Mix("q1", "Atlas", "Done", true, 1), Mix("q1", "Atlas", "To do", false, 2)};
  std::string html = RenderStatusMixSection(data, Locale("en-US"));
  EXPECT_NE(html.find("<title>Atlas · Done: 1 task</title>"), std::string::npos) << html;
  EXPECT_NE(html.find("<title>Atlas · To do: 2 tasks</title>"), std::string::npos) << html;
  EXPECT_EQ(html.find("1 tasks"), std::string::npos) << html;
}

TEST(StatusMixSectionTest, EmptyShowsNote) {
  std::string html = RenderStatusMixSection(ReportData{}, Locale("en-US"));
  EXPECT_NE(html.find("data-testid=\"status-mix-empty\""), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
}

TEST(CustomerChangeSectionTest, ShowsBeforeAndAfter) {
  ReportData data;
  CustomerChangeRow row;
  row.sprint_id = "s2";
  row.customer_id = "c1";
  row.customer_name = "Café <Ümlaut>";
  row.changed_at = "2026-11-10 09:30:00";
  row.change_kind = "changed";
  row.squad_name_before = "Atlas";
  row.squad_name_after = "Boreal";
  row.contracted_points_after = 1234.5;
  row.services_before = "seo";
  row.services_after = "seo";
  data.customer_changes = {row};
  std::string html = RenderCustomerChangeSection(data, Locale("de-DE"));

  EXPECT_NE(html.find("data-testid=\"customer-change-table\""), std::string::npos);
  EXPECT_NE(html.find("Café &lt;Ümlaut&gt;"), std::string::npos);
  EXPECT_NE(html.find("<del>Atlas</del> → <ins>Boreal</ins>"), std::string::npos);
  EXPECT_NE(html.find("<del>–</del> → <ins>1.234,5</ins>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>seo</td>"), std::string::npos) << "unchanged shows once";
  EXPECT_NE(html.find("<td>10.11.2026 09:30</td>"), std::string::npos) << html;
}

TEST(CustomerChangeSectionTest, MarksArchivedCustomer) {
  ReportData data;
  CustomerChangeRow row;
  row.customer_name = "Gone Ltd";
  row.change_kind = "archived";
  data.customer_changes = {row};
  std::string html = RenderCustomerChangeSection(data, Locale("en-US"));
  EXPECT_NE(html.find("Gone Ltd <span class=\"sub\">(archived)</span>"), std::string::npos);
}

TEST(CustomerChangeSectionTest, EmptyShowsNote) {
  std::string html = RenderCustomerChangeSection(ReportData{}, Locale("en-US"));
  EXPECT_NE(html.find("data-testid=\"customer-change-empty\""), std::string::npos);
}

TEST(SprintTaskSectionTest, OneTablePerSquad) {
  ReportData data;
  data.tasks = {Task("q2", "Boreal", "t3", "done", 5), Task("q1", "Atlas", "t1", "carried over", 2),
                Task("q1", "Atlas", "t2", "done", 1.5),
                Task("(none)", "(no squad)", "t4", "done", 1)};
  std::string html = RenderSprintTaskSection(data, Locale("en-US"));

  EXPECT_EQ(Count(html, "<table"), 3u);
  size_t atlas = html.find("data-testid=\"task-table-0\"");
  size_t boreal = html.find("data-testid=\"task-table-1\"");
  size_t none = html.find("data-testid=\"task-table-2\"");
  ASSERT_NE(none, std::string::npos);
  EXPECT_LT(html.find("data-task-id=\"t1\""), boreal);
  EXPECT_GT(html.find("data-task-id=\"t3\""), boreal);
  EXPECT_GT(html.find("data-task-id=\"t4\""), none);
  EXPECT_LT(atlas, boreal);
  EXPECT_NE(html.find("1 of 2 tasks done, 3.5 points"), std::string::npos) << html;
  EXPECT_NE(html.find("Task &lt;t1&gt;"), std::string::npos);
  EXPECT_NE(html.find("<td>Ana, Bruno</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"outcome carried\">carried over</td>"), std::string::npos);
}

TEST(SprintTaskSectionTest, SquadHeadingSaysOnePoint) {
  ReportData data;
  data.tasks = {Task("q1", "Atlas", "t1", "done", 1)};
  std::string html = RenderSprintTaskSection(data, Locale("en-US"));
  EXPECT_NE(html.find("1 of 1 task done, 1 point</span>"), std::string::npos) << html;
}

TEST(SprintTaskSectionTest, EmptyShowsNote) {
  std::string html = RenderSprintTaskSection(ReportData{}, Locale("en-US"));
  EXPECT_NE(html.find("data-testid=\"sprint-tasks-empty\""), std::string::npos);
  EXPECT_EQ(html.find("<table"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::report
