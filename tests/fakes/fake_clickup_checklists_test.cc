#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "fakes/fake_clickup.h"
#include "fakes/sprint_generator.h"

namespace sprintetl::fakes {
namespace {

using nlohmann::json;

class FakeClickUpChecklistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = std::make_unique<FakeClickUp>();
    int port = fake_->Start();
    ASSERT_NE(port, 0) << fake_->error();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  }

  httplib::Result Post(const std::string& path, const std::string& body) {
    httplib::Headers headers = {{"Authorization", "pk_test_clickup"}};
    return client_->Post(("/api" + path).c_str(), headers, body, "application/json");
  }

  std::unique_ptr<FakeClickUp> fake_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(FakeClickUpChecklistTest, StoresChecklistOnTask) {
  auto created = Post("/v2/task/86c0a1b01/checklist", R"({"name":"Done when"})");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  std::string id = json::parse(created->body)["checklist"]["id"];

  auto item = Post("/v2/checklist/" + id + "/checklist_item",
                   R"({"name":"Tests","assignee":50010003,"resolved":true})");
  ASSERT_TRUE(item);
  ASSERT_EQ(item->status, 200) << item->body;
  json items = json::parse(item->body)["checklist"]["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["assignee"]["id"], 50010003);

  auto task = client_->Get("/api/v2/task/86c0a1b01", {{"Authorization", "pk_test_clickup"}});
  ASSERT_TRUE(task);
  json checklists = json::parse(task->body)["checklists"];
  ASSERT_EQ(checklists.size(), 1u);
  EXPECT_EQ(checklists[0]["name"], "Done when");
  EXPECT_EQ(checklists[0]["resolved"], 1);
  EXPECT_EQ(checklists[0]["items"][0]["resolved"], true);
}

TEST_F(FakeClickUpChecklistTest, RejectsLikeClickUp) {
  auto no_name = Post("/v2/task/86c0a1b01/checklist", R"({"name":""})");
  ASSERT_TRUE(no_name);
  EXPECT_EQ(no_name->status, 400);
  auto no_task = Post("/v2/task/nope/checklist", R"({"name":"x"})");
  ASSERT_TRUE(no_task);
  EXPECT_EQ(no_task->status, 404);
  auto no_checklist = Post("/v2/checklist/nope/checklist_item", R"({"name":"x"})");
  ASSERT_TRUE(no_checklist);
  EXPECT_EQ(no_checklist->status, 404);

  auto created = Post("/v2/task/86c0a1b01/checklist", R"({"name":"c"})");
  ASSERT_TRUE(created);
  std::string id = json::parse(created->body)["checklist"]["id"];
  std::string path = "/v2/checklist/" + id + "/checklist_item";
  auto stranger = Post(path, R"({"name":"x","assignee":50019999})");
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->status, 400);
  auto bad_resolved = Post(path, R"({"name":"x","resolved":"yes"})");
  ASSERT_TRUE(bad_resolved);
  EXPECT_EQ(bad_resolved->status, 400);
  auto no_item_name = Post(path, R"({"assignee":50010003})");
  ASSERT_TRUE(no_item_name);
  EXPECT_EQ(no_item_name->status, 400);
}

TEST_F(FakeClickUpChecklistTest, DeleteTaskTakesSubtasks) {
  EXPECT_TRUE(fake_->DeleteTask("86c0a1b04"));
  EXPECT_FALSE(fake_->FindTask("86c0a1b04").has_value());
  EXPECT_FALSE(fake_->FindTask("86c0a1b05").has_value());
  EXPECT_FALSE(fake_->FindTask("86c0a1b09").has_value());
  EXPECT_TRUE(fake_->FindTask("86c0a1b01").has_value());
  EXPECT_FALSE(fake_->DeleteTask("86c0a1b04"));
  auto task = client_->Get("/api/v2/task/86c0a1b05", {{"Authorization", "pk_test_clickup"}});
  ASSERT_TRUE(task);
  EXPECT_EQ(task->status, 404);
}

TEST_F(FakeClickUpChecklistTest, FaultAfterPassesFirstRequests) {
  fake_->InjectFault("/v2/user", {FaultKind::kHttp500, 1, 2});
  httplib::Headers headers = {{"Authorization", "pk_test_clickup"}};
  EXPECT_EQ(client_->Get("/api/v2/user", headers)->status, 200);
  EXPECT_EQ(client_->Get("/api/v2/user", headers)->status, 200);
  EXPECT_EQ(client_->Get("/api/v2/user", headers)->status, 500);
  EXPECT_EQ(client_->Get("/api/v2/user", headers)->status, 200);
}

TEST(SprintGeneratorTest, ParentsBeforeSubtasks) {
  GeneratedSprintOptions options;
  options.list_id = "901800110042";
  options.count = 30;
  std::vector<Json> tasks = GenerateSprintTasks(FullTaskTemplate(), options);
  ASSERT_EQ(tasks.size(), 30u);
  EXPECT_EQ(tasks[9]["id"], "86g000010");
  EXPECT_TRUE(tasks[9]["parent"].is_null());
  EXPECT_EQ(tasks[10]["parent"], "86g000010");
  EXPECT_EQ(tasks[11]["parent"], "86g000010");
  EXPECT_TRUE(tasks[12]["parent"].is_null());
  EXPECT_EQ(tasks[19]["checklists"].size(), 1u);
  EXPECT_EQ(tasks[0]["list"]["id"], "901800110042");
}

}  // namespace
}  // namespace sprintetl::fakes
