#include "report/report_data.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace sprintetl::report {
namespace {

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;

// A warehouse that serves canned rows per view and applies the one filter the
// report uses, `WHERE sprint_id = '<literal>'`.
class FakeWarehouse : public warehouse::Warehouse {
 public:
  std::map<std::string, warehouse::QueryResult> views;
  std::vector<std::string> queries;

  std::string Dialect() const override { return "fake"; }
  Status Execute(const std::string&) override { return Status::Ok(); }
  Status Begin() override { return Status::Ok(); }
  Status Commit() override { return Status::Ok(); }
  Status Rollback() override { return Status::Ok(); }
  Result<long long> LoadNdjson(const std::string&, const std::string&) override { return 0LL; }

  Result<warehouse::QueryResult> Query(const std::string& sql) override {
    queries.push_back(sql);
    size_t from = sql.find(" FROM ");
    if (from == std::string::npos) return InvalidArgument("fake: no FROM in " + sql);
    size_t name_end = sql.find(' ', from + 6);
    std::string view = sql.substr(from + 6, name_end - from - 6);
    auto it = views.find(view);
    if (it == views.end()) {
      return NotFound("Catalog Error: Table with name " + view + " does not exist!");
    }

    const std::string where = " WHERE sprint_id = '";
    size_t filter = sql.find(where);
    if (filter == std::string::npos) return it->second;
    std::string literal = sql.substr(filter + where.size());
    literal.pop_back();  // closing quote
    std::string sprint_id;
    for (size_t i = 0; i < literal.size(); ++i) {
      sprint_id += literal[i];
      if (literal[i] == '\'') ++i;  // SQL writes one quote as two
    }

    warehouse::QueryResult filtered{it->second.columns, {}};
    size_t column = 0;
    while (filtered.columns[column] != "sprint_id") ++column;
    for (const Row& row : it->second.rows) {
      if (row[column] == sprint_id) filtered.rows.push_back(row);
    }
    return filtered;
  }
};

Row VelocityRowText(const std::string& sprint, const std::string& number, const std::string& squad,
                    const Cell& points_done) {
  return {sprint, "Sprint " + sprint.substr(1),
          number, "2024-05-19",
          squad,  "Squad " + squad,
          "20",   points_done,
          "3",    "4",
          "1.5"};
}

FakeWarehouse SampleWarehouse() {
  FakeWarehouse wh;
  wh.views["rpt_velocity"].columns = {"sprint_id",
                                      "sprint_name",
                                      "sprint_number",
                                      "sprint_end_date",
                                      "squad_id",
                                      "squad_name",
                                      "points_committed",
                                      "points_done",
                                      "tasks_done",
                                      "tasks_total",
                                      "points_done_without_customer"};
  wh.views["rpt_throughput"].columns = {"sprint_id",  "sprint_name", "sprint_number", "squad_id",
                                        "squad_name", "tasks_done",  "tasks_total"};
  for (int n = 1; n <= 5; ++n) {
    std::string id = "s" + std::to_string(n);
    std::string number = std::to_string(n) + ".0";
    wh.views["rpt_velocity"].rows.push_back(VelocityRowText(id, number, "q1", "12.50"));
    wh.views["rpt_velocity"].rows.push_back(VelocityRowText(id, number, "q2", std::nullopt));
    wh.views["rpt_throughput"].rows.push_back(
        {id, "Sprint " + std::to_string(n), std::to_string(n), "q1", "Squad q1", "3", "4"});
  }

  wh.views["rpt_carry_over"] = {
      {"sprint_id", "sprint_name", "sprint_number", "squad_id", "squad_name", "task_id",
       "task_name", "status_label", "points"},
      {{"s4", "Sprint 4", "4", "q1", "Squad q1", "t1", "Task one", "in progress", "3"},
       {"s3", "Sprint 3", "3", "q1", "Squad q1", "t2", "Task two", "to do", "2"}}};
  wh.views["rpt_customer_service"] = {
      {"sprint_id", "sprint_name", "sprint_number", "customer_id", "customer_name", "squad_id",
       "service_id", "service_name", "contract_value", "recurring_revenue", "contracted_points",
       "delivered_points", "points_balance"},
      {{"s4", "Sprint 4", "4", "c1", "Østby \"North\" Partners AS", "q1", "seo", "SEO", "12000.00",
        "1000.00", "20.00", "25.50", "-5.50"}}};
  wh.views["rpt_status_mix"] = {{"sprint_id", "squad_id", "squad_name", "status_label", "category",
                                 "is_done", "tasks", "points"},
                                {{"s4", "q1", "Squad q1", "Done", "bug", "true", "2.0", "5.0"}}};
  wh.views["rpt_sprint_task"] = {{"sprint_id", "squad_id", "squad_name", "task_id", "task_name",
                                  "status_label", "category", "points", "assignees", "outcome"},
                                 {{"s4", "q1", "Squad q1", "t1", "Task one", "In progress",
                                   "feature", "3.0", "Ana, Bruno", "carried over"}}};
  wh.views["rpt_customer_change"] = {
      {"sprint_id", "customer_id", "customer_name", "changed_at", "change_kind",
       "squad_id_before", "squad_name_before", "squad_id_after", "squad_name_after",
       "contracted_points_before", "contracted_points_after", "services_before",
       "services_after"},
      {{"s4", "c1", "Customer one", "2024-05-10 09:30:00.123", "changed", "q1", "Squad q1", "q2",
        "Squad q2", std::nullopt, "12.5", "", "seo"}}};
  return wh;
}

TEST(ReadReportDataTest, ReadsWindowEndingAtSprint) {
  FakeWarehouse wh = SampleWarehouse();
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_TRUE(data.ok()) << data.status().ToString();

  std::set<std::string> sprints;
  for (const VelocityRow& row : data->velocity) sprints.insert(row.sprint_id);
  EXPECT_EQ(sprints, (std::set<std::string>{"s2", "s3", "s4"}));
  EXPECT_EQ(data->velocity.size(), 6u);
  EXPECT_EQ(data->throughput.size(), 3u);
  EXPECT_EQ(data->velocity.front().sprint_id, "s2") << "rows are ordered by sprint number";
  EXPECT_EQ(data->sprint_name, "Sprint 4");
  EXPECT_EQ(data->sprint_number, 4);
  EXPECT_EQ(data->title, "Sprint report: Sprint 4");
  EXPECT_FALSE(data->generated_at.empty());
}

TEST(ReadReportDataTest, ParsesNumbersAndNulls) {
  FakeWarehouse wh = SampleWarehouse();
  Result<ReportData> data = ReadReportData(wh, "s4", 1);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->velocity.size(), 2u);
  EXPECT_DOUBLE_EQ(data->velocity[0].points_done, 12.5);
  EXPECT_DOUBLE_EQ(data->velocity[1].points_done, 0) << "NULL reads as 0";
  EXPECT_DOUBLE_EQ(data->velocity[0].points_done_without_customer, 1.5);
  EXPECT_EQ(data->velocity[0].sprint_number, 4) << "\"4.0\" reads as 4";
  EXPECT_EQ(data->velocity[0].sprint_end_date, "2024-05-19");

  ASSERT_EQ(data->customer_service.size(), 1u);
  const CustomerServiceRow& customer = data->customer_service[0];
  EXPECT_EQ(customer.customer_name, "Østby \"North\" Partners AS");
  EXPECT_DOUBLE_EQ(customer.contract_value, 12000);
  EXPECT_DOUBLE_EQ(customer.delivered_points, 25.5);
  EXPECT_DOUBLE_EQ(customer.points_balance, -5.5);
}

TEST(ReadReportDataTest, ReadsDetailViews) {
  FakeWarehouse wh = SampleWarehouse();
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_TRUE(data.ok()) << data.status().ToString();

  ASSERT_EQ(data->status_mix.size(), 1u);
  EXPECT_TRUE(data->status_mix[0].is_done);
  EXPECT_DOUBLE_EQ(data->status_mix[0].tasks, 2);
  ASSERT_EQ(data->tasks.size(), 1u);
  EXPECT_EQ(data->tasks[0].assignees, "Ana, Bruno");
  EXPECT_EQ(data->tasks[0].outcome, "carried over");
  ASSERT_EQ(data->customer_changes.size(), 1u);
  const CustomerChangeRow& change = data->customer_changes[0];
  EXPECT_EQ(change.changed_at, "2024-05-10 09:30:00");
  EXPECT_FALSE(change.contracted_points_before.has_value()) << "NULL stays empty";
  ASSERT_TRUE(change.contracted_points_after.has_value());
  EXPECT_EQ(*change.contracted_points_after, 12.5);
  EXPECT_EQ(change.squad_name_after, "Squad q2");
}

TEST(ReadReportDataTest, FiltersCarryOverToTheSprint) {
  FakeWarehouse wh = SampleWarehouse();
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  ASSERT_EQ(data->carry_over.size(), 1u);
  EXPECT_EQ(data->carry_over[0].task_id, "t1");
  EXPECT_DOUBLE_EQ(data->carry_over[0].points, 3);
}

TEST(ReadReportDataTest, QuotesSprintIdInSql) {
  FakeWarehouse wh = SampleWarehouse();
  Result<ReportData> data = ReadReportData(wh, "it's", 3);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  bool quoted = false;
  for (const std::string& sql : wh.queries) {
    quoted = quoted || sql.find("WHERE sprint_id = 'it''s'") != std::string::npos;
  }
  EXPECT_TRUE(quoted);
}

TEST(ReadReportDataTest, UnknownSprintReadsEmpty) {
  FakeWarehouse wh = SampleWarehouse();
  Result<ReportData> data = ReadReportData(wh, "nope", 3);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_TRUE(data->velocity.empty());
  EXPECT_TRUE(data->carry_over.empty());
  EXPECT_TRUE(data->customer_service.empty());
  EXPECT_EQ(data->sprint_name, "nope");
}

TEST(ReadReportDataTest, MissingViewNamesIt) {
  FakeWarehouse wh = SampleWarehouse();
  wh.views.erase("rpt_carry_over");
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(data.status().message().find("rpt_carry_over"), std::string::npos);
  EXPECT_NE(data.status().message().find("run the models first"), std::string::npos);
}

TEST(ReadReportDataTest, MissingColumnNamesIt) {
  FakeWarehouse wh = SampleWarehouse();
  wh.views["rpt_throughput"].columns[6] = "tasks_all";
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.status().message().find("rpt_throughput"), std::string::npos);
  EXPECT_NE(data.status().message().find("tasks_total"), std::string::npos);
}

TEST(ReadReportDataTest, MissingWithoutCustomerColumnNamesIt) {
  FakeWarehouse wh = SampleWarehouse();
  wh.views["rpt_velocity"].columns[10] = "points_done_no_customer";
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(data.status().message().find("points_done_without_customer"), std::string::npos);
}

TEST(ReadReportDataTest, BadNumberNamesColumnAndValue) {
  FakeWarehouse wh = SampleWarehouse();
  wh.views["rpt_customer_service"].rows[0][10] = "twenty";
  Result<ReportData> data = ReadReportData(wh, "s4", 3);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(data.status().message().find("contracted_points"), std::string::npos);
  EXPECT_NE(data.status().message().find("twenty"), std::string::npos);
}

TEST(ReadReportDataTest, RejectsBadArguments) {
  FakeWarehouse wh = SampleWarehouse();
  EXPECT_EQ(ReadReportData(wh, "", 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadReportData(wh, "s4", 0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sprintetl::report
