#include "archive/archive_harness.h"

#include <httplib.h>

#include <random>

#include "build_info.h"
#include "http/http_client.h"
#include "pipeline/sql_paths.h"
#include "sources/clickup/clickup_extractor.h"
#include "warehouse/schema_setup.h"

namespace sprintetl::testing {
namespace fs = std::filesystem;
using fakes::Json;

namespace {

std::string FixtureText(const std::string& name) {
  fakes::FixtureDirs dirs({fakes::TestDataDir() + "/clickup"});
  std::optional<std::string> text = dirs.ReadText(name);
  EXPECT_TRUE(text.has_value()) << "fixture " << name << " is missing";
  return text.value_or("{}");
}

}  // namespace

ArchiveHarness::ArchiveHarness(fakes::FakeClickUpOptions options) {
  std::random_device random;
  dir_ = fs::temp_directory_path() / ("sprintetl-archive-" + std::to_string(random()));
  fs::create_directories(dir_);

  if (options.rate_limit == fakes::FakeClickUpOptions().rate_limit) options.rate_limit = 100000;
  clickup_ = std::make_unique<fakes::FakeClickUp>(options);
  EXPECT_NE(clickup_->Start(), 0) << clickup_->error();

  auto loaded = config::LoadConfig(std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml");
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  if (loaded.ok()) config_ = *loaded;
  config_.clickup.base_url = clickup_->base_url();
  config_.landing_root = (dir_ / "landing").string();
  config_.warehouse.path = (dir_ / "warehouse.duckdb").string();

  auto run = landing::RunFolder::Create(config_.landing_root, "r20261117T120000Z");
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  if (run.ok()) run_.emplace(std::move(run).value());
  LandPage("clickup.user", "/v2/user", FixtureText("get_user.json"));
  LandPage("clickup.teams", "/v2/team", FixtureText("get_team.json"));
  LandPage("clickup.spaces", "/v2/team/9015550001/space", FixtureText("get_spaces.json"),
           {{"team_id", "9015550001"}});
  LandPage("clickup.lists", "/v2/folder/90170011/list",
           FixtureText("get_folder_lists_sprint_folder.json"), {{"folder_id", "90170011"}});

  auto warehouse = warehouse::OpenWarehouse(config_.warehouse);
  EXPECT_TRUE(warehouse.ok()) << warehouse.status().ToString();
  if (warehouse.ok()) warehouse_ = std::move(*warehouse);
  Status schema = warehouse::EnsureSchema(*warehouse_, pipeline::SqlDir());
  EXPECT_TRUE(schema.ok()) << schema.ToString();
}

ArchiveHarness::~ArchiveHarness() {
  clickup_->Stop();
  warehouse_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void ArchiveHarness::LandPage(const std::string& kind, const std::string& endpoint,
                              const std::string& body, std::map<std::string, std::string> context,
                              int page) {
  landing::PageRecord record;
  record.source = "clickup";
  record.kind = kind;
  record.endpoint = endpoint;
  record.page = page;
  record.context = std::move(context);
  Status written = run_->WritePage(record, body);
  EXPECT_TRUE(written.ok()) << written.ToString();
}

void ArchiveHarness::LandFixtureSprint() {
  for (int page = 0; page < 2; ++page) {
    std::string name = "get_list_tasks_sprint41_page" + std::to_string(page) + ".json";
    LandPage("clickup.tasks", std::string("/v2/list/") + kSprint41 + "/task", FixtureText(name),
             {{"list_id", kSprint41}}, page);
  }
}

void ArchiveHarness::LandTasks(const std::vector<Json>& tasks, const std::string& list_id,
                               bool only_landed) {
  for (size_t begin = 0, page = 0; begin < tasks.size(); begin += 100, ++page) {
    Json body = {{"tasks", Json::array()}, {"last_page", begin + 100 >= tasks.size()}};
    for (size_t i = begin; i < tasks.size() && i < begin + 100; ++i) body["tasks"].push_back(tasks[i]);
    LandPage("clickup.tasks", "/v2/list/" + list_id + "/task", body.dump(),
             {{"list_id", list_id}}, static_cast<int>(page));
  }
  if (only_landed) return;
  for (const Json& task : tasks) clickup_->AddTask(task);
}

Result<archive::ArchiveSummary> ArchiveHarness::Archive(archive::ArchiveOptions options,
                                                        const std::string& sprint_id) {
  http::ClientOptions client_options =
      sources::ClickUpClientOptions(config_.clickup, "pk_test_clickup");
  client_options.max_attempts = 1;
  http::HttpClient client(client_options);
  return archive::ArchiveSprint(config_, client, *warehouse_, *run_, sprint_id, options);
}

std::string ArchiveHarness::CreateHistoryList(std::optional<Json> fields) {
  httplib::Client client("127.0.0.1", clickup_->port());
  httplib::Headers headers = {{"Authorization", "pk_test_clickup"}};
  std::string path = std::string("/api/v2/folder/") + kSprintHistoryFolder + "/list";
  Json body = {{"name", "Sprint 41 (11/3 - 11/16)"}};
  auto reply = client.Post(path, headers, body.dump(), "application/json");
  EXPECT_TRUE(reply) << "the fake ClickUp did not reply";
  if (!reply) return "";
  EXPECT_EQ(reply->status, 200) << reply->body;
  if (reply->status != 200) return "";
  history_list_id_ = Json::parse(reply->body)["id"];
  if (fields) clickup_->SetListFields(history_list_id_, *fields);
  return history_list_id_;
}

std::vector<Json> ArchiveHarness::Copies(const std::string& list_id) {
  std::string id = list_id;
  if (id.empty()) {
    std::vector<Json> lists = clickup_->CreatedLists();
    EXPECT_FALSE(lists.empty()) << "no history list was created";
    if (lists.empty()) return {};
    id = lists.front()["id"];
  }
  std::vector<Json> copies;
  for (const Json& created : clickup_->CreatedTasks(id)) {
    std::optional<Json> now = clickup_->FindTask(created["id"]);
    if (now) copies.push_back(*now);
  }
  return copies;
}

std::string ArchiveHarness::Scalar(const std::string& sql) {
  auto result = warehouse_->Query(sql);
  EXPECT_TRUE(result.ok()) << result.status().ToString() << "\n" << sql;
  if (!result.ok() || result->rows.empty() || result->rows[0].empty()) return "";
  return result->rows[0][0].value_or("NULL");
}

int ArchiveHarness::CountRequests(const std::string& method) const {
  int count = 0;
  for (const auto& request : clickup_->requests()) count += request.method == method ? 1 : 0;
  return count;
}

}  // namespace sprintetl::testing
