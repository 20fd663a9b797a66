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
