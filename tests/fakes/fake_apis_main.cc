// sprintetl-fake-apis: runs the fake ClickUp, HubSpot and BigQuery servers on 127.0.0.1 for the
// demo until SIGINT or SIGTERM. With --port-file it writes the base URLs once all listen, so
// a script can wait for that file and configure the product from it.
#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fakes/fake_bigquery.h"
#include "fakes/fake_clickup.h"
#include "fakes/fake_hubspot.h"

namespace {

namespace fakes = sprintetl::fakes;
namespace fs = std::filesystem;

// Writes via a temporary file and a rename, so a reader never sees half the file.
bool WritePortFile(const std::string& path, const std::string& text) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  return !ec;
}

void PrintRequests(fakes::FakeServer* server, const char* name) {
  server->SetRequestListener([name](const fakes::RecordedRequest& request, int status) {
    std::string query = request.query.empty() ? "" : "?" + request.query;
    std::fprintf(stderr, "%s %s %s%s -> %d\n", name, request.method.c_str(), request.path.c_str(),
                 query.c_str(), status);
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs the fake ClickUp and HubSpot API servers on 127.0.0.1 until SIGINT/SIGTERM."};
  int clickup_port = 0;
  int hubspot_port = 0;
  int bigquery_port = 0;
  std::string bigquery_key_file;
  std::vector<std::string> data_roots;
  std::string scenario;
  std::string port_file;
  fakes::FakeClickUpOptions clickup;
  fakes::FakeHubSpotOptions hubspot;
  int rate_limit = 0;
  bool verbose = false;
  app.add_option("--clickup-port", clickup_port, "Port of the fake ClickUp server (0: any free)");
  app.add_option("--hubspot-port", hubspot_port, "Port of the fake HubSpot server (0: any free)");
  app.add_option("--bigquery-port", bigquery_port,
                 "Port of the fake BigQuery and OAuth server (0: any free)");
  app.add_option("--bigquery-key-file", bigquery_key_file,
                 "File to write a test-only service-account key for the fake BigQuery to");
  app.add_option("--data", data_roots,
                 "Fixture root holding clickup/ and hubspot/ folders; repeat to overlay "
                 "(default: the built-in test data)");
  app.add_option("--scenario", scenario,
                 "Overlay <root>/scenarios/NAME/{clickup,hubspot} on the fixtures");
  app.add_option("--port-file", port_file,
                 "File to write clickup=, hubspot= and bigquery=<base_url> lines to once all "
                 "listen");
  app.add_option("--clickup-token", clickup.token, "Token the ClickUp fake accepts")
      ->capture_default_str();
  app.add_option("--hubspot-token", hubspot.token, "Bearer token the HubSpot fake accepts")
      ->capture_default_str();
  app.add_option("--rate-limit", rate_limit,
                 "Requests per rate window for both fakes (ClickUp: 60 s, HubSpot: 10 s; "
                 "default 100 and 190)")
      ->check(CLI::PositiveNumber);
  app.add_option("--page-size", clickup.page_size, "Tasks per page of ClickUp list-task reads")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--verbose", verbose, "Print one line per request to stderr");
  CLI11_PARSE(app, argc, argv);

  if (data_roots.empty()) data_roots.push_back(fakes::TestDataDir());
  clickup.data_dirs.clear();
  hubspot.data_dirs.clear();
  for (const std::string& root : data_roots) {
    clickup.data_dirs.push_back(root + "/clickup");
    hubspot.data_dirs.push_back(root + "/hubspot");
  }
  if (!scenario.empty()) {
    bool found = false;
    for (const std::string& root : data_roots) {
      fs::path folder = fs::path(root) / "scenarios" / scenario;
      if (!fs::is_directory(folder)) continue;
      found = true;
      clickup.data_dirs.push_back((folder / "clickup").string());
      hubspot.data_dirs.push_back((folder / "hubspot").string());
    }
    if (!found) {
      std::fprintf(stderr, "error: scenario \"%s\" not found under scenarios/ of the data roots\n",
                   scenario.c_str());
      return 2;
    }
  }
  if (rate_limit > 0) {
    clickup.rate_limit = rate_limit;
    hubspot.rate_limit = rate_limit;
  }

  // Block the stop signals before the server threads start, so they inherit the mask and
  // sigwait() below is the only place that receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  fakes::FakeClickUp clickup_server(clickup);
  fakes::FakeHubSpot hubspot_server(hubspot);
  fakes::FakeBigQuery bigquery_server;
  if (verbose) {
    PrintRequests(&clickup_server, "clickup");
    PrintRequests(&hubspot_server, "hubspot");
    PrintRequests(&bigquery_server, "bigquery");
  }
  if (clickup_server.Start(clickup_port) == 0) {
    std::fprintf(stderr, "error: fake ClickUp failed to start: %s\n",
                 clickup_server.error().c_str());
    return 1;
  }
  if (hubspot_server.Start(hubspot_port) == 0) {
    std::fprintf(stderr, "error: fake HubSpot failed to start: %s\n",
                 hubspot_server.error().c_str());
    return 1;
  }

  if (bigquery_server.Start(bigquery_port) == 0) {
    std::fprintf(stderr, "error: fake BigQuery failed to start: %s\n",
                 bigquery_server.error().c_str());
    return 1;
  }
  if (!bigquery_key_file.empty() && !bigquery_server.WriteKeyFile(bigquery_key_file)) {
    std::fprintf(stderr, "error: cannot write key file %s; check the folder exists\n",
                 bigquery_key_file.c_str());
    return 1;
  }

  std::string urls = "clickup=" + clickup_server.base_url() +
                     "\nhubspot=" + hubspot_server.base_url() +
                     "\nbigquery=" + bigquery_server.base_url() + "\n";
  if (!port_file.empty() && !WritePortFile(port_file, urls)) {
    std::fprintf(stderr, "error: cannot write port file %s; check the folder exists\n",
                 port_file.c_str());
    return 1;
  }
  std::fprintf(stderr, "fake APIs listening: %s", urls.c_str());

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::fprintf(stderr, "fake APIs stopping on signal %d\n", signal_number);
  clickup_server.Stop();
  hubspot_server.Stop();
  bigquery_server.Stop();
  return 0;
}
