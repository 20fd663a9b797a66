#include "cli/commands.h"

#include "cli/command_support.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/dry_run_command.h"
#include "cli/power_off.h"
#include "config/config.h"
#include "core/log.h"
#include "core/time_format.h"
#include "pipeline/pipeline.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"
#include "pipeline/sql_paths.h"

namespace sprintetl::cli {
namespace {

// Exit code for a failed command: credentials and bad input are the user's
// to fix (2); anything else is a failed run (1).
int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied:
      return kExitUsage;
    default:
      return kExitFailed;
  }
}

int Fail(const Status& status) {
  std::cerr << "sprintetl: " << status.ToString() << "\n";
  return ExitCodeFor(status);
}

// A config that cannot be loaded is always a usage error (2), whatever its code.
int FailConfig(const Status& status) {
  std::cerr << "sprintetl: " << status.ToString() << "\n";
  return kExitUsage;
}



// The run succeeded (or had nothing to do): a VM started only for the run
// may go off. A failed power-off is reported but does not fail the run.
void PowerOffIfConfigured(const config::Config& config) {
  if (!config.operations.power_off_after_success) return;
  Status off = RunPowerOffCommand(config.operations.power_off_command);
  if (!off.ok()) std::cerr << "sprintetl: " << off.message() << "\n";
}

}  // namespace

int RunCommand(const GlobalOptions& global, const RunArgs& args) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailConfig(config.status());
  if (args.dry_run) return DryRunCommand(*config, args);

  pipeline::RunOptions options;
  options.sprint = args.sprint;
  options.archive = !args.no_archive;
  options.full_refresh = args.full_refresh;
  options.only_when_sprint_ended = !args.force;
  options.resume_run_id = args.resume;
  if (!args.now.empty()) {
    auto now = ParseUtc(args.now);
    if (!now) {
      std::cerr << "sprintetl: --now '" << args.now
                << "' is not a time like 2026-11-17T12:00:00Z or 2026-11-17T14:00:00+02:00\n";
      return kExitUsage;
    }
    options.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(*now);
  }

  auto outcome = pipeline::RunSprintEnd(*config, options);
  if (!outcome.ok()) return Fail(outcome.status());
  if (outcome->idle) {
    std::cout << "nothing to do: " << outcome->idle_reason << "\n";
    PowerOffIfConfigured(*config);
    return args.exit_code_when_idle ? kExitIdle : kExitOk;
  }

  std::cout << "run " << outcome->run_id << (outcome->resumed ? " (resumed)" : "") << " closed " << outcome->sprint_name << " ("
            << outcome->sprint_id << ")\n";
  std::cout << "landing: " << outcome->landing_path << "\n";
  std::cout << "report: " << outcome->report_path << "\n";
  for (const auto& warning : outcome->warnings) std::cout << "warning: " << warning << "\n";
  for (const auto& pruned : outcome->pruned_runs) {
    std::cout << "deleted old landing folder: " << pruned << "\n";
  }
  if (options.archive) {
    std::cout << "sprint history: " << outcome->archived_tasks << " tasks copied, "
              << outcome->archive_already_copied << " already copied\n";
  }
  if (!outcome->archive_failures.empty()) {
    std::cerr << "sprintetl: the warehouse and report are up to date, but Sprint History did not "
                 "copy every task:\n";
    for (const auto& failure : outcome->archive_failures) std::cerr << "  " << failure << "\n";
    std::cerr << "Run `sprintetl --config " << global.config_path << " run --resume "
              << outcome->run_id << "` to copy the rest; copied tasks are not duplicated.\n";
    return kExitFailed;
  }
  PowerOffIfConfigured(*config);
  return kExitOk;
}

int ReportCommand(const GlobalOptions& global, const std::string& sprint) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailConfig(config.status());
  if (Status exists = RequireWarehouseFile(*config); !exists.ok()) return Fail(exists);
  auto path = pipeline::WriteSprintReport(*config, sprint);
  if (!path.ok()) {
    return Fail(ExplainWarehouseInUse(*config, path.status(),
                                      "wait for it to finish, or check it with `sprintetl "
                                      "status`, then run `sprintetl report` again"));
  }
  std::cout << "report: " << *path << "\n";
  return kExitOk;
}

}  // namespace sprintetl::cli
