#include "cli/commands.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

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

Result<config::Config> LoadConfigForCommand(const GlobalOptions& global) {
  SPRINTETL_ASSIGN_OR_RETURN(config::Config config, config::LoadConfig(global.config_path));
  SPRINTETL_RETURN_IF_ERROR(config::ApplyEnvironmentOverrides(config));
  return config;
}

// Commands that only read the warehouse must not create an empty one.
Status RequireWarehouseFile(const config::Config& config) {
  std::error_code ec;
  if (!std::filesystem::exists(config.warehouse.path, ec)) {
    return FailedPrecondition("no warehouse at " + config.warehouse.path +
                              "; run `sprintetl run` first");
  }
  return Status::Ok();
}

}  // namespace

int RunCommand(const GlobalOptions& global, const RunArgs& args) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailConfig(config.status());

  pipeline::RunOptions options;
  options.sprint = args.sprint;
  options.archive = !args.no_archive;
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

  std::cout << "run " << outcome->run_id << " closed " << outcome->sprint_name << " ("
            << outcome->sprint_id << ")\n";
  std::cout << "landing: " << outcome->landing_path << "\n";
  std::cout << "report: " << outcome->report_path << "\n";
  for (const auto& warning : outcome->warnings) std::cout << "warning: " << warning << "\n";
  if (options.archive) {
    std::cout << "sprint history: " << outcome->archived_tasks << " tasks copied, "
              << outcome->archive_already_copied << " already copied\n";
  }
  if (!outcome->archive_failures.empty()) {
    std::cerr << "sprintetl: the warehouse and report are up to date, but Sprint History did not "
                 "copy every task:\n";
    for (const auto& failure : outcome->archive_failures) std::cerr << "  " << failure << "\n";
    std::cerr << "Run `sprintetl --config " << global.config_path << " run --sprint "
              << outcome->sprint_id << "` again to copy the rest; copied tasks are not "
              << "duplicated.\n";
    return kExitFailed;
  }
  return kExitOk;
}

int ReportCommand(const GlobalOptions& global, const std::string& sprint) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailConfig(config.status());
  if (Status exists = RequireWarehouseFile(*config); !exists.ok()) return Fail(exists);
  auto path = pipeline::WriteSprintReport(*config, sprint);
  if (!path.ok()) return Fail(path.status());
  std::cout << "report: " << *path << "\n";
  return kExitOk;
}

int StatusCommand(const GlobalOptions& global, int limit) {
  if (limit < 1) {
    std::cerr << "sprintetl: --limit must be at least 1, got " << limit << "\n";
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailConfig(config.status());
  if (Status exists = RequireWarehouseFile(*config); !exists.ok()) return Fail(exists);
  auto warehouse = warehouse::OpenWarehouse(config->warehouse);
  if (!warehouse.ok()) return Fail(warehouse.status());
  Status schema = warehouse::EnsureSchema(**warehouse, pipeline::SqlDir());
  if (!schema.ok()) return Fail(schema);

  auto runs = (*warehouse)->Query(
      "WITH recent AS (SELECT run_id FROM run_log GROUP BY run_id ORDER BY min(started_at) DESC "
      "LIMIT " + std::to_string(limit) + ") "
      "SELECT l.run_id, l.step, l.status, l.rows, "
      "CAST(date_diff('millisecond', l.started_at, l.finished_at) AS BIGINT) AS ms, l.message "
      "FROM run_log l JOIN recent USING (run_id) ORDER BY l.run_id DESC, l.started_at");
  if (!runs.ok()) return Fail(runs.status());

  std::string current;
  for (const auto& row : runs->rows) {
    std::string run_id = row[0].value_or("");
    if (run_id != current) {
      std::printf("%s\n", run_id.c_str());
      current = run_id;
    }
    std::printf("  %-16s %-7s rows=%-8s ms=%-8s %s\n", row[1].value_or("").c_str(),
                row[2].value_or("").c_str(), row[3].value_or("").c_str(),
                row[4].value_or("").c_str(), row[5].value_or("").c_str());
  }
  if (runs->rows.empty()) std::printf("no runs yet\n");
  return kExitOk;
}

}  // namespace sprintetl::cli
