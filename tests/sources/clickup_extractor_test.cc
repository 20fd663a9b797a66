// ClickUp extraction against the fake server: archived lists, skipped lists, incremental
// reads, resumed runs, concurrent workers and bad responses.
#include <filesystem>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "fakes/fake_clickup.h"
#include "landing/run_folder.h"
#include "sources/clickup/clickup_extractor.h"

namespace sprintetl::sources {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kTeam = "9015550001";
constexpr const char* kSprint41 = "901800110041";

// A list in the Sprint Folder that was archived, with one task.
Json ArchivedList() {
  return Json::parse(R"json({"id": "901800119999", "name": "Sprint 39 (10/6 - 10/19)",
    "archived": true, "task_count": "1", "status": null, "priority": null, "assignee": null,
    "folder": {"id": "90170011", "name": "Sprint Folder", "hidden": false, "access": true},
    "space": {"id": "90160001", "name": "Delivery", "access": true}})json");
}

class ClickUpExtractorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("sprintetl-clickup-" + std::to_string(std::random_device{}()));
  }
  void TearDown() override { fs::remove_all(root_); }

  void StartFake(fakes::FakeClickUpOptions options = {}) {
    options.rate_limit = 10000;
    fake_ = std::make_unique<fakes::FakeClickUp>(options);
    ASSERT_NE(fake_->Start(), 0);
    config_.base_url = fake_->base_url();
    config_.team_id = kTeam;
    config_.max_attempts = 3;
    http::ClientOptions client_options = ClickUpClientOptions(config_, token_);
    client_options.backoff_base = std::chrono::milliseconds(1);
    client_options.backoff_max = std::chrono::milliseconds(5);
    client_ = std::make_unique<http::HttpClient>(client_options);
  }

  landing::RunFolder& NewRun(const std::string& run_id) {
    auto run = landing::RunFolder::Create(root_.string(), run_id);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    runs_.push_back(std::make_unique<landing::RunFolder>(std::move(run).value()));
    return *runs_.back();
  }

  Result<ClickUpSummary> Extract(landing::RunFolder& run, const ClickUpReadPlan& plan = {}) {
    return ExtractClickUp(config_, "Sprint History", plan, *client_, run);
  }

  static std::vector<landing::PageRecord> Pages(const landing::RunFolder& run,
                                                const std::string& kind) {
    std::vector<landing::PageRecord> pages;
    auto manifest = run.ReadManifest();
    EXPECT_TRUE(manifest.ok()) << manifest.status().ToString();
    for (const auto& record : *manifest) {
      if (record.kind == kind) pages.push_back(record);
    }
    return pages;
  }

  // Ids of the tasks on the run's task pages.
  static std::set<std::string> TaskIds(const landing::RunFolder& run) {
    std::set<std::string> ids;
    for (const auto& page : Pages(run, "clickup.tasks")) {
      auto body = run.ReadPage(page);
      EXPECT_TRUE(body.ok()) << body.status().ToString();
      Json parsed = Json::parse(*body);
      for (const auto& task : parsed["tasks"]) ids.insert(task["id"].get<std::string>());
    }
    return ids;
  }

  int RequestsTo(const std::string& path_part) const {
    int count = 0;
    for (const auto& request : fake_->requests()) {
      if (request.path.find(path_part) != std::string::npos) ++count;
    }
    return count;
  }

  fs::path root_;
  std::string token_ = "pk_test_clickup";
  config::ClickUp config_;
  std::unique_ptr<fakes::FakeClickUp> fake_;
  std::unique_ptr<http::HttpClient> client_;
  std::vector<std::unique_ptr<landing::RunFolder>> runs_;
};

TEST_F(ClickUpExtractorTest, ArchivedListReadOnItsOwn) {
  StartFake();
  fake_->AddList(ArchivedList());
  Json task = *fake_->FindTask("86c0a1b07");
  task["id"] = "86c0a1z01";
  task["list"] = {{"id", "901800119999"}, {"name", "Sprint 39"}, {"access", true}};
  fake_->AddTask(task);

  landing::RunFolder& run = NewRun("r1");
  auto summary = Extract(run);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->archived_lists, 1);
  EXPECT_EQ(RequestsTo("/v2/list/901800119999/task"), 2) << "open and archived tasks";
  EXPECT_TRUE(TaskIds(run).count("86c0a1z01"));
}

TEST_F(ClickUpExtractorTest, ArchivedTasksRequested) {
  StartFake();
  Json task = *fake_->FindTask("86c0a1b07");
  task["id"] = "86c0a1z02";
  task["archived"] = true;
  fake_->AddTask(task);

  landing::RunFolder& run = NewRun("r1");
  ASSERT_TRUE(Extract(run).ok());
  EXPECT_TRUE(TaskIds(run).count("86c0a1z02"));
  EXPECT_TRUE(TaskIds(run).count("86c0a1b05")) << "subtask";
  EXPECT_TRUE(TaskIds(run).count("86c0a1b02")) << "closed task";
}

TEST_F(ClickUpExtractorTest, ForbiddenListSkippedWithWarning) {
  fakes::FakeClickUpOptions options;
  options.forbidden_lists = {"901800110040"};
  StartFake(options);

  landing::RunFolder& run = NewRun("r1");
  auto summary = Extract(run);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_EQ(summary->warnings.size(), 1u);
  EXPECT_NE(summary->warnings[0].find("'Sprint 40 (10/20 - 11/2)' (901800110040)"),
            std::string::npos);
  EXPECT_NE(summary->warnings[0].find("403"), std::string::npos);
  EXPECT_TRUE(TaskIds(run).count("86c0a1b01")) << "other lists still read";
}

TEST_F(ClickUpExtractorTest, WrongTokenNamesCodeAndVariable) {
  token_ = "pk_wrong";
  StartFake();
  auto summary = Extract(NewRun("r1"));
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(summary.status().message().find("OAUTH_025"), std::string::npos);
  EXPECT_NE(summary.status().message().find("CLICKUP_API_TOKEN"), std::string::npos);
}

TEST_F(ClickUpExtractorTest, WorkersSurviveServerFaults) {
  StartFake();
  config_.workers = 4;
  landing::RunFolder& clean = NewRun("r0");
  ASSERT_TRUE(Extract(clean).ok());
  fake_->InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kHttp503, 1, 1});
  fake_->InjectFault("/v2/list/901800110042/task", {fakes::FaultKind::kTruncatedBody, 1, 0});
  fake_->InjectFault("/v2/list/901800110040/field", {fakes::FaultKind::kMalformedBody, 1, 0});

  landing::RunFolder& run = NewRun("r1");
  auto summary = Extract(run);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(TaskIds(run), TaskIds(clean));
}

TEST_F(ClickUpExtractorTest, BodyNeverJsonIsDataLoss) {
  StartFake();
  fake_->InjectFault("/v2/list/901800110041/task", {fakes::FaultKind::kMalformedBody, 10, 0});
  auto summary = Extract(NewRun("r1"));
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(summary.status().message().find("/v2/list/901800110041/task"), std::string::npos);
}

TEST_F(ClickUpExtractorTest, TruncatedEveryTryIsDataLoss) {
  StartFake();
  fake_->InjectFault("/v2/space/90160001/folder", {fakes::FaultKind::kTruncatedBody, 5, 0});
  auto summary = Extract(NewRun("r1"));
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(summary.status().message().find("not valid JSON 3 times"), std::string::npos);
}

TEST_F(ClickUpExtractorTest, WrongTypedListFieldsTolerated) {
  StartFake();
  Json list = ArchivedList();
  list["archived"] = false;
  list["id"] = "901800119998";
  list["name"] = 42;  // a number where ClickUp sends a string
  fake_->AddList(list);
  landing::RunFolder& run = NewRun("r1");
  auto summary = Extract(run);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(RequestsTo("/v2/list/901800119998/field"), 1);
}

TEST_F(ClickUpExtractorTest, ServerErrorsExhaustTries) {
  StartFake();
  config_.max_attempts = 1;
  fake_->AddList([] {
    Json list = ArchivedList();
    list["archived"] = false;
    return list;
  }());
  fake_->InjectFault("/v2/list/901800119999/task", {fakes::FaultKind::kHttp500, 5, 0});
  auto summary = Extract(NewRun("r1"));
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(summary.status().message().find("901800119999"), std::string::npos);
}

TEST_F(ClickUpExtractorTest, ResumedRunReusesLandedPages) {
  StartFake();
  landing::RunFolder& run = NewRun("r1");
  ASSERT_TRUE(Extract(run).ok());
  size_t landed = Pages(run, "clickup.tasks").size();
  fake_->ClearRequests();

  auto again = Extract(run);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->pages, 0);
  EXPECT_GT(again->reused_pages, 0);
  EXPECT_EQ(RequestsTo("/task"), 0);
  EXPECT_EQ(Pages(run, "clickup.tasks").size(), landed);
}

TEST_F(ClickUpExtractorTest, IncrementalReadsChangedTasksOnly) {
  StartFake();
  landing::RunFolder& base = NewRun("r1");
  ASSERT_TRUE(Extract(base).ok());

  // The base run started at 2026-11-20 12:00Z; one task changed after it.
  Json changed = *fake_->FindTask("86c0a1b07");
  changed["name"] = "Renamed after the base run";
  changed["date_updated"] = "1795180000000";  // 2026-11-20 13:06:40Z
  fake_->AddTask(changed);
  fake_->ClearRequests();

  auto plan = PlanClickUpRead(config_, ClickUpBaseRun{"r1", base.path(), "2026-11-20 12:00:00"},
                              false);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->incremental) << plan->reason;
  landing::RunFolder& next = NewRun("r2");
  auto summary = Extract(next, *plan);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  EXPECT_EQ(RequestsTo("/v2/list/901800120001/"), 0) << "fields and pages come from the base run";
  EXPECT_EQ(RequestsTo("/v2/list/901800100001/"), 0) << "folderless list carried too";
  EXPECT_EQ(RequestsTo("/v2/list/901800110041/task"), 2) << "sprint lists read in full";
  EXPECT_EQ(RequestsTo("/v2/team/9015550001/task"), 2) << "open and archived changed tasks";
  EXPECT_GT(summary->carried_pages, 0);
  auto base_summary_pages = Pages(base, "clickup.tasks").size();
  EXPECT_LT(static_cast<size_t>(summary->task_pages), base_summary_pages);
  EXPECT_EQ(TaskIds(next), TaskIds(base)) << "carried pages keep the unchanged tasks";
  for (const auto& request : fake_->requests()) {
    if (request.path.find("/v2/team/9015550001/task") == std::string::npos) continue;
    EXPECT_NE(request.query.find("date_updated_gt=1795172400000"), std::string::npos)
        << request.query;  // 12:00Z minus the default 60 minute overlap
  }
}

TEST_F(ClickUpExtractorTest, BaseWithoutRecordMeansFullRead) {
  StartFake();
  landing::RunFolder& base = NewRun("r1");
  ASSERT_TRUE(Extract(base).ok());
  ASSERT_TRUE(fs::remove(fs::path(base.path()) / "clickup_read.json"));
  auto plan = PlanClickUpRead(config_, ClickUpBaseRun{"r1", base.path(), "2026-11-20 12:00:00"},
                              false);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->incremental);
  EXPECT_NE(plan->reason.find("has no clickup_read.json"), std::string::npos) << plan->reason;
}

TEST_F(ClickUpExtractorTest, UnicodeNamesAndLongDescriptionLandUnchanged) {
  StartFake();
  Json task = *fake_->FindTask("86c0a1b07");
  task["id"] = "86c0a1z03";
  task["name"] = "🚀 إطلاق الحملة — Kampagne ✓";
  task["description"] = std::string(100 * 1024, 'x');
  fake_->AddTask(task);

  landing::RunFolder& run = NewRun("r1");
  ASSERT_TRUE(Extract(run).ok());
  bool found = false;
  for (const auto& page : Pages(run, "clickup.tasks")) {
    auto body = run.ReadPage(page);
    ASSERT_TRUE(body.ok());
    Json parsed = Json::parse(*body);
    for (const auto& landed : parsed["tasks"]) {
      if (landed["id"] != "86c0a1z03") continue;
      found = true;
      EXPECT_EQ(landed["name"], task["name"]);
      EXPECT_EQ(landed["description"].get<std::string>().size(), 100u * 1024u);
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace sprintetl::sources
