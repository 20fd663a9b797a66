// HubSpot extraction benchmark: a full read of a generated portal on the fake HubSpot with its
// 10-second rate window enforced, at two sizes, each read in a child process of its own.
//
//   sprintetl_hubspot_bench [--companies 20000] [--deals 60000] [--line-items 150000]
//                           [--small-divisor 10] [--limit 190] [--window-ms 10000]
//                           [--seed-history]
//
// The fake runs in this process; the extraction runs in a child, so the child's peak resident
// set (VmHWM) is the extractor's alone. The small portal divides every count by
// --small-divisor. For each size it prints the accepted requests, 429 replies, other failed
// requests, the wall time against two floors the rate limit sets, and the peak resident set;
// then the ratio of the two peaks. With --seed-history the companies are listed with their
// property history, as a first run with hubspot.seed_history does. Exits 1 when a read fails, a request is rejected, or a
// read lists a different number of records than the portal has.
#include <CLI/CLI.hpp>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "config/config.h"
#include "fakes/fake_hubspot.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "sources/hubspot/hubspot_extractor.h"

extern char** environ;

namespace {

using namespace sprintetl;

struct Portal {
  long long companies = 0;
  long long deals = 0;
  long long line_items = 0;
};

config::HubSpot BenchConfig(const std::string& base_url) {
  config::HubSpot config;
  config.base_url = base_url;
  config.company_properties = {"name", "lifecyclestage", "hubspot_owner_id", "squad",
                               "contracted_points", "services"};
  config.deal_properties = {"dealname", "dealstage", "pipeline", "amount", "closedate"};
  config.line_item_properties = {"name", "hs_product_id", "quantity", "price", "amount"};
  config.product_properties = {"name", "service"};
  return config;
}

// VmHWM of this process in kB, 0 when /proc is not readable. wait4's ru_maxrss would not do:
// posix_spawn's child runs in the parent's memory image until exec, and Linux adds the peak of
// the image a process leaves at exec to its ru_maxrss, so it showed the parent's peak.
long PeakResidentKb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// Child mode: extracts from `base_url` into a new landing folder under `landing_root`, checks
// the record counts against `portal` and writes "wall_s pages association_pages peak_kb" to
// `result_file`.
int RunChild(const std::string& base_url, const std::string& landing_root, const Portal& portal,
             bool seed_history, const std::string& result_file) {
  config::HubSpot config = BenchConfig(base_url);
  http::HttpClient client(sources::HubSpotClientOptions(config, "pat-test-hubspot"));
  auto run = landing::RunFolder::Create(landing_root, "bench");
  if (!run.ok()) return std::fprintf(stderr, "%s\n", run.status().ToString().c_str()), 1;

  auto started = std::chrono::steady_clock::now();
  auto summary = sources::ExtractHubSpot(config, client, *run, {.seed_history = seed_history});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!summary.ok()) {
    return std::fprintf(stderr, "extraction failed: %s\n", summary.status().ToString().c_str()), 1;
  }
  for (auto [type, expected] : {std::pair{"companies", portal.companies},
                                std::pair{"deals", portal.deals},
                                std::pair{"line_items", portal.line_items}}) {
    if (summary->records[type] != expected) {
      std::fprintf(stderr, "listed %lld %s, the portal has %lld\n", summary->records[type], type,
                   expected);
      return 1;
    }
  }
  std::ofstream(result_file) << seconds << " " << summary->pages << " "
                             << summary->association_pages << " " << PeakResidentKb() << "\n";
  return 0;
}

struct ChildResult {
  double wall_s = 0;
  long long pages = 0;
  long long association_pages = 0;
  long peak_rss_kb = 0;
};

// Starts this executable in child mode against the fake at `base_url` and waits for it.
std::optional<ChildResult> ExtractInChild(const std::string& base_url, const Portal& portal,
                                          bool seed_history, const std::filesystem::path& dir) {
  std::string landing = (dir / "landing").string();
  std::string result_file = (dir / "result.txt").string();
  std::vector<std::string> args = {"sprintetl_hubspot_bench", "--child",
                                   "--base-url", base_url,
                                   "--landing", landing,
                                   "--result-file", result_file,
                                   "--companies", std::to_string(portal.companies),
                                   "--deals", std::to_string(portal.deals),
                                   "--line-items", std::to_string(portal.line_items)};
  if (seed_history) args.push_back("--seed-history");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), environ) != 0) {
    std::perror("posix_spawn");
    return std::nullopt;
  }
  int wait_status = 0;
  if (waitpid(pid, &wait_status, 0) != pid || !WIFEXITED(wait_status) ||
      WEXITSTATUS(wait_status) != 0) {
    std::fprintf(stderr, "the extraction child failed\n");
    return std::nullopt;
  }
  ChildResult result;
  std::ifstream(result_file) >> result.wall_s >> result.pages >> result.association_pages >>
      result.peak_rss_kb;
  return result;
}

struct Counts {
  std::atomic<int> accepted{0};
  std::atomic<int> rate_limited{0};
  std::atomic<int> failed{0};
};

// Serves `portal` on a fresh fake, extracts it in a child and prints its figures; nullopt when
// the read failed or a request was rejected.
std::optional<ChildResult> MeasureSize(const char* label, const Portal& portal, int limit,
                                       int window_ms, bool seed_history) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("sprintetl-hubspot-bench-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);

  fakes::FakeHubSpotOptions options;
  options.rate_limit = limit;
  options.rate_window = std::chrono::milliseconds(window_ms);
  options.generated = {portal.companies, portal.deals, portal.line_items};
  fakes::FakeHubSpot fake(options);
  if (fake.Start() == 0) {
    std::fprintf(stderr, "fake HubSpot did not start: %s\n", fake.error().c_str());
    return std::nullopt;
  }
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

  std::optional<ChildResult> result = ExtractInChild(fake.base_url(), portal, seed_history, dir);
  fake.Stop();
  fs::remove_all(dir);
  if (!result) return std::nullopt;

  // The floor as requests over the allowed rate, and the stricter one of whole windows: the
  // first `limit` requests go at once, every further `limit` one window later.
  int requests = counts.accepted.load();
  double floor_s = requests * (window_ms / 1000.0) / limit;
  double window_floor_s = ((requests - 1) / limit) * (window_ms / 1000.0);
  std::printf("%s: companies=%lld deals=%lld line_items=%lld requests=%d association_pages=%lld "
              "rate_limited_429=%d failed=%d\n",
              label, portal.companies, portal.deals, portal.line_items, counts.accepted.load(),
              result->association_pages, counts.rate_limited.load(), counts.failed.load());
  std::printf("%s: wall_s=%.2f floor_s=%.2f wall_to_floor=%.3f window_floor_s=%.2f "
              "wall_to_window_floor=%.3f peak_rss_mb=%.1f\n",
              label, result->wall_s, floor_s, result->wall_s / floor_s, window_floor_s,
              window_floor_s > 0 ? result->wall_s / window_floor_s : 0.0,
              result->peak_rss_kb / 1024.0);
  if (counts.rate_limited.load() > 0 || counts.failed.load() > 0) return std::nullopt;
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"HubSpot extraction benchmark on the fake HubSpot"};
  Portal portal{20000, 60000, 150000};
  int small_divisor = 10;
  int limit = 190;
  int window_ms = 10000;
  bool child = false;
  bool seed_history = false;
  std::string base_url;
  std::string landing;
  std::string result_file;
  app.add_option("--companies", portal.companies, "Generated companies")->capture_default_str();
  app.add_option("--deals", portal.deals, "Generated deals")->capture_default_str();
  app.add_option("--line-items", portal.line_items, "Generated line items")
      ->capture_default_str();
  app.add_option("--small-divisor", small_divisor, "The small portal's counts are divided by this")
      ->capture_default_str();
  app.add_option("--limit", limit, "Requests per rate window")->capture_default_str();
  app.add_option("--window-ms", window_ms, "Rate window in milliseconds")->capture_default_str();
  app.add_flag("--seed-history", seed_history,
               "List companies with the history of the tracked properties (50 per page)");
  app.add_flag("--child", child, "Internal: run one extraction and exit");
  app.add_option("--base-url", base_url, "Internal: the fake's URL in child mode");
  app.add_option("--landing", landing, "Internal: landing root in child mode");
  app.add_option("--result-file", result_file, "Internal: where child mode writes its figures");
  CLI11_PARSE(app, argc, argv);

  if (child) return RunChild(base_url, landing, portal, seed_history, result_file);

  Portal small{portal.companies / small_divisor, portal.deals / small_divisor,
               portal.line_items / small_divisor};
  std::optional<ChildResult> small_result = MeasureSize("small", small, limit, window_ms, seed_history);
  if (!small_result) return 1;
  std::optional<ChildResult> full_result = MeasureSize("full", portal, limit, window_ms, seed_history);
  if (!full_result) return 1;
  std::printf("peak_rss_ratio full/small=%.3f\n",
              static_cast<double>(full_result->peak_rss_kb) / small_result->peak_rss_kb);
  return 0;
}
