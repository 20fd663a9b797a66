// ClickUp extraction benchmark: a full read of a generated workspace on the fake ClickUp with
// its rate limit enforced, then an incremental read after a share of the tasks changed.
//
//   sprintetl_extract_bench [--tasks 50000] [--lists 50] [--limit 150] [--window-ms 60000]
//                           [--changed-percent 2] [--workers 4]
//
// For the full read it prints the accepted requests, 429 replies, other failed requests and
// the wall time, and two request rates as shares of the allowed rate (limit / window):
//   - over the wall time, which a last window used only in part can push above 1;
//   - over the whole rate windows the fake opened before its last one, which counts both the
//     budget left unused in a window and the idle time before the next window opened.
// For the incremental read it prints its requests as a share of the full read's. Exits 1 when
// a read fails or a task is missing from the landing folder.
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/time_format.h"
#include "fakes/fake_clickup.h"
#include "fakes/sprint_generator.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "sources/clickup/clickup_extractor.h"
#include "sources/clickup/read_plan.h"

namespace {

using namespace sprintetl;
using fakes::Json;

// Outside the sprint folder, whose lists every run reads in full.
constexpr char kClientFolder[] = "90170012";
constexpr char kSpace[] = "90160001";

std::string ListId(int index) { return "90189" + std::to_string(100000 + index); }

// The fixture task 86c0a1b01 without its description and custom fields: about 2 KB in place
// of 6 KB, so that on a small machine the run measures the rate pacing, not JSON and zstd work.
Json SlimTaskTemplate() {
  Json task = fakes::FullTaskTemplate();
  task["description"] = "";
  task["text_content"] = "";
  task["custom_fields"] = Json::array();
  return task;
}

// Adds `lists` lists to the Client Projects folder and spreads `task_count` generated tasks over them.
std::vector<std::string> GenerateWorkspace(fakes::FakeClickUp& fake, int task_count, int lists) {
  for (int i = 0; i < lists; ++i) {
    fake.AddList({{"id", ListId(i)},
                  {"name", "Generated list " + std::to_string(i)},
                  {"archived", false},
                  {"task_count", std::to_string(task_count / lists)},
                  {"folder", {{"id", kClientFolder}, {"name", "Client Projects"}}},
                  {"space", {{"id", kSpace}, {"name", "Delivery"}}}});
  }
  fakes::GeneratedSprintOptions options;
  options.list_id = ListId(0);
  options.count = task_count;
  options.checklist_every = 0;
  std::vector<Json> tasks = fakes::GenerateSprintTasks(SlimTaskTemplate(), options);
  std::vector<std::string> ids;
  size_t per_list = (tasks.size() + lists - 1) / lists;
  for (size_t i = 0; i < tasks.size(); ++i) {
    tasks[i]["list"]["id"] = ListId(static_cast<int>(i / per_list));
    ids.push_back(tasks[i]["id"].get<std::string>());
    fake.AddTask(std::move(tasks[i]));
  }
  return ids;
}

// Task ids on the task pages of `run`.
std::set<std::string> LandedTaskIds(const landing::RunFolder& run) {
  std::set<std::string> ids;
  auto manifest = run.ReadManifest();
  if (!manifest.ok()) return ids;
  for (const auto& record : *manifest) {
    if (record.kind != "clickup.tasks") continue;
    auto body = run.ReadPage(record);
    if (!body.ok()) continue;
    Json parsed = Json::parse(*body);
    for (const Json& task : parsed["tasks"]) ids.insert(task["id"].get<std::string>());
  }
  return ids;
}

// Prints the request rate over the whole rate windows of a read: the requests accepted in
// every window but the last, over the time from the first window's start to the last one's.
void PrintWindowUse(const std::vector<fakes::RateWindow>& windows, double allowed_rate) {
  if (windows.size() < 2) {
    std::printf("full: windows=%zu, too few for a rate over whole windows; lower --limit\n",
                windows.size());
    return;
  }
  long long whole_window_requests = 0;
  std::string per_window;
  for (size_t i = 0; i + 1 < windows.size(); ++i) {
    whole_window_requests += windows[i].accepted;
    per_window += (per_window.empty() ? "" : ",") + std::to_string(windows[i].accepted);
  }
  double span_s = (windows.back().start_unix_ms - windows.front().start_unix_ms) / 1000.0;
  double rate = whole_window_requests / span_s;
  std::printf("full: windows=%zu whole_window_requests=%lld (%s) span_s=%.2f "
              "whole_window_rate=%.2f/s whole_window_ratio=%.3f\n", windows.size(),
              whole_window_requests, per_window.c_str(), span_s, rate, rate / allowed_rate);
}

struct Counts {
  std::atomic<int> accepted{0};
  std::atomic<int> rate_limited{0};
  std::atomic<int> failed{0};
  void Reset() { accepted = rate_limited = failed = 0; }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ClickUp extraction benchmark on the fake ClickUp"};
  int task_count = 50000;
  int lists = 50;
  int limit = 150;
  int window_ms = 60000;
  double changed_percent = 2.0;
  int workers = 4;
  app.add_option("--tasks", task_count, "Generated tasks")->capture_default_str();
  app.add_option("--lists", lists, "Lists the tasks are spread over")->capture_default_str();
  app.add_option("--limit", limit, "Requests per rate window")->capture_default_str();
  app.add_option("--window-ms", window_ms, "Rate window in milliseconds")->capture_default_str();
  app.add_option("--changed-percent", changed_percent, "Tasks changed before the second read")
      ->capture_default_str();
  app.add_option("--workers", workers, "clickup.workers")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("sprintetl-extract-bench-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);

  fakes::FakeClickUpOptions fake_options;
  fake_options.rate_limit = limit;
  fake_options.rate_window = std::chrono::milliseconds(window_ms);
  fakes::FakeClickUp fake(fake_options);
  if (fake.Start() == 0) {
    std::fprintf(stderr, "fake ClickUp did not start: %s\n", fake.error().c_str());
    return 1;
  }
  std::vector<std::string> ids = GenerateWorkspace(fake, task_count, lists);
  Counts counts;
  fake.SetRequestListener([&](const fakes::RecordedRequest&, int status) {
    if (status == 429) {
      ++counts.rate_limited;
    } else if (status >= 400) {
      ++counts.failed;
    } else {
      ++counts.accepted;
    }
  });

  config::ClickUp config;
  config.base_url = fake.base_url();
  config.team_id = "9015550001";
  config.workers = workers;
  http::HttpClient client(sources::ClickUpClientOptions(config, "pk_test_clickup"));
  std::string root = (dir / "landing").string();

  // Full read.
  auto full_run = landing::RunFolder::Create(root, "full");
  if (!full_run.ok()) return std::fprintf(stderr, "%s\n", full_run.status().ToString().c_str()), 1;
  auto full_started_wall = std::chrono::system_clock::now();
  auto started = std::chrono::steady_clock::now();
  sources::ClickUpReadPlan full_plan;
  full_plan.reason = "benchmark";
  auto full = sources::ExtractClickUp(config, "Sprint History", full_plan, client, *full_run);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!full.ok()) return std::fprintf(stderr, "full read failed: %s\n", full.status().ToString().c_str()), 1;
  int full_requests = counts.accepted.load();
  double allowed_rate = limit * 1000.0 / window_ms;
  double achieved_rate = full_requests / seconds;
  std::printf("full: tasks=%d lists=%d task_pages=%lld requests=%d rate_limited_429=%d failed=%d "
              "wall_s=%.2f\n", task_count, lists, full->task_pages, full_requests,
              counts.rate_limited.load(), counts.failed.load(), seconds);
  std::printf("full: allowed_rate=%.2f/s achieved_rate=%.2f/s ratio=%.3f\n", allowed_rate,
              achieved_rate, achieved_rate / allowed_rate);
  PrintWindowUse(fake.rate_windows(), allowed_rate);
  std::set<std::string> landed = LandedTaskIds(*full_run);
  for (const std::string& id : ids) {
    if (!landed.count(id)) return std::fprintf(stderr, "task %s was not landed\n", id.c_str()), 1;
  }

  // Incremental read after `changed_percent` of the tasks changed.
  auto changed_at = std::chrono::system_clock::now() + std::chrono::seconds(1);
  long long changed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             changed_at.time_since_epoch()).count();
  int step = std::max(1, static_cast<int>(100.0 / changed_percent));
  int changed = 0;
  for (size_t i = 0; i < ids.size(); i += step, ++changed) {
    Json task = *fake.FindTask(ids[i]);
    task["date_updated"] = std::to_string(changed_ms);
    task["name"] = "Changed " + ids[i];
    fake.AddTask(std::move(task));
  }
  counts.Reset();
  std::string base_started = FormatUtcMillis(full_started_wall);
  base_started[10] = ' ';
  base_started.pop_back();  // the warehouse stores the start without the trailing Z
  auto plan = sources::PlanClickUpRead(
      config, sources::ClickUpBaseRun{"full", full_run->path(), base_started}, false);
  if (!plan.ok() || !plan->incremental) {
    return std::fprintf(stderr, "no incremental plan: %s\n",
                        plan.ok() ? plan->reason.c_str() : plan.status().ToString().c_str()), 1;
  }
  auto next_run = landing::RunFolder::Create(root, "incremental");
  if (!next_run.ok()) return std::fprintf(stderr, "%s\n", next_run.status().ToString().c_str()), 1;
  started = std::chrono::steady_clock::now();
  auto incremental = sources::ExtractClickUp(config, "Sprint History", *plan, client, *next_run);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!incremental.ok()) {
    return std::fprintf(stderr, "incremental read failed: %s\n",
                        incremental.status().ToString().c_str()), 1;
  }
  int incremental_requests = counts.accepted.load();
  std::printf("incremental: changed_tasks=%d requests=%d rate_limited_429=%d failed=%d "
              "carried_pages=%lld wall_s=%.2f\n", changed, incremental_requests,
              counts.rate_limited.load(), counts.failed.load(), incremental->carried_pages,
              seconds);
  std::printf("incremental: requests_ratio=%.3f\n",
              static_cast<double>(incremental_requests) / full_requests);
  if (LandedTaskIds(*next_run).size() < ids.size()) {
    return std::fprintf(stderr, "the incremental run lacks tasks\n"), 1;
  }
  fs::remove_all(dir);
  return 0;
}
