#include "archive/sprint_history.h"

#include <httplib.h>

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "archive/archive_harness.h"

namespace sprintetl::archive {
namespace {

using fakes::Json;
using testing::ArchiveHarness;
using testing::kSprint41;

// A copy of fixture task `id` with `changes` merged in, as a landed source task.
Json FixtureTask(const std::string& id, const Json& changes = Json::object()) {
  for (int page = 0; page < 2; ++page) {
    fakes::FixtureDirs dirs({fakes::TestDataDir() + "/clickup"});
    std::string error;
    auto body = dirs.ReadJson("get_list_tasks_sprint41_page" + std::to_string(page) + ".json",
                              &error);
    for (Json task : (*body)["tasks"]) {
      if (task["id"] != id) continue;
      task.update(changes);
      return task;
    }
  }
  ADD_FAILURE() << "fixture task " << id << " not found";
  return Json::object();
}

const Json* CopyNamed(const std::vector<Json>& copies, const std::string& name) {
  for (const Json& copy : copies) {
    if (copy["name"] == name) return &copy;
  }
  return nullptr;
}

const Json* FieldNamed(const Json& task, const std::string& name) {
  for (const Json& field : task["custom_fields"]) {
    if (field["name"] == name) return &field;
  }
  return nullptr;
}

bool HasItem(const ArchiveSummary& summary, const std::string& kind, const std::string& task_id,
             const std::string& text_part = "") {
  return std::any_of(summary.items.begin(), summary.items.end(), [&](const ArchiveItem& item) {
    return item.kind == kind && item.task_id == task_id &&
           item.text.find(text_part) != std::string::npos;
  });
}

TEST(SprintHistoryTest, CopiesFixtureSprintFaithfully) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->copied, 9);
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  EXPECT_TRUE(summary->created_list);
  EXPECT_FALSE(summary->created_folder);

  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 9u);
  const Json* copy = CopyNamed(copies, "Export invoices to warehouse");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ((*copy)["status"]["status"], "in progress");
  EXPECT_EQ((*copy)["assignees"][0]["id"], 50010002);
  EXPECT_EQ((*copy)["tags"].size(), 2u);
  EXPECT_EQ((*copy)["priority"]["id"], "2");
  EXPECT_EQ((*copy)["points"], 5);
  EXPECT_EQ((*copy)["time_estimate"], 28800000);
  EXPECT_EQ((*copy)["due_date"], "1794646800000");
  EXPECT_EQ((*copy)["start_date"], "1793696400000");
  EXPECT_NE((*copy)["description"].get<std::string>().find("Original task: https://"),
            std::string::npos);
  const Json* customer = FieldNamed(*copy, "Customer");
  ASSERT_NE(customer, nullptr);
  EXPECT_EQ((*customer)["value"], 1);  // Café Ümlaut & Söhne, read back as its orderindex
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), "9");
}

TEST(SprintHistoryTest, CreateBodyCarriesTimeFlags) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  ASSERT_TRUE(harness.Archive().ok());
  bool seen_timed = false;
  bool seen_date_only = false;
  for (const auto& request : harness.clickup().requests()) {
    if (request.method != "POST" || request.path.find("/task") == std::string::npos) continue;
    Json body = Json::parse(request.body);
    if (body["name"] == "Write SCD2 merge for dim_customer") {
      EXPECT_EQ(body["due_date_time"], true);  // due at 22:30Z, a time of day
      seen_timed = true;
    }
    if (body["name"] == "Export invoices to warehouse") {
      EXPECT_EQ(body["due_date_time"], false);  // 04:00 New York: a date-only due date
      EXPECT_TRUE(body["markdown_content"].is_string());
      seen_date_only = true;
    }
  }
  EXPECT_TRUE(seen_timed);
  EXPECT_TRUE(seen_date_only);
}

TEST(SprintHistoryTest, SubtasksUnderParentCopy) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  ASSERT_TRUE(harness.Archive().ok());
  std::string parent = harness.Scalar(
      "SELECT copy_task_id FROM archive_map WHERE task_id = '86c0a1b04'");
  for (const char* subtask : {"86c0a1b05", "86c0a1b09"}) {
    std::string copy_id = harness.Scalar(
        std::string("SELECT copy_task_id FROM archive_map WHERE task_id = '") + subtask + "'");
    auto copy = harness.clickup().FindTask(copy_id);
    ASSERT_TRUE(copy.has_value()) << subtask;
    EXPECT_EQ((*copy)["parent"], parent) << subtask;
  }
}

TEST(SprintHistoryTest, DryRunWritesNothing) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  ArchiveOptions options;
  options.dry_run = true;
  auto summary = harness.Archive(options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  EXPECT_EQ(harness.CountRequests("POST"), 0);
  EXPECT_EQ(harness.CountRequests("GET"), static_cast<int>(harness.clickup().request_count()));
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), "0");
  EXPECT_TRUE(summary->created_list);
  EXPECT_EQ(summary->copied, 9);
  EXPECT_TRUE(HasItem(*summary, "list", "", "Sprint 41 (11/3 - 11/16): create"));
  EXPECT_TRUE(HasItem(*summary, "copy", "86c0a1b05"));
  EXPECT_TRUE(HasItem(*summary, "note", "", "custom fields are unknown"));
}

TEST(SprintHistoryTest, DryRunOnExistingListReportsFields) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  harness.CreateHistoryList();
  ArchiveOptions options;
  options.dry_run = true;
  auto summary = harness.Archive(options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(harness.CountRequests("POST"), 1);  // the test's own list creation
  EXPECT_TRUE(HasItem(*summary, "dropped", "86c0a1b01", "field 'Margin %'"));
  EXPECT_TRUE(HasItem(*summary, "list", "", "exists"));
}

TEST(SprintHistoryTest, RerunCreatesNothing) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  ASSERT_TRUE(harness.Archive().ok());
  harness.clickup().ClearRequests();

  auto again = harness.Archive();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->copied, 0);
  EXPECT_EQ(again->already_copied, 9);
  EXPECT_EQ(harness.CountRequests("POST"), 0);
  EXPECT_EQ(harness.clickup().CreatedLists().size(), 1u);
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), "9");
}

TEST(SprintHistoryTest, ResumesAfterFailureAtTaskN) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  std::string list_id = harness.CreateHistoryList();
  // The first four creates pass, every later one fails.
  harness.clickup().InjectFault("/v2/list/" + list_id + "/task",
                                {fakes::FaultKind::kHttp500, 100, 4});
  auto first = harness.Archive();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->copied, 4);
  EXPECT_EQ(first->failed_ids.size(), 5u);
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), "4");

  harness.clickup().ClearFaults();
  harness.clickup().ClearRequests();
  auto second = harness.Archive();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->copied, 5);
  EXPECT_EQ(second->already_copied, 4);
  EXPECT_TRUE(second->failed.empty());
  EXPECT_EQ(harness.CountRequests("POST"), 5);

  std::vector<Json> copies = harness.Copies(list_id);
  std::set<std::string> names;
  for (const Json& copy : copies) names.insert(copy["name"]);
  EXPECT_EQ(copies.size(), 9u);
  EXPECT_EQ(names.size(), 9u);
}

TEST(SprintHistoryTest, RepairRecreatesDeletedCopy) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  ASSERT_TRUE(harness.Archive().ok());
  std::string old_parent =
      harness.Scalar("SELECT copy_task_id FROM archive_map WHERE task_id = '86c0a1b04'");
  ASSERT_TRUE(harness.clickup().DeleteTask(old_parent));  // takes its two subtasks along

  harness.clickup().ClearRequests();
  auto plain = harness.Archive();
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->recreated, 0);
  EXPECT_EQ(harness.CountRequests("POST"), 0);

  ArchiveOptions repair;
  repair.repair = true;
  auto repaired = harness.Archive(repair);
  ASSERT_TRUE(repaired.ok()) << repaired.status().ToString();
  EXPECT_EQ(repaired->recreated, 3);
  EXPECT_EQ(repaired->already_copied, 6);
  std::string new_parent =
      harness.Scalar("SELECT copy_task_id FROM archive_map WHERE task_id = '86c0a1b04'");
  EXPECT_NE(new_parent, old_parent);
  EXPECT_TRUE(harness.clickup().FindTask(new_parent).has_value());
  std::string subtask =
      harness.Scalar("SELECT copy_task_id FROM archive_map WHERE task_id = '86c0a1b05'");
  EXPECT_EQ((*harness.clickup().FindTask(subtask))["parent"], new_parent);
  EXPECT_EQ(harness.Scalar("SELECT count(*) FROM archive_map"), "9");
}

TEST(SprintHistoryTest, HistoryFieldsDifferCopiesWhatMatches) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  fakes::FixtureDirs dirs({fakes::TestDataDir() + "/clickup"});
  std::string error;
  Json fields = (*dirs.ReadJson("get_list_fields_sprint41.json", &error))["fields"];
  Json history_fields = Json::array();
  for (Json field : fields) {
    if (field["name"] == "Customer") {
      // Same option names, other ids and order: the copy must name the option by its new id.
      field["id"] = "f2000000-aaaa-4bbb-8ccc-000000000001";
      Json& options = field["type_config"]["options"];
      std::reverse(options.begin(), options.end());
      for (size_t i = 0; i < options.size(); ++i) {
        options[i]["id"] = "c0b90000-0000-4000-8000-00000000000" + std::to_string(i);
        options[i]["orderindex"] = i;
      }
    }
    if (field["name"] == "Ticket Ref") field["name"] = "Ticket Reference";
    if (field["name"] == "Value") continue;
    history_fields.push_back(field);
  }
  std::string list_id = harness.CreateHistoryList(history_fields);

  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  EXPECT_TRUE(HasItem(*summary, "dropped", "86c0a1b01", "field 'Ticket Ref'"));
  EXPECT_TRUE(HasItem(*summary, "dropped", "86c0a1b01", "field 'Value'"));

  std::vector<Json> copies = harness.Copies(list_id);
  const Json* copy = CopyNamed(copies, "Export invoices to warehouse");
  ASSERT_NE(copy, nullptr);
  const Json* customer = FieldNamed(*copy, "Customer");
  ASSERT_NE(customer, nullptr);
  // Café Ümlaut & Söhne was option 1 of 4; reversed it is option 2.
  EXPECT_EQ((*customer)["value"], 2);
  const Json* points = FieldNamed(*copy, "Points");
  ASSERT_NE(points, nullptr);
  EXPECT_TRUE(points->contains("value"));
}

TEST(SprintHistoryTest, UnknownStatusesMappedOrFallBack) {
  ArchiveHarness harness;
  harness.config().archive.status_map = {{"review", "in progress"}};
  harness.config().archive.fallback_status = "to do";
  harness.LandTasks({FixtureTask("86c0a1b04"),
                     FixtureTask("86c0a1b01", {{"status", {{"status", "Blocked"},
                                                           {"type", "custom"}}}})});
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 2u);
  EXPECT_EQ((*CopyNamed(copies, "Write SCD2 merge for dim_customer"))["status"]["status"],
            "in progress");
  EXPECT_EQ((*CopyNamed(copies, "Export invoices to warehouse"))["status"]["status"], "to do");
  EXPECT_TRUE(HasItem(*summary, "dropped", "86c0a1b01", "status 'Blocked'"));
}

TEST(SprintHistoryTest, DeletedAssigneeDroppedAndReported) {
  ArchiveHarness harness;
  Json task = FixtureTask("86c0a1b01");
  task["assignees"].push_back({{"id", 50019999}, {"username", "Former Member"}});
  harness.LandTasks({task});
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  EXPECT_TRUE(HasItem(*summary, "dropped", "86c0a1b01", "assignee 50019999 (Former Member)"));
  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 1u);
  ASSERT_EQ(copies[0]["assignees"].size(), 1u);
  EXPECT_EQ(copies[0]["assignees"][0]["id"], 50010002);
}

TEST(SprintHistoryTest, FakeRejectsUnknownAssignee) {
  ArchiveHarness harness;
  httplib::Client client("127.0.0.1", harness.clickup().port());
  auto reply = client.Post(std::string("/api/v2/list/") + kSprint41 + "/task",
                           {{"Authorization", "pk_test_clickup"}},
                           R"({"name":"x","assignees":[50019999]})", "application/json");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
}

TEST(SprintHistoryTest, TaskDeletedAtSourceStillCopied) {
  ArchiveHarness harness;
  harness.LandFixtureSprint();
  ASSERT_TRUE(harness.clickup().DeleteTask("86c0a1b07"));
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->copied, 9);
  ASSERT_EQ(summary->deleted_at_source.size(), 1u);
  EXPECT_EQ(summary->deleted_at_source[0], "86c0a1b07");
  std::vector<Json> copies = harness.Copies();
  const Json* copy = CopyNamed(copies, "Rotate API token in vault");
  ASSERT_NE(copy, nullptr);
  EXPECT_NE((*copy)["description"].get<std::string>().find("was deleted after the sprint ended"),
            std::string::npos);
}

TEST(SprintHistoryTest, LargeDescriptionRoundTrips) {
  ArchiveHarness harness;
  std::string description;
  while (description.size() < 100 * 1024) description += "Zeile ü 日本 🚀 line of text\n";
  harness.LandTasks({FixtureTask("86c0a1b02", {{"description", description},
                                               {"text_content", description}})});
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 1u);
  std::string copied = copies[0]["description"];
  EXPECT_EQ(copied.substr(0, description.size()), description);
  EXPECT_NE(copied.find("Original task:", description.size()), std::string::npos);
}

TEST(SprintHistoryTest, EmojiNameRoundTrips) {
  ArchiveHarness harness;
  std::string name = "👩‍👩‍👧 Family sync 🇳🇴 — naïve café 日本語 ✔︎";
  harness.LandTasks({FixtureTask("86c0a1b03"), FixtureTask("86c0a1b01", {{"name", name}})});
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  std::vector<Json> copies = harness.Copies();
  EXPECT_NE(CopyNamed(copies, name), nullptr);
  EXPECT_NE(CopyNamed(copies, "🚀 Launch checklist — Østby „Phase 2“ (日本語 OK)"), nullptr);
}

TEST(SprintHistoryTest, LinkInCustomField) {
  ArchiveHarness harness;
  harness.config().archive.link_mode = config::ArchiveLink::kCustomField;
  harness.config().archive.link_field = "Ticket Ref";
  harness.LandTasks({FixtureTask("86c0a1b01")});
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 1u);
  const Json* link = FieldNamed(copies[0], "Ticket Ref");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ((*link)["value"], FixtureTask("86c0a1b01")["url"]);
  EXPECT_EQ(copies[0]["description"].get<std::string>().find("Original task:"),
            std::string::npos);
}

Json TwoChecklists() {
  Json items = Json::array({
      {{"id", "i1"}, {"name", "Write tests"}, {"resolved", true}, {"parent", nullptr},
       {"assignee", {{"id", 50010003}, {"username", "Chen Okafor"}}}},
      {{"id", "i2"}, {"name", "Review"}, {"resolved", false}, {"parent", nullptr},
       {"assignee", {{"id", 50019999}, {"username", "Former Member"}}}},
  });
  return Json::array({
      {{"id", "c1"}, {"name", "Done when"}, {"items", items}},
      {{"id", "c2"}, {"name", "Rollout ✅"},
       {"items", Json::array({{{"id", "i3"}, {"name", "Announce"}, {"resolved", false},
                               {"parent", nullptr}, {"assignee", nullptr}}})}},
  });
}

TEST(SprintHistoryTest, ChecklistsAreCopied) {
  ArchiveHarness harness;
  harness.LandTasks({FixtureTask("86c0a1b01", {{"checklists", TwoChecklists()}})});
  auto summary = harness.Archive();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty()) << summary->failed.front();
  EXPECT_EQ(summary->checklists, 2);
  EXPECT_EQ(summary->checklist_items, 3);
  EXPECT_TRUE(HasItem(*summary, "dropped", "86c0a1b01", "assignee 50019999"));

  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 1u);
  const Json& checklists = copies[0]["checklists"];
  ASSERT_EQ(checklists.size(), 2u);
  EXPECT_EQ(checklists[0]["name"], "Done when");
  ASSERT_EQ(checklists[0]["items"].size(), 2u);
  EXPECT_EQ(checklists[0]["items"][0]["name"], "Write tests");
  EXPECT_EQ(checklists[0]["items"][0]["resolved"], true);
  EXPECT_EQ(checklists[0]["items"][0]["assignee"]["id"], 50010003);
  EXPECT_TRUE(checklists[0]["items"][1]["assignee"].is_null());
  EXPECT_EQ(checklists[1]["name"], "Rollout ✅");
  EXPECT_EQ(checklists[1]["items"].size(), 1u);
}

TEST(SprintHistoryTest, ChecklistsFinishedOnRerun) {
  ArchiveHarness harness;
  harness.LandTasks({FixtureTask("86c0a1b01", {{"checklists", TwoChecklists()}})});
  harness.clickup().InjectFault("/checklist_item", {fakes::FaultKind::kHttp500, 100, 1});
  auto first = harness.Archive();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->failed_ids.size(), 1u);
  EXPECT_NE(first->failed[0].find("checklists are incomplete"), std::string::npos);

  harness.clickup().ClearFaults();
  auto second = harness.Archive();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->failed.empty()) << second->failed.front();
  EXPECT_EQ(second->copied, 0);
  std::vector<Json> copies = harness.Copies();
  ASSERT_EQ(copies.size(), 1u);
  const Json& checklists = copies[0]["checklists"];
  ASSERT_EQ(checklists.size(), 2u);
  EXPECT_EQ(checklists[0]["items"].size(), 2u);
  EXPECT_EQ(checklists[1]["items"].size(), 1u);
}

TEST(SprintHistoryTest, NotCopiedMessageTruncatesIds) {
  ArchiveSummary summary;
  for (int i = 0; i < 25; ++i) {
    summary.failed_ids.push_back("t" + std::to_string(i));
    summary.failed.push_back("t" + std::to_string(i) + ": HTTP 500");
  }
  std::string message = NotCopiedMessage(summary);
  EXPECT_NE(message.find("25 tasks were not copied"), std::string::npos);
  EXPECT_NE(message.find("t19"), std::string::npos);
  EXPECT_EQ(message.find("t20,"), std::string::npos);
  EXPECT_NE(message.find("and 5 more"), std::string::npos);
  EXPECT_NE(message.find("first error: t0: HTTP 500"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::archive
