// sprintetl command line: parses arguments, loads the config and runs one
// command. Results go to stdout, logs to stderr.
//
// Exit codes: 0 success; 1 the run failed (or Sprint History could not copy
// every task); 2 usage, configuration or credential error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/test_data_command.h"
#include "core/log.h"

int main(int argc, char** argv) {
  using namespace sprintetl;

  CLI::App app{"sprintetl: ClickUp and HubSpot into a historied star schema at every sprint end"};
  app.set_version_flag("--version", std::string("sprintetl ") + SPRINTETL_VERSION);
  app.require_subcommand(1);

  cli::GlobalOptions global;
  app.add_option("-c,--config", global.config_path, "Path of the TOML config file")
      ->capture_default_str();
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn or error")
      ->capture_default_str();
  app.add_option("--log-format", global.log_format, "text or json")->capture_default_str();

  cli::RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Extract, transform, load, report and archive a sprint");
  run->add_option("--now", run_args.now,
                  "Fixed clock for the run, UTC ISO-8601 (e.g. 2026-11-17T12:00:00Z)");
  run->add_option("--sprint", run_args.sprint,
                  "Close this sprint (list id, name or number) instead of the latest ended one");
  run->add_flag("--no-archive", run_args.no_archive, "Skip the Sprint History step");

  std::string report_sprint;
  CLI::App* report = app.add_subcommand("report", "Write the HTML report from the warehouse");
  report->add_option("--sprint", report_sprint, "Sprint list id (default: latest ended)");

  int status_limit = 10;
  CLI::App* status = app.add_subcommand("status", "Show the last runs from run_log");
  status->add_option("--limit", status_limit, "How many runs to show")->capture_default_str();

  CLI::App* test_data = app.add_subcommand(
      "test-data", "Run the data tests (sql/tests) against the warehouse; exit 1 if one fails");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : cli::kExitUsage;
  }

  if (global.log_format != "text" && global.log_format != "json") {
    std::cerr << "sprintetl: --log-format must be text or json, got '" << global.log_format
              << "'\n";
    return cli::kExitUsage;
  }
  log::Configure(global.log_level, global.log_format == "json" ? log::Format::kJson
                                                               : log::Format::kText);

  if (*run) return cli::RunCommand(global, run_args);
  if (*report) return cli::ReportCommand(global, report_sprint);
  if (*status) return cli::StatusCommand(global, status_limit);
  if (*test_data) return cli::TestDataCommand(global);
  return cli::kExitUsage;
}
