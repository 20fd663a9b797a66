#include "report/looker_link.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "report/report_data.h"

namespace sprintetl::report {
namespace {

config::Warehouse BigQueryWarehouse() {
  config::Warehouse warehouse;
  warehouse.kind = "bigquery";
  warehouse.bigquery.project = "acme-analytics";
  warehouse.bigquery.dataset = "sprint_etl";
  return warehouse;
}

// Splits the query of `url` into decoded name=value pairs.
std::multimap<std::string, std::string> QueryParameters(const std::string& url) {
  auto decode = [](const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 2 < text.size()) {
        out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += text[i];
      }
    }
    return out;
  };
  std::multimap<std::string, std::string> parameters;
  size_t start = url.find('?') + 1;
  while (start > 0 && start < url.size()) {
    size_t end = url.find('&', start);
    if (end == std::string::npos) end = url.size();
    std::string pair = url.substr(start, end - start);
    size_t equals = pair.find('=');
    parameters.emplace(decode(pair.substr(0, equals)), decode(pair.substr(equals + 1)));
    start = end + 1;
  }
  return parameters;
}

TEST(EncodeQueryComponentTest, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(EncodeQueryComponent("rpt_velocity-1.x~"), "rpt_velocity-1.x~");
  EXPECT_EQ(EncodeQueryComponent("a b&c=d/e?f#g+h"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh");
  EXPECT_EQ(EncodeQueryComponent("Ümlaut"), "%C3%9Cmlaut");
}

TEST(LookerLinkTest, UrlStartsWithLinkingApiBase) {
  auto url = LookerStudioCreateUrl(BigQueryWarehouse(), "sprintetl sprints");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->rfind("https://lookerstudio.google.com/reporting/create?", 0), 0u) << *url;
  EXPECT_EQ(url->find(' '), std::string::npos);
}

TEST(LookerLinkTest, EveryViewIsATableDataSource) {
  auto url = LookerStudioCreateUrl(BigQueryWarehouse(), "sprintetl sprints");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto parameters = QueryParameters(*url);

  ASSERT_EQ(ReportViewNames().size(), 7u);
  for (const std::string& view : ReportViewNames()) {
    const std::string prefix = "ds." + view + ".";
    auto value = [&](const std::string& name) {
      auto it = parameters.find(prefix + name);
      return it == parameters.end() ? std::string("<missing>") : it->second;
    };
    EXPECT_EQ(value("connector"), "bigQuery") << view;
    EXPECT_EQ(value("type"), "TABLE") << view;
    EXPECT_EQ(value("projectId"), "acme-analytics") << view;
    EXPECT_EQ(value("datasetId"), "sprint_etl") << view;
    EXPECT_EQ(value("tableId"), view) << view;
  }
  EXPECT_EQ(parameters.count("r.reportName"), 1u);
  EXPECT_EQ(parameters.find("r.reportName")->second, "sprintetl sprints");
}

TEST(LookerLinkTest, EncodesReportNameAndIds) {
  config::Warehouse warehouse = BigQueryWarehouse();
  warehouse.bigquery.dataset = "sprints & co";
  auto url = LookerStudioCreateUrl(warehouse, "Sprint report: Q4/2026");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_NE(url->find("r.reportName=Sprint%20report%3A%20Q4%2F2026"), std::string::npos) << *url;
  EXPECT_NE(url->find("ds.rpt_velocity.datasetId=sprints%20%26%20co"), std::string::npos) << *url;
}

TEST(LookerLinkTest, RejectsDuckDbWarehouse) {
  config::Warehouse warehouse;
  auto url = LookerStudioCreateUrl(warehouse, "x");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(url.status().message().find("warehouse.kind"), std::string::npos);
  EXPECT_NE(url.status().message().find("\"duckdb\""), std::string::npos);
}

TEST(LookerLinkTest, NamesMissingProjectAndDataset) {
  config::Warehouse warehouse;
  warehouse.kind = "bigquery";
  auto url = LookerStudioCreateUrl(warehouse, "x");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(
      url.status().message().find("warehouse.bigquery.project and warehouse.bigquery.dataset"),
      std::string::npos)
      << url.status().message();

  warehouse.bigquery.project = "p";
  url = LookerStudioCreateUrl(warehouse, "x");
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.status().message().find("set warehouse.bigquery.dataset"), std::string::npos)
      << url.status().message();
}

}  // namespace
}  // namespace sprintetl::report
