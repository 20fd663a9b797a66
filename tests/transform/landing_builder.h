// Test helper: builds a landing run folder from the fixture payloads in
// tests/data, as the extractor would write it, and reads stage files back.
//
// Each LandingBuilder owns a fresh temporary directory and removes it when
// destroyed. Header-only because the test build compiles only *_test.cc files.
#pragma once

#include <date/date.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "build_info.h"
#include "config/config.h"
#include "landing/run_folder.h"

namespace sprintetl::transform::testing {

// The text of tests/data/<relative>; fails the test when it cannot be read.
inline std::string ReadTestData(const std::string& relative) {
  std::ifstream in(std::string(SPRINTETL_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read tests/data/" << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The configuration of the bundled demo, which matches the fixtures.
inline config::Config DemoConfig() {
  auto config = config::LoadConfig(std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml");
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return config.ok() ? *config : config::Config();
}

// 2026-12-04T12:00:00Z: after the end of every fixture sprint (the last ends 2026-11-30).
inline std::chrono::system_clock::time_point FixtureNow() {
  return date::sys_days(date::year(2026) / 12 / 4) + std::chrono::hours(12);
}

class LandingBuilder {
 public:
  explicit LandingBuilder(const std::string& run_id = "20261204T120000Z") {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sprintetl-transform-XXXXXX").string();
    root_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    EXPECT_FALSE(root_.empty()) << "cannot create a temporary directory";
    auto created = landing::RunFolder::Create(root_, run_id);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    if (created.ok()) run_.emplace(std::move(created).value());
  }

  ~LandingBuilder() {
    std::error_code ignored;
    if (!root_.empty()) std::filesystem::remove_all(root_, ignored);
  }

  LandingBuilder(const LandingBuilder&) = delete;
  LandingBuilder& operator=(const LandingBuilder&) = delete;

  landing::RunFolder& run() { return *run_; }

  // Adds a page whose body is `body`; `kind` is e.g. "clickup.tasks".
  void AddPage(const std::string& kind, const std::string& endpoint, const std::string& body,
               std::map<std::string, std::string> context = {}, int page = 0) {
    landing::PageRecord record;
    record.source = kind.substr(0, kind.find('.'));
    record.kind = kind;
    record.endpoint = endpoint;
    record.page = page;
    record.context = std::move(context);
    Status written = run_->WritePage(record, body);
    EXPECT_TRUE(written.ok()) << written.ToString();
  }

  // Adds the fixture file tests/data/<fixture> as a page.
  void AddFixture(const std::string& kind, const std::string& endpoint, const std::string& fixture,
                  std::map<std::string, std::string> context = {}, int page = 0) {
    AddPage(kind, endpoint, ReadTestData(fixture), std::move(context), page);
  }

  // Adds every page a run over the fixture workspace would hold: the ClickUp
  // hierarchy, the Sprint 41 task pages, the groups and the HubSpot records
  // with their associations.
  void AddAllFixtures() {
    AddFixture("clickup.user", "/v2/user", "clickup/get_user.json");
    AddFixture("clickup.teams", "/v2/team", "clickup/get_team.json");
    AddFixture("clickup.spaces", "/v2/team/9015550001/space", "clickup/get_spaces.json",
               {{"team_id", "9015550001"}});
    AddFixture("clickup.folders", "/v2/space/90160001/folder", "clickup/get_folders.json",
               {{"space_id", "90160001"}});
    AddFixture("clickup.lists", "/v2/folder/90170011/list",
               "clickup/get_folder_lists_sprint_folder.json", {{"folder_id", "90170011"}});
    AddFixture("clickup.lists", "/v2/space/90160001/list", "clickup/get_folderless_lists.json",
               {{"space_id", "90160001"}});
    AddFixture("clickup.fields", "/v2/list/901800110041/field",
               "clickup/get_list_fields_sprint41.json", {{"list_id", "901800110041"}});
    AddFixture("clickup.tasks", "/v2/list/901800110041/task",
               "clickup/get_list_tasks_sprint41_page0.json", {{"list_id", "901800110041"}}, 0);
    AddFixture("clickup.tasks", "/v2/list/901800110041/task",
               "clickup/get_list_tasks_sprint41_page1.json", {{"list_id", "901800110041"}}, 1);
    AddFixture("clickup.tasks", "/v2/list/901800110041/task",
               "clickup/get_list_tasks_empty_page.json", {{"list_id", "901800110041"}}, 2);
    AddFixture("clickup.groups", "/v2/group", "clickup/get_groups.json",
               {{"team_id", "9015550001"}});

    AddFixture("hubspot.companies", "/crm/v3/objects/companies", "hubspot/companies_page1.json", {},
               0);
    AddFixture("hubspot.companies", "/crm/v3/objects/companies", "hubspot/companies_page2.json", {},
               1);
    AddFixture("hubspot.deals", "/crm/v3/objects/deals", "hubspot/deals_page1.json");
    AddFixture("hubspot.line_items", "/crm/v3/objects/line_items", "hubspot/line_items_page1.json");
    AddFixture("hubspot.products", "/crm/v3/objects/products", "hubspot/products_page1.json");
    AddFixture("hubspot.associations", "/crm/v4/associations/deals/companies/batch/read",
               "hubspot/associations_v4_batch_deal_to_company.json",
               {{"from_type", "deals"}, {"to_type", "companies"}});
    AddFixture("hubspot.associations", "/crm/v4/associations/line_items/deals/batch/read",
               "hubspot/associations_v4_batch_line_item_to_deal.json",
               {{"from_type", "line_items"}, {"to_type", "deals"}});
    AddFixture("hubspot.owners", "/crm/v3/owners", "hubspot/owners.json");
    AddFixture("hubspot.pipelines", "/crm/v3/pipelines/deals", "hubspot/pipelines_deals.json",
               {{"object_type", "deals"}});
    AddFixture("hubspot.properties", "/crm/v3/properties/2-9876543",
               "hubspot/properties_2-9876543.json", {{"object_type", "2-9876543"}});
    AddFixture("hubspot.custom_objects", "/crm/v3/objects/2-9876543",
               "hubspot/custom_objects_squads_page1.json", {{"object_type", "2-9876543"}});
    AddPage("hubspot.associations", "/crm/v4/associations/companies/2-9876543/batch/read",
            R"({"results": [
                 {"from": {"id": "31000000101"}, "to": [{"toObjectId": 99000000001}]},
                 {"from": {"id": "31000000190"}, "to": [{"toObjectId": 99000000002}]}]})",
            {{"from_type", "companies"}, {"to_type", "2-9876543"}});
  }

  // Adds a Backlog (901800120001) tasks page holding the fixture's task
  // `task_id`, as include_timl=true returns a task that sits in two lists.
  void AddBacklogPageWith(const std::string& task_id) {
    auto page = nlohmann::json::parse(ReadTestData("clickup/get_list_tasks_sprint41_page0.json"));
    nlohmann::json backlog = {{"tasks", nlohmann::json::array()}, {"last_page", true}};
    for (const auto& task : page["tasks"]) {
      if (task["id"] == task_id) backlog["tasks"].push_back(task);
    }
    AddPage("clickup.tasks", "/v2/list/901800120001/task", backlog.dump(),
            {{"list_id", "901800120001"}});
  }

  // The rows of stage/<table>.ndjson; fails the test when a line is not JSON.
  std::vector<nlohmann::json> StageRows(const std::string& table) const {
    std::vector<nlohmann::json> rows;
    std::ifstream in(run_->StagePath(table));
    std::string line;
    while (std::getline(in, line)) {
      auto row = nlohmann::json::parse(line, nullptr, false);
      EXPECT_FALSE(row.is_discarded()) << table << ": " << line;
      rows.push_back(row);
    }
    return rows;
  }

  bool StageFileExists(const std::string& table) const {
    return std::filesystem::exists(run_->StagePath(table));
  }

 private:
  std::string root_;
  std::optional<landing::RunFolder> run_;
};

// The first row whose `key` equals `value`, or null when there is none.
inline nlohmann::json FindRow(const std::vector<nlohmann::json>& rows, const std::string& key,
                              const nlohmann::json& value) {
  for (const auto& row : rows) {
    if (row.contains(key) && row[key] == value) return row;
  }
  return nullptr;
}

}  // namespace sprintetl::transform::testing
