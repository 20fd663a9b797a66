#include "fakes/fake_clickup.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace sprintetl::fakes {
namespace {

using nlohmann::json;

constexpr char kSprint41[] = "901800110041";
constexpr char kSprint40[] = "901800110040";
constexpr char kBacklog[] = "901800120001";
constexpr char kSprintFolder[] = "90170011";
constexpr char kSpace[] = "90160001";

class FakeClickUpTest : public ::testing::Test {
 protected:
  void StartFake(FakeClickUpOptions options = {}) {
    fake_ = std::make_unique<FakeClickUp>(std::move(options));
    int port = fake_->Start();
    ASSERT_NE(port, 0) << fake_->error();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  }

  httplib::Result Get(const std::string& path, const std::string& token = "pk_test_clickup") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", token);
    return client_->Get(("/api" + path).c_str(), headers);
  }

  httplib::Result Post(const std::string& path, const json& body) {
    httplib::Headers headers = {{"Authorization", "pk_test_clickup"}};
    return client_->Post(("/api" + path).c_str(), headers, body.dump(), "application/json");
  }

  static std::vector<std::string> TaskIds(const json& page) {
    std::vector<std::string> ids;
    for (const json& task : page["tasks"]) ids.push_back(task["id"]);
    return ids;
  }

  static json ReadFixture(const std::string& name) {
    std::ifstream in(TestDataDir() + "/clickup/" + name);
    return json::parse(in);
  }

  std::unique_ptr<FakeClickUp> fake_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(FakeClickUpTest, ServesUserWithRateHeaders) {
  StartFake();
  EXPECT_EQ(fake_->base_url(), "http://127.0.0.1:" + std::to_string(fake_->port()) + "/api");
  auto response = Get("/v2/user");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(json::parse(response->body)["user"]["timezone"], "America/New_York");
  EXPECT_EQ(response->get_header_value("X-RateLimit-Limit"), "100");
  EXPECT_EQ(response->get_header_value("X-RateLimit-Remaining"), "99");
  EXPECT_FALSE(response->get_header_value("X-RateLimit-Reset").empty());
}

TEST_F(FakeClickUpTest, AuthErrorsUseFixtureBodies) {
  StartFake();
  auto missing = Get("/v2/team", "");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_EQ(json::parse(missing->body)["ECODE"], "OAUTH_017");

  auto wrong = Get("/v2/team", "Bearer pk_test_clickup");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(json::parse(wrong->body)["ECODE"], "OAUTH_025");

  auto unknown_team = Get("/v2/team/123/space");
  ASSERT_TRUE(unknown_team);
  EXPECT_EQ(unknown_team->status, 401);
  EXPECT_EQ(json::parse(unknown_team->body)["ECODE"], "OAUTH_023");
}

TEST_F(FakeClickUpTest, ServesHierarchy) {
  StartFake();
  auto spaces = Get("/v2/team/9015550001/space");
  ASSERT_TRUE(spaces);
  EXPECT_EQ(json::parse(spaces->body)["spaces"].size(), 2u);

  auto groups = Get("/v2/group?team_id=9015550001");
  ASSERT_TRUE(groups);
  EXPECT_EQ(json::parse(groups->body)["groups"].size(), 4u);

  auto folders = Get(std::string("/v2/space/") + kSpace + "/folder");
  ASSERT_TRUE(folders);
  json folder_list = json::parse(folders->body)["folders"];
  ASSERT_EQ(folder_list.size(), 3u);
  EXPECT_EQ(folder_list[0]["lists"].size(), 3u);

  auto sprint_lists = Get(std::string("/v2/folder/") + kSprintFolder + "/list");
  ASSERT_TRUE(sprint_lists);
  json lists = json::parse(sprint_lists->body)["lists"];
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_EQ(lists[0]["start_date"], "1792483200000");

  auto folderless = Get(std::string("/v2/space/") + kSpace + "/list");
  ASSERT_TRUE(folderless);
  json inbox = json::parse(folderless->body)["lists"];
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0]["name"], "Inbox");
}

TEST_F(FakeClickUpTest, ListDetailAndFields) {
  StartFake();
  auto sprint41 = Get(std::string("/v2/list/") + kSprint41);
  ASSERT_TRUE(sprint41);
  EXPECT_EQ(json::parse(sprint41->body), ReadFixture("get_list_sprint41.json"));

  auto sprint40 = Get(std::string("/v2/list/") + kSprint40);
  ASSERT_TRUE(sprint40);
  json detail = json::parse(sprint40->body);
  EXPECT_EQ(detail["name"], "Sprint 40 (10/20 - 11/2)");
  EXPECT_EQ(detail["statuses"].size(), 5u);
  EXPECT_TRUE(detail.contains("inbound_address"));

  auto fields = Get(std::string("/v2/list/") + kSprint40 + "/field");
  ASSERT_TRUE(fields);
  EXPECT_EQ(json::parse(fields->body)["fields"].size(), 10u);

  auto unknown = Get("/v2/list/1");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_TRUE(json::parse(unknown->body).contains("ECODE"));
}

TEST_F(FakeClickUpTest, PaginatesTasksWithLastPage) {
  FakeClickUpOptions options;
  options.page_size = 4;
  StartFake(options);
  std::string path =
      std::string("/v2/list/") + kSprint41 + "/task?include_closed=true&subtasks=true";
  std::vector<size_t> sizes;
  std::vector<bool> last;
  for (int page = 0; page < 4; ++page) {
    auto response = Get(path + "&page=" + std::to_string(page));
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200);
    json body = json::parse(response->body);
    sizes.push_back(body["tasks"].size());
    last.push_back(body["last_page"]);
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{4, 4, 1, 0}));
  EXPECT_EQ(last, (std::vector<bool>{false, false, true, true}));

  auto bad_page = Get(path + "&page=-1");
  ASSERT_TRUE(bad_page);
  EXPECT_EQ(bad_page->status, 400);
}

TEST_F(FakeClickUpTest, FiltersClosedAndSubtasksByDefault) {
  StartFake();
  std::string path = std::string("/v2/list/") + kSprint41 + "/task?page=0";
  auto plain = Get(path);
  ASSERT_TRUE(plain);
  EXPECT_EQ(TaskIds(json::parse(plain->body)),
            (std::vector<std::string>{"86c0a1b01", "86c0a1b03", "86c0a1b04", "86c0a1b08"}));

  auto closed = Get(path + "&include_closed=true");
  ASSERT_TRUE(closed);
  EXPECT_EQ(json::parse(closed->body)["tasks"].size(), 7u);

  auto subtasks = Get(path + "&subtasks=true");
  ASSERT_TRUE(subtasks);
  EXPECT_EQ(json::parse(subtasks->body)["tasks"].size(), 6u);
}

TEST_F(FakeClickUpTest, IncludeTimlAddsTasksHomedElsewhere) {
  StartFake();
  std::string path = std::string("/v2/list/") + kBacklog + "/task?page=0";
  auto without = Get(path);
  ASSERT_TRUE(without);
  EXPECT_TRUE(json::parse(without->body)["tasks"].empty());

  auto with = Get(path + "&include_timl=true");
  ASSERT_TRUE(with);
  EXPECT_EQ(TaskIds(json::parse(with->body)), (std::vector<std::string>{"86c0a1b04"}));
}

TEST_F(FakeClickUpTest, LoadsSprint40TaskFile) {
  StartFake();
  auto response =
      Get(std::string("/v2/list/") + kSprint40 + "/task?page=0&include_closed=true&subtasks=true");
  ASSERT_TRUE(response);
  json tasks = json::parse(response->body)["tasks"];
  ASSERT_EQ(tasks.size(), 8u);
  for (const json& task : tasks) EXPECT_EQ(task["list"]["id"], kSprint40);
}

TEST_F(FakeClickUpTest, MovedTaskServedFromItsNewList) {
  StartFake();
  std::string flags = "/task?page=0&include_closed=true&subtasks=true";
  std::string sprint40 = std::string("/v2/list/") + kSprint40 + flags;
  std::string backlog = std::string("/v2/list/") + kBacklog + flags;
  auto before = Get(sprint40);
  ASSERT_TRUE(before);
  std::vector<std::string> sprint40_ids = TaskIds(json::parse(before->body));
  ASSERT_FALSE(sprint40_ids.empty());
  std::string moved_id = sprint40_ids.front();

  std::optional<Json> moved = fake_->FindTask(moved_id);
  ASSERT_TRUE(moved.has_value());
  (*moved)["list"]["id"] = kBacklog;
  fake_->AddTask(*moved);
  auto old_list = Get(sprint40);
  auto new_list = Get(backlog);
  ASSERT_TRUE(old_list);
  ASSERT_TRUE(new_list);
  std::vector<std::string> old_ids = TaskIds(json::parse(old_list->body));
  std::vector<std::string> new_ids = TaskIds(json::parse(new_list->body));
  EXPECT_EQ(old_ids.size() + 1, sprint40_ids.size());
  EXPECT_EQ(std::count(old_ids.begin(), old_ids.end(), moved_id), 0);
  EXPECT_EQ(std::count(new_ids.begin(), new_ids.end(), moved_id), 1);

  ASSERT_TRUE(fake_->DeleteTask(moved_id));
  auto after_delete = Get(backlog);
  ASSERT_TRUE(after_delete);
  std::vector<std::string> remaining_ids = TaskIds(json::parse(after_delete->body));
  EXPECT_EQ(std::count(remaining_ids.begin(), remaining_ids.end(), moved_id), 0);
}

TEST_F(FakeClickUpTest, GetTaskOrNotFound) {
  StartFake();
  auto found = Get("/v2/task/86c0a1b05");
  ASSERT_TRUE(found);
  EXPECT_EQ(json::parse(found->body)["parent"], "86c0a1b04");

  auto missing = Get("/v2/task/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(json::parse(missing->body)["ECODE"], "ITEM_013");
}

TEST_F(FakeClickUpTest, RateLimitReturns429AfterBudget) {
  FakeClickUpOptions options;
  options.rate_limit = 3;
  StartFake(options);
  for (int i = 0; i < 3; ++i) {
    auto response = Get("/v2/user");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
  }
  auto limited = Get("/v2/user");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(json::parse(limited->body)["ECODE"], "APP_002");
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Limit"), "3");
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Remaining"), "0");
  int64_t reset = std::stoll(limited->get_header_value("X-RateLimit-Reset"));
  EXPECT_GE(reset * 1000, NowUnixMs());

  std::vector<RateWindow> windows = fake_->rate_windows();
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].accepted, 3);
}

TEST_F(FakeClickUpTest, InjectedFaultsApplyToMatchingRequests) {
  StartFake();
  fake_->InjectFault("/task", {FaultKind::kHttp503, 1});
  fake_->InjectFault("/v2/team", {FaultKind::kMalformedBody, 1});
  fake_->InjectFault("/v2/user", {FaultKind::kTruncatedBody, 1});
  fake_->InjectFault("/field", {FaultKind::kRateLimited, 1});
  std::string tasks = std::string("/v2/list/") + kSprint41 + "/task";

  auto unavailable = Get(tasks);
  ASSERT_TRUE(unavailable);
  EXPECT_EQ(unavailable->status, 503);
  auto recovered = Get(tasks);
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->status, 200);

  auto malformed = Get("/v2/team");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 200);
  EXPECT_TRUE(json::parse(malformed->body, nullptr, false).is_discarded());

  auto truncated = Get("/v2/user");
  ASSERT_TRUE(truncated);
  auto whole = Get("/v2/user");
  ASSERT_TRUE(whole);
  EXPECT_EQ(truncated->status, 200);
  EXPECT_EQ(truncated->body, whole->body.substr(0, whole->body.size() / 2));
  EXPECT_TRUE(json::parse(truncated->body, nullptr, false).is_discarded());

  auto limited = Get(std::string("/v2/list/") + kSprint41 + "/field");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Remaining"), "0");
}

TEST_F(FakeClickUpTest, RecordsRequests) {
  StartFake();
  ASSERT_TRUE(Get("/v2/user"));
  ASSERT_TRUE(Post(std::string("/v2/list/") + kSprint41 + "/task", {{"name", "x"}}));
  ASSERT_EQ(fake_->request_count(), 2u);
  std::vector<RecordedRequest> requests = fake_->requests();
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/api/v2/user");
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(json::parse(requests[1].body)["name"], "x");

  ASSERT_TRUE(Get("/v2/list/1/task?page=2&subtasks=true"));
  EXPECT_EQ(fake_->requests().back().query, "page=2&subtasks=true");
  fake_->ClearRequests();
  EXPECT_EQ(fake_->request_count(), 0u);
}

TEST_F(FakeClickUpTest, CreateTaskRejectsInvalidBodies) {
  StartFake();
  std::string path = std::string("/v2/list/") + kSprint41 + "/task";
  json customer_field = {{"id", "f1000000-aaaa-4bbb-8ccc-000000000001"}, {"value", "nope"}};
  struct Case {
    const char* name;
    json body;
  };
  std::vector<Case> cases = {
      {"missing name", {{"status", "to do"}}},
      {"empty name", {{"name", ""}}},
      {"unknown status", {{"name", "t"}, {"status", "shipped"}}},
      {"priority out of range", {{"name", "t"}, {"priority", 5}}},
      {"string due date", {{"name", "t"}, {"due_date", "1794646800000"}}},
      {"unknown parent", {{"name", "t"}, {"parent", "nope"}}},
      {"unknown field",
       {{"name", "t"}, {"custom_fields", {{{"id", "f9999999-0000"}, {"value", 1}}}}}},
      {"bad dropdown value", {{"name", "t"}, {"custom_fields", {customer_field}}}},
  };
  for (const Case& test : cases) {
    auto response = Post(path, test.body);
    ASSERT_TRUE(response) << test.name;
    EXPECT_GE(response->status, 400) << test.name;
    EXPECT_LT(response->status, 500) << test.name;
    EXPECT_TRUE(json::parse(response->body).contains("ECODE")) << test.name;
  }
  auto dropdown = Post(path, cases.back().body);
  ASSERT_TRUE(dropdown);
  EXPECT_EQ(dropdown->status, 400);
  EXPECT_EQ(json::parse(dropdown->body)["ECODE"], "FIELD_011");
  EXPECT_TRUE(fake_->CreatedTasks(kSprint41).empty());
}

TEST_F(FakeClickUpTest, CreateTaskStoresReadBackForm) {
  StartFake();
  auto created =
      Post(std::string("/v2/list/") + kSprint41 + "/task", ReadFixture("create_task_request.json"));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  json task = json::parse(created->body);
  json expected = ReadFixture("create_task_response.json");
  EXPECT_EQ(task["status"], expected["status"]);
  EXPECT_EQ(task["priority"], expected["priority"]);
  EXPECT_EQ(task["due_date"], expected["due_date"]);
  EXPECT_EQ(task["assignees"], expected["assignees"]);
  EXPECT_EQ(task["description"], expected["description"]);
  EXPECT_EQ(task["list"]["id"], kSprint41);
  ASSERT_EQ(task["custom_fields"].size(), expected["custom_fields"].size());
  for (size_t i = 0; i < expected["custom_fields"].size(); ++i) {
    EXPECT_EQ(task["custom_fields"][i], expected["custom_fields"][i]) << "field " << i;
  }

  auto listed = Get(std::string("/v2/list/") + kSprint41 + "/task?page=0");
  ASSERT_TRUE(listed);
  std::vector<std::string> ids = TaskIds(json::parse(listed->body));
  EXPECT_EQ(ids.back(), task["id"]);
  auto fetched = Get("/v2/task/" + task["id"].get<std::string>());
  ASSERT_TRUE(fetched);
  EXPECT_EQ(fetched->status, 200);
  ASSERT_EQ(fake_->CreatedTasks(kSprint41).size(), 1u);
}

TEST_F(FakeClickUpTest, CreatesFoldersListsAndSubtasks) {
  StartFake();
  auto duplicate =
      Post(std::string("/v2/space/") + kSpace + "/folder", {{"name", "Sprint History"}});
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->status, 400);

  auto folder = Post(std::string("/v2/space/") + kSpace + "/folder", {{"name", "Archive 2026"}});
  ASSERT_TRUE(folder);
  ASSERT_EQ(folder->status, 200);
  std::string folder_id = json::parse(folder->body)["id"];

  json list_body = ReadFixture("create_list_request.json");
  auto list = Post("/v2/folder/" + folder_id + "/list", list_body);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  json created_list = json::parse(list->body);
  EXPECT_EQ(created_list["due_date"], "1794819600000");
  EXPECT_EQ(created_list["statuses"].size(), 5u);
  std::string list_id = created_list["id"];

  auto lists = Get("/v2/folder/" + folder_id + "/list");
  ASSERT_TRUE(lists);
  EXPECT_EQ(json::parse(lists->body)["lists"].size(), 1u);

  auto parent = Post("/v2/list/" + list_id + "/task", {{"name", "parent"}, {"status", "DONE"}});
  ASSERT_TRUE(parent);
  ASSERT_EQ(parent->status, 200);
  json parent_task = json::parse(parent->body);
  EXPECT_EQ(parent_task["status"]["status"], "done");
  EXPECT_FALSE(parent_task["date_done"].is_null());
  auto child =
      Post("/v2/list/" + list_id + "/task", {{"name", "child"}, {"parent", parent_task["id"]}});
  ASSERT_TRUE(child);
  ASSERT_EQ(child->status, 200);
  EXPECT_EQ(json::parse(child->body)["top_level_parent"], parent_task["id"]);

  EXPECT_EQ(fake_->CreatedFolders().size(), 1u);
  EXPECT_EQ(fake_->CreatedLists().size(), 1u);
  EXPECT_EQ(fake_->CreatedTasks(list_id).size(), 2u);
}

TEST_F(FakeClickUpTest, LaterDataDirOverridesFile) {
  std::filesystem::path overlay = std::filesystem::path(testing::TempDir()) / "clickup_overlay";
  std::filesystem::create_directories(overlay);
  std::ofstream(overlay / "get_user.json") << R"({"user": {"id": 1, "timezone": "Europe/Oslo"}})";
  FakeClickUpOptions options;
  options.data_dirs.push_back(overlay.string());
  StartFake(options);
  auto response = Get("/v2/user");
  ASSERT_TRUE(response);
  EXPECT_EQ(json::parse(response->body)["user"]["timezone"], "Europe/Oslo");
  std::filesystem::remove_all(overlay);
}

TEST_F(FakeClickUpTest, StartFailsWithoutFixtures) {
  FakeClickUpOptions options;
  options.data_dirs = {"/nonexistent-sprintetl-fixtures"};
  FakeClickUp fake(options);
  EXPECT_EQ(fake.Start(), 0);
  EXPECT_NE(fake.error().find("get_user.json"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::fakes
