// sprintetl command line: parses arguments, loads the config and runs one
// command. Results go to stdout, logs to stderr.
//
// Exit codes: 0 success, or nothing to do; 1 the run failed (or Sprint
// History could not copy every task, or another run holds the lock); 2 usage,
// configuration or credential error; 3 nothing to do, only with
// run --exit-code-when-idle.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <set>

#include "build_info.h"
#include "cli/archive_command.h"
#include "cli/commands.h"
#include "cli/discover_command.h"
#include "cli/looker_command.h"
#include "cli/test_data_command.h"
#include "core/log.h"
#include "core/progress.h"

namespace {

// The subcommand names `app` accepts, comma-separated in the order they were added.
std::string SubcommandNames(const CLI::App& app) {
  std::string names;
  for (const CLI::App* subcommand : app.get_subcommands({})) {
    names += (names.empty() ? "" : ", ") + subcommand->get_name();
  }
  return names;
}

// CLI11 reports a word that names no subcommand as "A subcommand is required",
// because the requirement is checked before leftover words. Returns the
// unknown word, or an empty string when the error has another cause.
std::string UnknownSubcommand(const CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::RequiredError*>(&error) == nullptr) return "";
  if (!app.get_subcommands().empty()) return "";
  for (const std::string& word : app.remaining()) {
    if (!word.empty() && word[0] != '-') return word;
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sprintetl;

  CLI::App app{"sprintetl: ClickUp and HubSpot into a historied star schema at every sprint end"};
  app.footer(
      "Exit codes: 0 success, or nothing to do; 1 the run failed, Sprint History did not copy "
      "every task, or another run holds the lock; 2 usage, configuration or credential error; "
      "3 nothing to do (only with run --exit-code-when-idle).");
  app.set_version_flag("--version", std::string("sprintetl ") + SPRINTETL_VERSION);
  app.require_subcommand(1);

  cli::GlobalOptions global;
  app.add_option("-c,--config", global.config_path, "Path of the TOML config file")
      ->capture_default_str();
  CLI::Option* log_level =
      app.add_option("--log-level", global.log_level,
                     "trace, debug, info, warn or error (on a terminal, default: progress lines "
                     "and warnings only)")
          ->capture_default_str();
  app.add_option("--log-format", global.log_format, "text or json")->capture_default_str();

  cli::RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Extract, transform, load, report and archive a sprint");
  CLI::Option* now = run->add_option("--now", run_args.now,
                  "Fixed clock for the run, UTC ISO-8601 (e.g. 2026-11-17T12:00:00Z)");
  CLI::Option* sprint = run->add_option("--sprint", run_args.sprint,
                  "Close this sprint (list id, name or number) instead of the latest ended one");
  run->add_flag("--no-archive", run_args.no_archive, "Skip the Sprint History step");
  run->add_flag("--full-refresh", run_args.full_refresh,
                "Extract every record, not only those changed since the last successful run");
  run->add_flag("--force", run_args.force,
                "Run even when no sprint ended since the last successful run");
  std::string resume_id;
  CLI::Option* resume =
      run->add_option("--resume", resume_id,
                      "Continue a failed run from its first unfinished step, with its clock "
                      "and sprint (RUN_ID; default: the latest failed run)")
          ->expected(0, 1);
  resume->excludes(sprint)->excludes(now);
  run->add_flag("--dry-run", run_args.dry_run,
                "BigQuery only: print the bytes each model statement would process and the "
                "estimated cost in US dollars, and run nothing");
  run->add_flag("--exit-code-when-idle", run_args.exit_code_when_idle,
                "Exit with 3 instead of 0 when no sprint ended since the last successful run");

  std::string report_sprint;
  CLI::App* report = app.add_subcommand("report", "Write the HTML report from the warehouse");
  CLI::Option* report_sprint_option =
      report->add_option("--sprint", report_sprint,
                         "Sprint list id, name or number (default: latest ended)");
  bool report_looker = false;
  report
      ->add_flag("--looker", report_looker,
                 "Print a Looker Studio link that creates a report on the BigQuery rpt_* views, "
                 "instead of writing the HTML report")
      ->excludes(report_sprint_option);

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
  CLI::App* check = app.add_subcommand(
      "check", "Validate the config and secrets, and call each API once with its token");

  std::string discover_source;
  CLI::App* discover = app.add_subcommand(
      "discover", "List every property of the configured HubSpot objects with its type");
  discover->add_option("source", discover_source, "The API to inspect: hubspot")->required();

  cli::ScheduleArgs schedule_args;
  CLI::App* schedule = app.add_subcommand(
      "schedule", "Print (or install) a daily systemd timer and service, and a cron line");
  schedule->add_flag("--install", schedule_args.install,
                     "Write the unit files instead of printing them");
  schedule->add_option("--root", schedule_args.root,
                       "Root folder for --install; units go to ROOT/etc/systemd/system")
      ->capture_default_str();
  schedule->add_option("--user", schedule_args.user, "System user the service runs as")
      ->capture_default_str();
  schedule->add_option("--env-file", schedule_args.env_file,
                       "File with CLICKUP_API_TOKEN and HUBSPOT_ACCESS_TOKEN lines")
      ->capture_default_str();
  schedule->add_option("--binary", schedule_args.binary,
                       "Path of the sprintetl binary in the units (default: this binary)");
  CLI::App* test_data = app.add_subcommand(
      "test-data", "Run the data tests (sql/tests) against the warehouse; exit 1 if one fails");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (std::string unknown = UnknownSubcommand(app, e); !unknown.empty()) {
      std::cerr << "sprintetl: unknown subcommand '" << unknown
                << "'; valid subcommands: " << SubcommandNames(app)
                << ". Run sprintetl --help for what each one does.\n";
      return cli::kExitUsage;
    }
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
  // On a terminal, text logs give way to one progress line per step unless
  // a log level was asked for; logs for files and collectors stay complete.
  bool progress = isatty(STDERR_FILENO) && global.log_format == "text" &&
                  log_level->count() == 0 && *run;
  progress::Enable(progress);
  log::Configure(progress ? "warn" : global.log_level,
                 global.log_format == "json" ? log::Format::kJson : log::Format::kText);

  if (resume->count() > 0) run_args.resume = resume_id;
  if (*run) return cli::RunCommand(global, run_args);
  if (*report && report_looker) return cli::LookerLinkCommand(global);
  if (*report) return cli::ReportCommand(global, report_sprint);
  if (*status) return cli::StatusCommand(global, status_limit);
  if (*archive) return cli::ArchiveCommand(global, archive_args);
  if (*check) return cli::CheckCommand(global);
  if (*discover) return cli::DiscoverCommand(global, discover_source);
  if (*schedule) return cli::ScheduleCommand(global, schedule_args);
  if (*test_data) return cli::TestDataCommand(global);
  return cli::kExitUsage;
}
