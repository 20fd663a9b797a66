// sprintetl command line: parses arguments, loads the config and runs one
// command. Results go to stdout, logs to stderr.
//
// Exit codes: 0 success; 1 the run failed (or Sprint History could not copy
// every task); 2 usage, configuration or credential error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <optional>
#include <set>

#include "cli/archive_command.h"
#include "cli/commands.h"
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

  cli::ArchiveArgs archive_args;
  CLI::App* archive = app.add_subcommand(
      "archive", "Copy a run's ended sprint into ClickUp's Sprint History folder");
  archive->add_option("--run-id", archive_args.run_id,
                      "Run whose landing folder holds the sprint (default: latest loaded run)");
  archive->add_option("--sprint", archive_args.sprint,
                      "Sprint list id, name or number (default: the sprint that run closed)");
  archive->add_flag("--dry-run", archive_args.dry_run,
                    "Print the plan without writing; sends only GET requests");
  archive->add_flag("--repair", archive_args.repair,
                    "Recreate copies that were deleted by hand in ClickUp");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : cli::kExitUsage;
  }

  const std::set<std::string> levels = {"trace", "debug", "info", "warn", "error"};
  if (!levels.count(global.log_level)) {
    std::cerr << "sprintetl: --log-level must be trace, debug, info, warn or error, got '"
              << global.log_level << "'\n";
    return cli::kExitUsage;
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
  if (*archive) return cli::ArchiveCommand(global, archive_args);
  return cli::kExitUsage;
}
