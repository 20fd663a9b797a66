#include "archive/task_copy.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace sprintetl::archive {
namespace {

using nlohmann::json;

json ReadData(const std::string& name) {
  std::ifstream in(std::string(SPRINTETL_TEST_DATA_DIR) + "/clickup/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

json TaskById(const std::string& id) {
  for (const char* page : {"get_list_tasks_sprint41_page0.json", "get_list_tasks_sprint41_page1.json"}) {
    json body = ReadData(page);
    for (const auto& task : body["tasks"]) {
      if (task["id"] == id) return task;
    }
  }
  ADD_FAILURE() << "fixture task " << id << " not found";
  return json::object();
}

TargetList HistoryList() {
  TargetList target;
  json list = ReadData("get_list_sprint41.json");
  for (const auto& status : list["statuses"]) {
    target.statuses.push_back(status["status"]);
  }
  target.fields = ReadData("get_list_fields_sprint41.json")["fields"];
  return target;
}

const json* CustomField(const json& body, const std::string& id) {
  for (const auto& field : body["custom_fields"]) {
    if (field["id"] == id) return &field;
  }
  return nullptr;
}

TEST(TaskCopyTest, DropDownWrittenAsOptionId) {
  TaskCopy copy = BuildTaskCopy(TaskById("86c0a1b01"), HistoryList(), {});
  const json* customer = CustomField(copy.body, "f1000000-aaaa-4bbb-8ccc-000000000001");
  ASSERT_NE(customer, nullptr);
  EXPECT_TRUE((*customer)["value"].is_string()) << customer->dump();
  EXPECT_EQ((*customer)["value"].get<std::string>().size(), 36u);
}

TEST(TaskCopyTest, CarriesCoreFieldsAndLink) {
  json task = TaskById("86c0a1b01");
  TaskCopy copy = BuildTaskCopy(task, HistoryList(), {});
  EXPECT_EQ(copy.body["name"], task["name"]);
  EXPECT_NE(copy.body["markdown_content"].get<std::string>().find(task["url"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(copy.body["status"], task["status"]["status"]);
  EXPECT_EQ(copy.body["tags"].size(), 2u);
  EXPECT_TRUE(copy.body["due_date"].is_number_integer());
  EXPECT_TRUE(copy.body["assignees"].is_array());
}

TEST(TaskCopyTest, UnknownStatusFallsBackAndIsReported) {
  TargetList target = HistoryList();
  target.statuses = {"Archived", "Open"};
  CopyOptions options;
  options.fallback_status = "Archived";
  TaskCopy copy = BuildTaskCopy(TaskById("86c0a1b02"), target, options);
  EXPECT_EQ(copy.body["status"], "Archived");
  ASSERT_FALSE(copy.dropped.empty());
  EXPECT_NE(copy.dropped.front().find("not on the history list"), std::string::npos);
}

TEST(TaskCopyTest, FieldsMissingOnHistoryListReported) {
  TargetList target = HistoryList();
  target.fields = json::array();
  TaskCopy copy = BuildTaskCopy(TaskById("86c0a1b01"), target, {});
  EXPECT_FALSE(copy.body.contains("custom_fields"));
  EXPECT_GE(copy.dropped.size(), 4u);
}

TEST(TaskCopyTest, SubtaskPointsToParentCopy) {
  CopyOptions options;
  options.parent_copy_id = "copy-of-04";
  TaskCopy copy = BuildTaskCopy(TaskById("86c0a1b05"), HistoryList(), options);
  EXPECT_EQ(copy.body["parent"], "copy-of-04");
  EXPECT_DOUBLE_EQ(copy.body["points"].get<double>(), 1.5);
}

TEST(TaskCopyTest, StringTimeEstimateBecomesNumber) {
  TaskCopy copy = BuildTaskCopy(TaskById("86c0a1b06"), HistoryList(), {});
  EXPECT_EQ(copy.body["time_estimate"].get<long long>(), 7200000);
}

}  // namespace
}  // namespace sprintetl::archive

namespace sprintetl::archive {
namespace {

TEST(TaskCopyStatusTest, MapTakesPrecedenceOverSameName) {
  TargetList target;
  target.statuses = {"to do", "In Progress", "done"};
  CopyOptions options;
  options.status_map = {{"review", "in progress"}};
  std::vector<std::string> dropped;
  EXPECT_EQ(MapStatus("Review", target, options, dropped), "In Progress");
  EXPECT_TRUE(dropped.empty());
  EXPECT_EQ(MapStatus("DONE", target, options, dropped), "done");
  EXPECT_TRUE(dropped.empty());
}

TEST(TaskCopyStatusTest, MissingFallbackUsesFirstStatus) {
  TargetList target;
  target.statuses = {"Open", "Closed"};
  CopyOptions options;
  options.fallback_status = "archived";
  std::vector<std::string> dropped;
  EXPECT_EQ(MapStatus("blocked", target, options, dropped), "Open");
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_NE(dropped[0].find("fallback 'archived'"), std::string::npos) << dropped[0];
}

TEST(TaskCopyMembersTest, NonMembersDroppedEverywhere) {
  nlohmann::json task = {
      {"id", "t1"},
      {"name", "Task"},
      {"status", {{"status", "to do"}}},
      {"assignees", {{{"id", 1}, {"username", "kept"}}, {{"id", 2}, {"username", "gone"}}}},
      {"custom_fields",
       {{{"id", "u"}, {"name", "Reviewer"}, {"type", "users"},
         {"value", {{{"id", 2}}, {{"id", 1}}}}}}}};
  TargetList target;
  target.statuses = {"to do"};
  target.fields = {{{"id", "u2"}, {"name", "Reviewer"}, {"type", "users"}}};
  CopyOptions options;
  options.members = std::set<long long>{1};
  TaskCopy copy = BuildTaskCopy(task, target, options);
  EXPECT_EQ(copy.body["assignees"], nlohmann::json::array({1}));
  EXPECT_EQ(copy.body["custom_fields"][0]["value"]["add"], nlohmann::json::array({1}));
  EXPECT_EQ(copy.dropped.size(), 2u);
}

TEST(TaskCopyDatesTest, TimeFlagInferredFromZone) {
  nlohmann::json task = {{"id", "t1"},
                         {"name", "Task"},
                         {"due_date", "1794646800000"},     // 2026-11-14 04:00 New York
                         {"start_date", "1794868200000"}};  // 22:30Z: a time of day
  CopyOptions options;
  auto zone = transform::WorkspaceZone::Locate("America/New_York");
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  options.zone = *zone;
  TaskCopy copy = BuildTaskCopy(task, TargetList{{"to do"}, nlohmann::json::array()}, options);
  EXPECT_EQ(copy.body["due_date_time"], false);
  EXPECT_EQ(copy.body["start_date_time"], true);
}

TEST(TaskCopyChecklistTest, ItemsKeepOrderAndState) {
  nlohmann::json task = {
      {"id", "t1"},
      {"name", "Task"},
      {"status", {{"status", "to do"}}},
      {"checklists",
       {{{"name", "DoD"},
         {"items",
          {{{"name", "a"}, {"resolved", true}, {"parent", nullptr}},
           {{"name", "b"}, {"resolved", false}, {"parent", "a-id"}}}}}}}};
  TaskCopy copy = BuildTaskCopy(task, TargetList{{"to do"}, nlohmann::json::array()}, {});
  ASSERT_EQ(copy.checklists.size(), 1u);
  ASSERT_EQ(copy.checklists[0].items.size(), 2u);
  EXPECT_TRUE(copy.checklists[0].items[0].resolved);
  EXPECT_FALSE(copy.checklists[0].items[1].resolved);
  ASSERT_EQ(copy.dropped.size(), 1u);
  EXPECT_NE(copy.dropped[0].find("nesting"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::archive
