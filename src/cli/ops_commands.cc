// The operating commands: status, check and schedule.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/check_command.h"
#include "cli/commands.h"

#include "cli/command_support.h"
#include "cli/schedule_units.h"
#include "config/config.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_state.h"
#include "pipeline/sql_paths.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::cli {
namespace {
namespace fs = std::filesystem;


std::string ThisBinary() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "/usr/local/bin/sprintetl" : self.string();
}

// Steps of the listed runs from run_log, in the order they ran.
struct StepLine {
  std::string step, status, rows, ms, message;
};

Result<std::map<std::string, std::vector<StepLine>>> StepsOf(warehouse::Warehouse& warehouse,
                                                             int limit) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result,
      warehouse.Query(
          "WITH recent AS (SELECT run_id FROM run_log GROUP BY run_id "
          "ORDER BY min(started_at) DESC LIMIT " + std::to_string(limit) + ") "
          "SELECT l.run_id, l.step, l.status, l.rows, "
          "CAST(date_diff('millisecond', l.started_at, l.finished_at) AS BIGINT), l.message "
          "FROM run_log l JOIN recent USING (run_id) ORDER BY l.started_at"));
  std::map<std::string, std::vector<StepLine>> steps;
  for (const auto& row : result.rows) {
    steps[row[0].value_or("")].push_back({row[1].value_or(""), row[2].value_or(""),
                                          row[3].value_or(""), row[4].value_or("0"),
                                          row[5].value_or("")});
  }
  return steps;
}

}  // namespace

int StatusCommand(const GlobalOptions& global, int limit) {
  if (limit < 1) {
    return FailWith(InvalidArgument("--limit must be at least 1, got " + std::to_string(limit)),
                    kExitUsage);
  }
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailWith(config.status(), kExitUsage);
  if (Status exists = RequireWarehouseFile(*config); !exists.ok()) {
    return FailWith(exists, kExitFailed);
  }

  // A run holding the lock also holds DuckDB's file lock, so name the run
  // before the open below fails on it.
  auto holder = pipeline::CurrentLockHolder(pipeline::LockPathFor(config->warehouse.path));
  if (holder) {
    std::printf("running now: pid %ld on %s since %s\n", holder->pid, holder->host.c_str(),
                holder->since.c_str());
  }

  auto warehouse = warehouse::OpenWarehouse(config->warehouse);
  if (!warehouse.ok()) {
    Status explained = ExplainWarehouseInUse(
        *config, warehouse.status(), "the runs are listed here again once it finishes");
    return FailWith(explained, kExitFailed);
  }
  Status schema = warehouse::EnsureSchema(**warehouse, pipeline::SqlDir());
  if (!schema.ok()) return FailWith(schema, kExitFailed);

  auto runs = pipeline::RecentRuns(**warehouse, limit);
  if (!runs.ok()) return FailWith(runs.status(), kExitFailed);
  auto steps = StepsOf(**warehouse, limit * 2);
  if (!steps.ok()) return FailWith(steps.status(), kExitFailed);

  for (const auto& run : *runs) {
    // No live process holds the lock, so a run still marked running was killed.
    std::string status = run.status == pipeline::kRunRunning && !holder ? "interrupted"
                                                                         : run.status;
    std::printf("%s  %-11s %s\n", run.run_id.c_str(), status.c_str(),
                run.sprint_name.empty() ? "(sprint not chosen yet)" : run.sprint_name.c_str());
    std::printf("  started %s  finished %s  clock %s  warnings %lld\n", run.started_at.c_str(),
                run.finished_at.empty() ? "-" : run.finished_at.c_str(), run.run_clock.c_str(),
                run.warnings);
    for (const auto& step : (*steps)[run.run_id]) {
      std::printf("  %-16s %-7s rows=%-9s %8.3f s  %s\n", step.step.c_str(), step.status.c_str(),
                  step.rows.c_str(), std::strtod(step.ms.c_str(), nullptr) / 1000.0, step.message.c_str());
    }
    if (!run.message.empty()) std::printf("  error: %s\n", run.message.c_str());
  }
  if (runs->empty()) std::printf("no runs yet\n");
  return kExitOk;
}

int CheckCommand(const GlobalOptions& global) {
  bool all_ok = true;
  for (const CheckResult& result : RunChecks(global.config_path)) {
    std::printf("%-6s %-21s %s\n", result.ok ? "ok" : "FAILED", result.name.c_str(),
                result.detail.c_str());
    all_ok = all_ok && result.ok;
  }
  return all_ok ? kExitOk : kExitUsage;
}

int ScheduleCommand(const GlobalOptions& global, const ScheduleArgs& args) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailWith(config.status(), kExitUsage);

  ScheduleParams params;
  params.binary = args.binary.empty() ? ThisBinary() : fs::absolute(args.binary).string();
  params.config_path = fs::absolute(global.config_path).lexically_normal().string();
  params.user = args.user;
  params.env_file = args.env_file;
  ScheduleFiles files = RenderSchedule(*config, params);

  if (!args.install) {
    std::printf("# /etc/systemd/system/%s.service\n%s\n", params.unit_name.c_str(),
                files.service.c_str());
    std::printf("# /etc/systemd/system/%s.timer\n%s\n", params.unit_name.c_str(),
                files.timer.c_str());
    std::printf("# Or, without systemd, this crontab line (crontab -e as %s):\n%s\n",
                params.user.c_str(), files.cron_line.c_str());
    return kExitOk;
  }

  auto dir = InstallSchedule(files, params, args.root);
  if (!dir.ok()) return FailWith(dir.status(), kExitFailed);
  std::printf("wrote %s/%s.service and %s/%s.timer\n", dir->c_str(), params.unit_name.c_str(),
              dir->c_str(), params.unit_name.c_str());
  std::printf("Enable the timer with:\n  systemctl daemon-reload\n"
              "  systemctl enable --now %s.timer\n  systemctl list-timers %s.timer\n",
              params.unit_name.c_str(), params.unit_name.c_str());
  return kExitOk;
}

}  // namespace sprintetl::cli
