#include "transform/task_rows.h"

#include <gtest/gtest.h>

#include "transform/landing_builder.h"
#include "transform/transform_run.h"

namespace sprintetl::transform {
namespace {

using testing::FindRow;
using testing::LandingBuilder;

std::vector<nlohmann::json> RowsOfTask(const std::vector<nlohmann::json>& rows,
                                       const std::string& task_id) {
  std::vector<nlohmann::json> found;
  for (const auto& row : rows) {
    if (row["task_id"] == task_id) found.push_back(row);
  }
  return found;
}

class TaskRowsTest : public ::testing::Test {
 protected:
  void Run(const config::Config& config) {
    auto summary = TransformRun(builder_.run(), config, testing::FixtureNow());
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    warnings_ = summary->warnings;
    tasks_ = builder_.StageRows("stg_task");
    fields_ = builder_.StageRows("stg_task_field");
    memberships_ = builder_.StageRows("stg_task_list");
  }

  bool Warned(const std::string& text) const {
    for (const auto& warning : warnings_) {
      if (warning.find(text) != std::string::npos) return true;
    }
    return false;
  }

  LandingBuilder builder_;
  std::vector<std::string> warnings_;
  std::vector<nlohmann::json> tasks_;
  std::vector<nlohmann::json> fields_;
  std::vector<nlohmann::json> memberships_;
};

TEST_F(TaskRowsTest, DueDatesInWorkspaceZone) {
  builder_.AddAllFixtures();
  Run(testing::DemoConfig());

  // A date-only due date: 04:00 in New York, 09:00Z in winter.
  auto task = FindRow(tasks_, "task_id", "86c0a1b01");
  EXPECT_EQ(task["due_at"], "2026-11-14T09:00:00.000Z");
  EXPECT_EQ(task["due_date"], "2026-11-14");
  EXPECT_EQ(task["due_has_time"], false);

  // A due date with a time: 22:30Z is 17:30 the same day in New York.
  auto timed = FindRow(tasks_, "task_id", "86c0a1b04");
  EXPECT_EQ(timed["due_at"], "2026-11-16T22:30:00.000Z");
  EXPECT_EQ(timed["due_date"], "2026-11-16");
  EXPECT_EQ(timed["due_has_time"], true);

  auto undated = FindRow(tasks_, "task_id", "86c0a1b03");
  EXPECT_EQ(undated["due_at"], nullptr);
  EXPECT_EQ(undated["due_date"], nullptr);
}

TEST_F(TaskRowsTest, DueDateFollowsConfiguredZone) {
  builder_.AddAllFixtures();
  config::Config config = testing::DemoConfig();
  config.timezone = "Asia/Tokyo";
  Run(config);
  EXPECT_EQ(FindRow(tasks_, "task_id", "86c0a1b04")["due_date"], "2026-11-17");
}

TEST_F(TaskRowsTest, TypedTaskColumns) {
  builder_.AddAllFixtures();
  Run(testing::DemoConfig());
  ASSERT_EQ(tasks_.size(), 9u);

  auto first = FindRow(tasks_, "task_id", "86c0a1b01");
  EXPECT_EQ(first["priority"], 2);
  EXPECT_EQ(first["points"], 5.0);
  EXPECT_EQ(first["time_estimate_ms"], 28800000);
  EXPECT_EQ(first["time_spent_ms"], 12600000);
  EXPECT_EQ(first["created_at"], "2026-10-28T13:05:00.000Z");
  EXPECT_EQ(first["tags"], nlohmann::json({"billing", "etl"}));
  EXPECT_EQ(first["assignee_ids"], nlohmann::json({"50010002"}));
  EXPECT_EQ(first["service_ids"], nlohmann::json({"paid_media", "content"}));
  EXPECT_EQ(first["assignee_squad_id"], "squad_lyra");
  EXPECT_EQ(first["home_list_id"], "901800110041");
  EXPECT_EQ(first["space_id"], "90160001");
  EXPECT_EQ(first["url"], "https://app.clickup.com/t/86c0a1b01");
  EXPECT_EQ(first["is_archived"], false);

  auto estimate_as_text = FindRow(tasks_, "task_id", "86c0a1b06");
  EXPECT_EQ(estimate_as_text["time_estimate_ms"], 7200000);
  EXPECT_EQ(estimate_as_text["closed_at"], "2026-11-03T07:00:00.000Z");
  EXPECT_EQ(estimate_as_text["done_at"], nullptr);
  EXPECT_EQ(estimate_as_text["priority"], nullptr);

  auto subtask = FindRow(tasks_, "task_id", "86c0a1b05");
  EXPECT_EQ(subtask["points"], 1.5);
  EXPECT_EQ(subtask["parent_task_id"], "86c0a1b04");
  EXPECT_EQ(subtask["priority"], 4);

  auto empty = FindRow(tasks_, "task_id", "86c0a1b03");
  EXPECT_EQ(empty["points"], nullptr);
  EXPECT_EQ(empty["time_estimate_ms"], nullptr);
  EXPECT_EQ(empty["assignee_ids"], nlohmann::json::array());

  EXPECT_EQ(FindRow(tasks_, "task_id", "86c0a1b08")["custom_id"], "NW-1088");
}

TEST_F(TaskRowsTest, StatusLabelAndCategory) {
  builder_.AddAllFixtures();
  Run(testing::DemoConfig());
  struct Case {
    const char* task_id;
    const char* status_label;
    const char* category;
  };
  const Case cases[] = {
      {"86c0a1b01", "In progress", "feature"}, {"86c0a1b02", "Closed", "feature"},
      {"86c0a1b04", "In review", "feature"},   {"86c0a1b07", "Done", "feature"},
      {"86c0a1b09", "In progress", "bug"},  // "Fix ..." matches the name rule
  };
  for (const Case& c : cases) {
    auto task = FindRow(tasks_, "task_id", c.task_id);
    EXPECT_EQ(task["status_label"], c.status_label) << c.task_id;
    EXPECT_EQ(task["category"], c.category) << c.task_id;
  }
  EXPECT_EQ(FindRow(tasks_, "task_id", "86c0a1b02")["status_type"], "closed");
}

TEST_F(TaskRowsTest, TaskInTwoListsIsOneRow) {
  builder_.AddAllFixtures();
  builder_.AddBacklogPageWith("86c0a1b04");
  Run(testing::DemoConfig());

  EXPECT_EQ(RowsOfTask(tasks_, "86c0a1b04").size(), 1u);
  auto lists = RowsOfTask(memberships_, "86c0a1b04");
  ASSERT_EQ(lists.size(), 2u);
  auto home = FindRow(lists, "list_id", "901800110041");
  auto backlog = FindRow(lists, "list_id", "901800120001");
  EXPECT_EQ(home["is_home"], true);
  EXPECT_EQ(backlog["is_home"], false);
  EXPECT_EQ(RowsOfTask(fields_, "86c0a1b04").size(), 7u) << "fields come from one copy";
}

TEST_F(TaskRowsTest, CustomFieldRows) {
  builder_.AddAllFixtures();
  Run(testing::DemoConfig());

  auto first = RowsOfTask(fields_, "86c0a1b01");
  EXPECT_EQ(first.size(), 10u);
  auto customer = FindRow(first, "field_name", "Customer");
  EXPECT_EQ(customer["field_type"], "drop_down");
  EXPECT_EQ(customer["value_text"], "Café Ümlaut & Söhne");
  EXPECT_EQ(customer["value_json"], "1");
  EXPECT_EQ(customer["value_number"], nullptr);
  auto service = FindRow(first, "field_name", "Service");
  EXPECT_EQ(service["value_list"], nlohmann::json({"Paid media", "Content"}));
  auto reviewer = FindRow(first, "field_name", "Reviewer");
  EXPECT_EQ(reviewer["value_list"], nlohmann::json({"50010003"}));
  EXPECT_EQ(FindRow(first, "field_name", "Value")["value_number"], 12500.5);
  EXPECT_EQ(FindRow(first, "field_name", "Go-Live")["value_at"], "2026-11-20T09:00:00.000Z");
  EXPECT_EQ(FindRow(first, "field_name", "Billable")["value_bool"], true);
  EXPECT_EQ(FindRow(first, "field_name", "Ticket Ref")["value_text"], "NW-1042");
  EXPECT_EQ(FindRow(first, "field_name", "Margin %")["value_number"], 18.75);
  auto progress = FindRow(first, "field_name", "Progress");
  EXPECT_EQ(progress["value_json"], R"({"percent_complete":40})");
  EXPECT_EQ(progress["value_number"], 40.0);

  // 86c0a1b08's users field is [] and counts as no value.
  auto eighth = RowsOfTask(fields_, "86c0a1b08");
  EXPECT_EQ(FindRow(eighth, "field_name", "Reviewer"), nullptr);
  EXPECT_NE(FindRow(eighth, "field_name", "Go-Live"), nullptr);
  // 86c0a1b02's formula is null and 86c0a1b09 has no values at all.
  EXPECT_EQ(FindRow(RowsOfTask(fields_, "86c0a1b02"), "field_name", "Margin %"), nullptr);
  EXPECT_TRUE(RowsOfTask(fields_, "86c0a1b09").empty());
}

TEST_F(TaskRowsTest, CustomersMatchCompanies) {
  builder_.AddAllFixtures();
  Run(testing::DemoConfig());
  struct Case {
    const char* task_id;
    nlohmann::json customer_raw;
    nlohmann::json customer_id;
  };
  const Case cases[] = {
      {"86c0a1b01", "Café Ümlaut & Söhne", "31000000102"},
      {"86c0a1b02", "Nordlicht Logistik GmbH", "31000000101"},
      {"86c0a1b03", "Dziękuję Software sp. z o.o.", "31000000107"},
      {"86c0a1b04", "Østby \"North\" Partners AS", "31000000105"},
      {"86c0a1b07", nullptr, nullptr},
  };
  for (const Case& c : cases) {
    auto task = FindRow(tasks_, "task_id", c.task_id);
    EXPECT_EQ(task["customer_raw"], c.customer_raw) << c.task_id;
    EXPECT_EQ(task["customer_id"], c.customer_id) << c.task_id;
  }
  EXPECT_FALSE(Warned("matches no HubSpot company"));
}

TEST_F(TaskRowsTest, DeletedOptionKeptRawWithWarning) {
  auto page =
      nlohmann::json::parse(testing::ReadTestData("clickup/get_list_tasks_sprint41_page1.json"));
  for (auto& task : page["tasks"]) {
    if (task["id"] != "86c0a1b07") continue;
    for (auto& field : task["custom_fields"]) {
      if (field["name"] == "Customer") field["value"] = 9;
    }
  }
  builder_.AddAllFixtures();
  builder_.AddPage("clickup.tasks", "/v2/list/901800110041/task", page.dump(),
                   {{"list_id", "901800110041"}}, 1);
  Run(testing::DemoConfig());

  auto field = FindRow(RowsOfTask(fields_, "86c0a1b07"), "field_name", "Customer");
  EXPECT_EQ(field["value_text"], nullptr);
  EXPECT_EQ(field["value_json"], "9");
  EXPECT_TRUE(
      Warned("custom field 'Customer' (f1000000-aaaa-4bbb-8ccc-000000000001) has 1 "
             "value that matches none of its options"));
  EXPECT_TRUE(Warned("9 (task 86c0a1b07)"));
  EXPECT_EQ(FindRow(tasks_, "task_id", "86c0a1b07")["customer_id"], nullptr);
}

TEST_F(TaskRowsTest, UnknownFieldTypeWarnedOncePerField) {
  auto page =
      nlohmann::json::parse(testing::ReadTestData("clickup/get_list_tasks_sprint41_page1.json"));
  for (auto& task : page["tasks"]) {
    task["custom_fields"].push_back(nlohmann::json::parse(
        R"({"id": "f-attach", "name": "Files", "type": "attachment", "type_config": {},
            "value": [{"id": "att-1"}]})"));
  }
  builder_.AddAllFixtures();
  builder_.AddPage("clickup.tasks", "/v2/list/901800110041/task", page.dump(),
                   {{"list_id", "901800110041"}}, 1);
  Run(testing::DemoConfig());

  auto field = FindRow(RowsOfTask(fields_, "86c0a1b07"), "field_name", "Files");
  EXPECT_EQ(field["value_json"], R"([{"id":"att-1"}])");
  int mentions = 0;
  for (const auto& warning : warnings_) {
    if (warning.find("'Files' (f-attach) has type 'attachment'") != std::string::npos) ++mentions;
  }
  EXPECT_EQ(mentions, 1);
  EXPECT_TRUE(Warned(std::to_string(page["tasks"].size()) + " value(s)"));
}

TEST_F(TaskRowsTest, NewerWorkspaceCopyReplacesListCopy) {
  auto page =
      nlohmann::json::parse(testing::ReadTestData("clickup/get_list_tasks_sprint41_page1.json"));
  nlohmann::json moved = page["tasks"][0];
  ASSERT_EQ(moved["id"], "86c0a1b07");
  moved["name"] = "Moved to Sprint 40";
  moved["date_updated"] = "1795180000000";
  moved["list"] = {{"id", "901800110040"}, {"name", "Sprint 40 (10/20 - 11/2)"}};
  nlohmann::json history_copy = page["tasks"][1];
  history_copy["id"] = "86c0hist1";
  history_copy["list"] = {{"id", "901800999999"}, {"name", "Sprint 41 copy"}};
  history_copy["locations"] = nlohmann::json::array();
  nlohmann::json changed = {{"tasks", {moved, history_copy}}, {"last_page", true}};

  builder_.AddAllFixtures();
  builder_.AddPage("clickup.tasks", "/v2/team/9015550001/task", changed.dump(),
                   {{"team_id", "9015550001"}}, 0);
  Run(testing::DemoConfig());

  EXPECT_EQ(FindRow(tasks_, "task_id", "86c0a1b07")["name"], "Moved to Sprint 40");
  auto lists = RowsOfTask(memberships_, "86c0a1b07");
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0]["list_id"], "901800110040");
  EXPECT_TRUE(RowsOfTask(tasks_, "86c0hist1").empty()) << "home list not in the run";
  EXPECT_EQ(RowsOfTask(memberships_, "86c0a1b04").size(), 2u) << "unchanged task keeps both";
}

TEST_F(TaskRowsTest, UnmatchedCustomersWarnedOnce) {
  builder_.AddAllFixtures();
  config::Config config = testing::DemoConfig();
  config.clickup.customer_field = "Ticket Ref";
  config.clickup.customer_match = config::CustomerMatch::kCompanyId;
  Run(config);

  auto task = FindRow(tasks_, "task_id", "86c0a1b01");
  EXPECT_EQ(task["customer_raw"], "NW-1042");
  EXPECT_EQ(task["customer_id"], nullptr);
  size_t count = 0;
  for (const auto& warning : warnings_) {
    if (warning.find("matches no HubSpot company") == std::string::npos) continue;
    ++count;
    EXPECT_EQ(warning.rfind("4 tasks have a customer that matches no HubSpot company: ", 0), 0u)
        << warning;
    EXPECT_NE(warning.find("'NW-1042' (86c0a1b01)"), std::string::npos) << warning;
  }
  EXPECT_EQ(count, 1u);
}

TEST_F(TaskRowsTest, CustomerByCompanyIdResolvesMergedId) {
  auto page =
      nlohmann::json::parse(testing::ReadTestData("clickup/get_list_tasks_sprint41_page1.json"));
  for (auto& task : page["tasks"]) {
    for (auto& field : task["custom_fields"]) {
      if (field["name"] == "Ticket Ref" && task["id"] == "86c0a1b07")
        field["value"] = "31000000191";
    }
  }
  builder_.AddAllFixtures();
  builder_.AddPage("clickup.tasks", "/v2/list/901800110041/task", page.dump(),
                   {{"list_id", "901800110041"}}, 1);
  config::Config config = testing::DemoConfig();
  config.clickup.customer_field = "Ticket Ref";
  config.clickup.customer_match = config::CustomerMatch::kCompanyId;
  Run(config);
  EXPECT_EQ(FindRow(tasks_, "task_id", "86c0a1b07")["customer_id"], "31000000102");
}

}  // namespace
}  // namespace sprintetl::transform
