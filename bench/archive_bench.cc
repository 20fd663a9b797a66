// Sprint History benchmark: archives a generated sprint on the fake ClickUp with its rate
// limit enforced, and compares the wall time with the floor the limit sets
// (requests / limit * window).
//
//   sprintetl_archive_bench [--tasks 2000] [--limit 600] [--window-ms 6000]
//
// Prints the request count, 429 replies, failed tasks, wall time, floor and their ratio.
// Exits 1 when a task was not copied or the archive failed.
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "archive/sprint_history.h"
#include "config/config.h"
#include "fakes/fake_clickup.h"
#include "fakes/sprint_generator.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "pipeline/sql_paths.h"
#include "sources/clickup/clickup_extractor.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace {

using namespace sprintetl;
using fakes::Json;

constexpr char kSprint42[] = "901800110042";

Status LandPage(landing::RunFolder& run, const std::string& kind, const std::string& endpoint,
                const std::string& body, std::map<std::string, std::string> context, int page) {
  landing::PageRecord record;
  record.source = "clickup";
  record.kind = kind;
  record.endpoint = endpoint;
  record.page = page;
  record.context = std::move(context);
  return run.WritePage(record, body);
}

// Lands the hierarchy fixtures and the generated tasks of Sprint 42, 100 per page.
Status LandSprint(landing::RunFolder& run, const std::vector<Json>& tasks) {
  fakes::FixtureDirs dirs({fakes::TestDataDir() + "/clickup"});
  const std::pair<const char*, const char*> pages[] = {
      {"clickup.user", "get_user.json"},
      {"clickup.teams", "get_team.json"},
      {"clickup.spaces", "get_spaces.json"},
      {"clickup.lists", "get_folder_lists_sprint_folder.json"}};
  for (const auto& [kind, file] : pages) {
    std::optional<std::string> text = dirs.ReadText(file);
    if (!text) return NotFound("fixture " + std::string(file) + " is missing");
    SPRINTETL_RETURN_IF_ERROR(LandPage(run, kind, "/fixture", *text, {}, 0));
  }
  for (size_t begin = 0, page = 0; begin < tasks.size(); begin += 100, ++page) {
    Json body = {{"tasks", Json::array()}, {"last_page", begin + 100 >= tasks.size()}};
    for (size_t i = begin; i < tasks.size() && i < begin + 100; ++i) body["tasks"].push_back(tasks[i]);
    SPRINTETL_RETURN_IF_ERROR(LandPage(run, "clickup.tasks",
                                       std::string("/v2/list/") + kSprint42 + "/task",
                                       body.dump(), {{"list_id", kSprint42}},
                                       static_cast<int>(page)));
  }
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sprint History benchmark on the fake ClickUp"};
  int task_count = 2000;
  int limit = 600;
  int window_ms = 6000;
  app.add_option("--tasks", task_count, "Tasks in the generated sprint")->capture_default_str();
  app.add_option("--limit", limit, "Requests per rate window")->capture_default_str();
  app.add_option("--window-ms", window_ms, "Rate window in milliseconds")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sprintetl-bench-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);

  fakes::FakeClickUpOptions fake_options;
  fake_options.rate_limit = limit;
  fake_options.rate_window = std::chrono::milliseconds(window_ms);
  fakes::FakeClickUp fake(fake_options);
  if (fake.Start() == 0) {
    std::fprintf(stderr, "fake ClickUp did not start: %s\n", fake.error().c_str());
    return 1;
  }
  std::atomic<int> rate_limited{0};
  std::atomic<int> accepted{0};
  fake.SetRequestListener([&](const fakes::RecordedRequest&, int status) {
    (status == 429 ? rate_limited : accepted)++;
  });

  fakes::GeneratedSprintOptions generated;
  generated.list_id = kSprint42;
  generated.count = task_count;
  std::vector<Json> tasks = fakes::GenerateSprintTasks(fakes::FullTaskTemplate(), generated);
  for (const Json& task : tasks) fake.AddTask(task);

  auto run = landing::RunFolder::Create((dir / "landing").string(), "rbench");
  if (!run.ok()) return std::fprintf(stderr, "%s\n", run.status().ToString().c_str()), 1;
  Status landed = LandSprint(*run, tasks);
  if (!landed.ok()) return std::fprintf(stderr, "%s\n", landed.ToString().c_str()), 1;

  config::Config config;
  config.clickup.base_url = fake.base_url();
  config.archive.space_id = "90160001";
  config.warehouse.path = (dir / "bench.duckdb").string();
  auto warehouse = warehouse::OpenWarehouse(config.warehouse);
  if (!warehouse.ok()) return std::fprintf(stderr, "%s\n", warehouse.status().ToString().c_str()), 1;
  Status schema = warehouse::EnsureSchema(**warehouse, pipeline::SqlDir());
  if (!schema.ok()) return std::fprintf(stderr, "%s\n", schema.ToString().c_str()), 1;

  http::HttpClient client(sources::ClickUpClientOptions(config.clickup, "pk_test_clickup"));
  auto started = std::chrono::steady_clock::now();
  auto summary = archive::ArchiveSprint(config, client, **warehouse, *run, kSprint42);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fake.Stop();

  if (!summary.ok()) {
    std::fprintf(stderr, "archive failed: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  double floor = static_cast<double>(accepted) / limit * (window_ms / 1000.0);
  std::printf("tasks=%d copied=%d failed=%zu checklists=%d items=%d\n", task_count,
              summary->copied, summary->failed.size(), summary->checklists,
              summary->checklist_items);
  std::printf("requests=%d rate_limited_429=%d limit=%d/%dms\n", accepted.load(),
              rate_limited.load(), limit, window_ms);
  std::printf("wall_s=%.2f floor_s=%.2f ratio=%.3f\n", seconds, floor, seconds / floor);

  warehouse->reset();
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return summary->failed.empty() ? 0 : 1;
}
