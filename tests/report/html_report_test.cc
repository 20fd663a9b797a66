#include "report/html_report.h"

#include <gtest/gtest.h>

#include <string>

namespace sprintetl::report {
namespace {

constexpr char kNorth[] = "Østby \"North\" Partners AS";
constexpr char kScript[] = "<script>alert('x')</script>";

VelocityRow Velocity(const std::string& sprint_id, long long number, const std::string& squad_id,
                     const std::string& squad_name, double points_done) {
  VelocityRow row;
  row.sprint_id = sprint_id;
  row.sprint_name = "Sprint " + std::to_string(number);
  row.sprint_number = number;
  row.sprint_end_date = "2024-05-19";
  row.squad_id = squad_id;
  row.squad_name = squad_name;
  row.points_committed = points_done + 5;
  row.points_done = points_done;
  row.tasks_done = 3;
  row.tasks_total = 4;
  return row;
}

CustomerServiceRow Customer(const std::string& name, const std::string& service, double contracted,
                            double delivered) {
  CustomerServiceRow row;
  row.sprint_id = "s2";
  row.sprint_name = "Sprint 2";
  row.sprint_number = 2;
  row.customer_id = "c-" + name;
  row.customer_name = name;
  row.service_id = "svc-" + service;
  row.service_name = service;
  row.contract_value = 1234.5;
  row.recurring_revenue = 99;
  row.contracted_points = contracted;
  row.delivered_points = delivered;
  row.points_balance = contracted - delivered;
  return row;
}

// Two sprints; the squad "Tóquio 東京 🚀" only has rows in the second one.
ReportData SampleData() {
  ReportData data;
  data.title = "Sprint report: Sprint 2";
  data.sprint_id = "s2";
  data.sprint_name = "Sprint 2";
  data.sprint_number = 2;
  data.generated_at = "2024-05-20 06:00";
  data.velocity = {
      Velocity("s1", 1, "q1", "Squad <A> & co", 10), Velocity("s1", 1, "q2", kScript, 1234.5),
      Velocity("s2", 2, "q1", "Squad <A> & co", 12), Velocity("s2", 2, "q2", kScript, 8),
      Velocity("s2", 2, "q3", "Tóquio 東京 🚀", 5)};
  for (const VelocityRow& v : data.velocity) {
    data.throughput.push_back({v.sprint_id, v.sprint_name, v.sprint_number, v.squad_id,
                               v.squad_name, v.tasks_done, v.tasks_total});
  }
  data.carry_over.push_back(
      {"s2", "Sprint 2", 2, "q1", "Squad <A> & co", "t1", "Fix \"login\" <form>", "in review", 3});
  data.customer_service = {Customer(kNorth, "SEO", 20, 25), Customer("مرحبا", "Ads", 10, 4)};
  return data;
}

// Returns the markup of the element whose data-testid is `test_id`, up to the
// first `end_tag` after it.
std::string Element(const std::string& html, const std::string& test_id,
                    const std::string& end_tag) {
  size_t begin = html.find("data-testid=\"" + test_id + "\"");
  if (begin == std::string::npos) return "";
  size_t end = html.find(end_tag, begin);
  return html.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

TEST(HtmlReportTest, EscapesEveryName) {
  std::string html = RenderReportHtml(SampleData(), {});
  EXPECT_NE(html.find("Østby &quot;North&quot; Partners AS"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Squad &lt;A&gt; &amp; co"), std::string::npos);
  EXPECT_NE(html.find("Tóquio 東京 🚀"), std::string::npos);
  EXPECT_NE(html.find("مرحبا"), std::string::npos);
  EXPECT_NE(html.find("Fix &quot;login&quot; &lt;form&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find(kNorth), std::string::npos);
}

TEST(HtmlReportTest, MakesNoExternalRequests) {
  std::string html = RenderReportHtml(SampleData(), {});
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

TEST(HtmlReportTest, HasTitleLangAndTestIds) {
  std::string html = RenderReportHtml(SampleData(), {});
  EXPECT_NE(html.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(html.find("<title>Sprint report: Sprint 2</title>"), std::string::npos);
  for (const char* id : {"headline", "velocity-chart", "throughput-table", "customer-service-chart",
                         "customer-service-table", "carry-over-table"}) {
    EXPECT_NE(html.find("data-testid=\"" + std::string(id) + "\""), std::string::npos) << id;
    EXPECT_NE(html.find("id=\"" + std::string(id) + "\""), std::string::npos) << id;
  }
}

TEST(HtmlReportTest, VelocityBarsAreSquadsTimesSprints) {
  std::string chart = Element(RenderReportHtml(SampleData(), {}), "velocity-chart", "</figure>");
  ASSERT_FALSE(chart.empty());
  EXPECT_EQ(Count(chart, "<rect class=\"bar\""), 3u * 2u);
  EXPECT_EQ(Count(chart, "<li>"), 3u) << "one legend entry per squad";
  EXPECT_NE(chart.find("viewBox=\"0 0 "), std::string::npos);
}

TEST(HtmlReportTest, SquadKeepsColourAcrossSections) {
  std::string html = RenderReportHtml(SampleData(), {});
  // Sorted by name, "<script>..." comes first, so "Squad <A> & co" gets the second colour.
  std::string legend = Element(html, "velocity-chart", "</figure>");
  std::string table = Element(html, "carry-over-table", "</table>");
  EXPECT_NE(legend.find("background:#E69F00\"></span>Squad &lt;A&gt; &amp; co"),
            std::string::npos);
  EXPECT_NE(table.find("background:#E69F00\"></span>Squad &lt;A&gt; &amp; co"),
            std::string::npos);
}

TEST(HtmlReportTest, NoSquadIsListedLast) {
  ReportData data = SampleData();
  data.velocity.push_back(Velocity("s2", 2, "(none)", "(no squad)", 1));
  std::string legend = Element(RenderReportHtml(data, {}), "velocity-chart", "</figure>");
  size_t none = legend.find("(no squad)</li>");
  ASSERT_NE(none, std::string::npos);
  EXPECT_GT(none, legend.find("Tóquio 東京 🚀</li>"));
  EXPECT_GT(none, legend.find("Squad &lt;A&gt; &amp; co</li>"));
  EXPECT_EQ(Count(legend, "<rect class=\"bar\""), 4u * 2u);
}

TEST(HtmlReportTest, CustomerChartHasPairedBars) {
  std::string chart =
      Element(RenderReportHtml(SampleData(), {}), "customer-service-chart", "</figure>");
  EXPECT_EQ(Count(chart, "<rect class=\"bar first\""), 2u);
  EXPECT_EQ(Count(chart, "<rect class=\"bar second\""), 2u);
}

TEST(HtmlReportTest, HighlightsNegativeBalance) {
  std::string table =
      Element(RenderReportHtml(SampleData(), {}), "customer-service-table", "</table>");
  EXPECT_NE(table.find("<td class=\"num negative\">-5</td>"), std::string::npos);
  EXPECT_NE(table.find("<td class=\"num\">6</td>"), std::string::npos);
}

TEST(HtmlReportTest, FormatsNumbersPerLocale) {
  ReportData data = SampleData();
  std::string en = RenderReportHtml(data, {"en-US"});
  std::string pt = RenderReportHtml(data, {"pt-BR"});
  std::string de = RenderReportHtml(data, {"de-DE"});
  EXPECT_NE(en.find("1,234.50"), std::string::npos);
  EXPECT_NE(pt.find("1.234,50"), std::string::npos);
  EXPECT_NE(de.find("1.234,50"), std::string::npos);
  EXPECT_NE(en.find("1,234.5 points"), std::string::npos);
  EXPECT_NE(pt.find("1.234,5 points"), std::string::npos);
  EXPECT_NE(pt.find("20/05/2024 06:00"), std::string::npos);
  EXPECT_NE(de.find("20.05.2024 06:00"), std::string::npos);
  EXPECT_NE(en.find("2024-05-20 06:00"), std::string::npos);
}

TEST(HtmlReportTest, GroupsCarryOverBySquad) {
  std::string table = Element(RenderReportHtml(SampleData(), {}), "carry-over-table", "</table>");
  EXPECT_NE(table.find("Squad &lt;A&gt; &amp; co"), std::string::npos);
  EXPECT_NE(table.find("(1 task)"), std::string::npos);
  EXPECT_NE(table.find("in review"), std::string::npos);
}

TEST(HtmlReportTest, HeadlineShowsPointsWithoutCustomer) {
  ReportData data = SampleData();
  data.velocity[0].points_done_without_customer = 7;  // sprint s1: not the report's sprint
  data.velocity[2].points_done_without_customer = 1.5;
  data.velocity[4].points_done_without_customer = 1;
  std::string html = RenderReportHtml(data, {});

  std::string headline = Element(html, "headline", "</dl>");
  EXPECT_NE(headline.find("<dd>25 <small>of 40 committed</small></dd>"), std::string::npos)
      << headline;
  EXPECT_NE(headline.find("of which 2.5 points on tasks without a customer"), std::string::npos)
      << headline;
  std::string note = Element(html, "customer-service-note", "</p>");
  EXPECT_NE(note.find("Tasks without a customer account for 2.5 points of the points done."),
            std::string::npos)
      << note;
}

TEST(HtmlReportTest, HeadlineOmitsZeroWithoutCustomer) {
  std::string html = RenderReportHtml(SampleData(), {});
  EXPECT_EQ(Element(html, "headline", "</dl>").find("without a customer"), std::string::npos);
  std::string note = Element(html, "customer-service-note", "</p>");
  EXPECT_NE(note.find("account for 0 points of the points done."), std::string::npos) << note;
}

TEST(HtmlReportTest, ThroughputTableSaysWhatCellsCount) {
  std::string table = Element(RenderReportHtml(SampleData(), {}), "throughput-table", "</table>");
  EXPECT_NE(table.find("<caption>Each cell: tasks done / all tasks in the sprint at its end, "
                       "done or carried over</caption>"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("<td class=\"num\">3 / 4</td>"), std::string::npos) << table;
}

TEST(HtmlReportTest, HeadlineSaysOnePoint) {
  ReportData data = SampleData();
  data.carry_over[0].points = 1;
  data.customer_service = {Customer(kNorth, "SEO", 1, 0)};
  std::string headline = Element(RenderReportHtml(data, {}), "headline", "</dl>");
  EXPECT_NE(headline.find("<small>task, 1 point</small>"), std::string::npos) << headline;
  EXPECT_NE(headline.find("<small>of 1 contracted point</small>"), std::string::npos) << headline;
}

TEST(HtmlReportTest, EmptySprintShowsNotes) {
  ReportData data;
  data.sprint_id = "s9";
  data.sprint_name = "Sprint 9";
  std::string html = RenderReportHtml(data, {});
  EXPECT_NE(html.find("data-testid=\"sprint-empty\""), std::string::npos);
  EXPECT_NE(html.find("No data for this sprint"), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"velocity-empty\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"customer-service-empty\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"carry-over-empty\""), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("data-testid=\"headline\""), std::string::npos);
}

TEST(HtmlReportTest, SprintWithoutCustomersShowsNote) {
  ReportData data = SampleData();
  data.customer_service.clear();
  std::string html = RenderReportHtml(data, {});
  EXPECT_NE(html.find("data-testid=\"customer-service-empty\""), std::string::npos);
  EXPECT_EQ(html.find("data-testid=\"customer-service-chart\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"velocity-chart\""), std::string::npos);
}

TEST(HtmlReportTest, RejectsUnknownLocale) {
  Status status = ValidateReportOptions({"xx-YY"});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("xx-YY"), std::string::npos);
  EXPECT_TRUE(ValidateReportOptions({"pt-BR"}).ok());
}

TEST(HtmlReportTest, ChartShowsLargestFortyPairs) {
  ReportData data = SampleData();
  data.customer_service.clear();
  for (int i = 0; i < 50; ++i) {
    data.customer_service.push_back(Customer("Customer " + std::to_string(i), "SEO", i, 0));
  }
  std::string html = RenderReportHtml(data, {});

  std::string chart = Element(html, "customer-service-chart", "</figure>");
  EXPECT_EQ(Count(chart, "<rect class=\"bar first\""), 40u);
  EXPECT_NE(chart.find("the 40 largest of 50 customer and service pairs"), std::string::npos);
  EXPECT_EQ(chart.find(">Customer 9 · SEO<"), std::string::npos) << "smallest pairs are left out";
  EXPECT_NE(chart.find(">Customer 10 · SEO<"), std::string::npos);
  std::string table = Element(html, "customer-service-table", "</table>");
  EXPECT_EQ(Count(table, "<tr><td>"), 50u);
}

}  // namespace
}  // namespace sprintetl::report
