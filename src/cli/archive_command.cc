#include "cli/archive_command.h"

#include "cli/command_support.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "archive/sprint_history.h"
#include "config/config.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "pipeline/api_clients.h"
#include "pipeline/run_log.h"
#include "pipeline/secrets.h"
#include "pipeline/run_info.h"
#include "pipeline/sprint_choice.h"
#include "pipeline/sql_paths.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::cli {
namespace {

// A failure the user fixes by changing the command or the setup (exit 2), or
// one of the run itself (exit 1).
struct CommandError {
  Status status;
  int exit_code;
};

Result<std::string> LatestLoadedRun(warehouse::Warehouse& warehouse) {
  SPRINTETL_ASSIGN_OR_RETURN(
      auto result, warehouse.Query("SELECT run_id FROM run_log WHERE step = 'load_and_models' "
                                   "AND status = 'ok' ORDER BY finished_at DESC, run_id DESC "
                                   "LIMIT 1"));
  if (result.rows.empty() || !result.rows[0][0]) {
    return FailedPrecondition("run_log has no run whose load succeeded; run `sprintetl run` "
                              "first or pass --run-id");
  }
  return *result.rows[0][0];
}

// The sprint list id: --sprint resolved against the run's sprint lists, else
// the sprint_id the run wrote to run.json.
Result<std::string> ChooseArchivedSprint(const landing::RunFolder& run,
                                         const std::string& requested) {
  if (!requested.empty()) {
    std::string lists = run.StagePath("stg_list");
    if (!std::filesystem::exists(lists)) return requested;
    SPRINTETL_ASSIGN_OR_RETURN(
        pipeline::SprintChoice choice,
        pipeline::ChooseSprint(lists, requested, std::chrono::system_clock::now(), ""));
    return choice.sprint_id;
  }
  SPRINTETL_ASSIGN_OR_RETURN(std::string text, run.ReadRunInfo());
  SPRINTETL_ASSIGN_OR_RETURN(pipeline::RunInfo info,
                             pipeline::ParseRunInfo(text, run.path() + "/run.json"));
  if (info.sprint && !info.sprint->sprint_id.empty()) return info.sprint->sprint_id;
  return InvalidArgument("run.json of run " + run.run_id() + " names no sprint_id (the run "
                         "stopped before choosing one, or predates the field); pass --sprint");
}

void PrintSummary(const archive::ArchiveSummary& summary) {
  for (const auto& item : summary.items) {
    std::printf("%-9s %-12s %s\n", item.kind.c_str(), item.task_id.c_str(), item.text.c_str());
  }
  const char* copied = summary.dry_run ? "to copy" : "copied";
  const char* recreated = summary.dry_run ? "to recreate" : "recreated";
  std::printf("%s: %d tasks, %d %s, %d already copied, %d %s, %d copies missing, %zu failed, "
              "%zu values not copied, %zu deleted at the source, %d checklists and %d items "
              "created\n",
              summary.dry_run ? "plan" : "done", summary.tasks, summary.copied, copied,
              summary.already_copied, summary.recreated, recreated, summary.missing,
              summary.failed.size(), summary.dropped.size(), summary.deleted_at_source.size(),
              summary.checklists, summary.checklist_items);
}

void LogStep(warehouse::Warehouse& warehouse, const std::string& run_id,
             std::chrono::system_clock::time_point started, const Status& status,
             long long rows) {
  pipeline::StepRecord record{run_id,  "archive", started, std::chrono::system_clock::now(),
                              status.ok() ? "ok" : "failed", rows, status.ok() ? "" : status.ToString()};
  Status logged = pipeline::RecordStep(warehouse, record);
  if (!logged.ok()) std::cerr << "sprintetl: run_log not written: " << logged.ToString() << "\n";
}


}  // namespace

int ArchiveCommand(const GlobalOptions& global, const ArchiveArgs& args) {
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailWith(config.status(), kExitUsage);
  auto token = pipeline::ReadSecret("CLICKUP_API_TOKEN");
  if (!token.ok()) return FailWith(token.status(), kExitUsage);

  auto warehouse = warehouse::OpenWarehouse(config->warehouse);
  if (!warehouse.ok()) return FailWith(warehouse.status(), kExitFailed);
  Status schema = warehouse::EnsureSchema(**warehouse, pipeline::SqlDir());
  if (!schema.ok()) return FailWith(schema, kExitFailed);

  std::string run_id = args.run_id;
  if (run_id.empty()) {
    auto latest = LatestLoadedRun(**warehouse);
    if (!latest.ok()) return FailWith(latest.status(), kExitUsage);
    run_id = *latest;
  }
  auto run = landing::RunFolder::Open(config->landing_root, run_id);
  if (!run.ok()) return FailWith(run.status(), kExitUsage);
  auto sprint_id = ChooseArchivedSprint(*run, args.sprint);
  if (!sprint_id.ok()) return FailWith(sprint_id.status(), kExitUsage);

  http::HttpClient clickup(pipeline::ClickUpApiOptions(*config, *token));
  archive::ArchiveOptions options;
  options.dry_run = args.dry_run;
  options.repair = args.repair;
  auto started = std::chrono::system_clock::now();
  auto summary = archive::ArchiveSprint(*config, clickup, **warehouse, *run, *sprint_id, options);

  if (!summary.ok()) {
    if (!args.dry_run) LogStep(**warehouse, run_id, started, summary.status(), 0);
    return FailWith(summary.status(), summary.status().code() == StatusCode::kNotFound ? kExitUsage
                                                                                  : kExitFailed);
  }
  PrintSummary(*summary);
  if (!args.dry_run) {
    Status outcome = summary->failed.empty()
                         ? Status::Ok()
                         : Unavailable(archive::NotCopiedMessage(*summary));
    LogStep(**warehouse, run_id, started, outcome, summary->copied + summary->recreated);
  }
  if (!summary->failed.empty()) {
    std::cerr << "sprintetl: " << archive::NotCopiedMessage(*summary)
              << "\nRun `sprintetl archive --run-id " << run_id << " --sprint " << *sprint_id
              << "` again to copy the rest; copied tasks are not duplicated.\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace sprintetl::cli
