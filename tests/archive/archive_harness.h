// A sandbox for Sprint History tests: a fake ClickUp on 127.0.0.1, a landing run holding the
// ClickUp pages the archive reads (user, team, spaces, sprint lists and the sprint's tasks),
// and a DuckDB warehouse with the bookkeeping tables, all in a temporary folder.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "archive/sprint_history.h"
#include "config/config.h"
#include "fakes/fake_clickup.h"
#include "landing/run_folder.h"
#include "warehouse/warehouse.h"

namespace sprintetl::testing {

inline constexpr const char* kSprint41 = "901800110041";
inline constexpr const char* kSprintHistoryFolder = "90170013";

class ArchiveHarness {
 public:
  // Starts the fake with `options` (rate limit raised unless set) and lands the hierarchy
  // pages. Tasks are landed by LandTasks or LandFixtureSprint.
  explicit ArchiveHarness(fakes::FakeClickUpOptions options = {});
  ~ArchiveHarness();

  // Lands the recorded Sprint 41 task pages (nine tasks, already in the fake).
  void LandFixtureSprint();

  // Lands `tasks` as clickup.tasks pages of `list_id` (100 per page) and, unless
  // `only_landed`, adds them to the fake as the source tasks.
  void LandTasks(const std::vector<fakes::Json>& tasks, const std::string& list_id = kSprint41,
                 bool only_landed = false);

  // Runs the archive of `sprint_id` with a fresh ClickUp client that tries each request once.
  Result<archive::ArchiveSummary> Archive(archive::ArchiveOptions options = {},
                                          const std::string& sprint_id = kSprint41);

  // Creates the history list "Sprint 41 (11/3 - 11/16)" in the Sprint History folder through
  // the fake's API, with `fields` as its custom fields when given. Returns its id.
  std::string CreateHistoryList(std::optional<fakes::Json> fields = std::nullopt);

  // Tasks created in `list_id` (default: the only list created so far), as the fake stores
  // them now (with checklists added after creation).
  std::vector<fakes::Json> Copies(const std::string& list_id = "");

  // Returns the first column of the first row of `sql`, "NULL" for NULL.
  std::string Scalar(const std::string& sql);

  // Requests with `method` received by the fake.
  int CountRequests(const std::string& method) const;

  fakes::FakeClickUp& clickup() { return *clickup_; }
  config::Config& config() { return config_; }
  warehouse::Warehouse& warehouse() { return *warehouse_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void LandPage(const std::string& kind, const std::string& endpoint, const std::string& body,
                std::map<std::string, std::string> context = {}, int page = 0);

  std::filesystem::path dir_;
  std::unique_ptr<fakes::FakeClickUp> clickup_;
  config::Config config_;
  std::optional<landing::RunFolder> run_;
  std::unique_ptr<warehouse::Warehouse> warehouse_;
  std::string history_list_id_;
};

}  // namespace sprintetl::testing
