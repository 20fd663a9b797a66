// Writes the report pages the browser test (tests/browser/check_reports.mjs)
// opens in headless Chromium: the fixture sprint, an empty sprint, a single
// customer and 300 customers. The pages go to $SPRINTETL_REPORT_PAGES_DIR
// when it is set (the report_browser CTest test sets it), otherwise to a
// temporary folder. Each test also checks the page's sections here, so the
// suite covers them without a browser.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "pipeline/pipeline_harness.h"
#include "report/html_report.h"
#include "report/report_data.h"
#include "report/report_warehouse_harness.h"

namespace sprintetl::report {
namespace {

namespace fs = std::filesystem;

fs::path PagesDir() {
  const char* configured = std::getenv("SPRINTETL_REPORT_PAGES_DIR");
  fs::path dir = configured != nullptr && *configured != '\0'
                     ? fs::path(configured)
                     : fs::temp_directory_path() / "sprintetl-report-pages";
  fs::create_directories(dir);
  return dir;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Renders the synthetic sprint with `customers` customers to <name>.html.
std::string WriteSyntheticPage(const std::string& name, int customers) {
  testing::StarHarness star;
  Status filled = testing::FillSyntheticSprint(star, customers);
  EXPECT_TRUE(filled.ok()) << filled.ToString();
  auto data = ReadReportData(star.warehouse(), testing::kSyntheticSprintId, 8);
  EXPECT_TRUE(data.ok()) << data.status().ToString();
  if (!data.ok()) return "";

  std::string html = RenderReportHtml(*data, ReportOptions{});
  fs::path path = PagesDir() / (name + ".html");
  Status written = WriteReport(path.string(), html);
  EXPECT_TRUE(written.ok()) << written.ToString();
  std::cout << "report page: " << path.string() << "\n";
  return html;
}

TEST(ReportPagesTest, FixtureSprint) {
  testing::PipelineHarness harness;
  auto outcome = harness.Run();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();

  fs::path path = PagesDir() / "fixture.html";
  fs::copy_file(outcome->report_path, path, fs::copy_options::overwrite_existing);
  std::cout << "report page: " << path.string() << "\n";
  std::string html = ReadFile(path);
  EXPECT_NE(html.find("data-testid=\"status-mix-chart\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"task-table-0\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"customer-change-"), std::string::npos);
}

TEST(ReportPagesTest, EmptySprint) {
  std::string html = WriteSyntheticPage("empty-sprint", 0);
  EXPECT_NE(html.find("data-testid=\"sprint-empty\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"status-mix-empty\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"customer-change-empty\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"sprint-tasks-empty\""), std::string::npos);
}

TEST(ReportPagesTest, SingleCustomer) {
  std::string html = WriteSyntheticPage("single-customer", 1);
  EXPECT_NE(html.find("data-testid=\"customer-service-table\""), std::string::npos);
  EXPECT_NE(html.find("Customer 1 Marketing Services Ltd"), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"customer-change-empty\""), std::string::npos);
}

TEST(ReportPagesTest, ThreeHundredCustomers) {
  std::string html = WriteSyntheticPage("300-customers", 300);
  EXPECT_NE(html.find("data-customer-id=\"c0300\""), std::string::npos);
  EXPECT_NE(html.find("data-testid=\"task-table-2\""), std::string::npos);
  EXPECT_NE(html.find("t42-300-2"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::report
