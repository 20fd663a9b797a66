#include "pipeline/pipeline.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>

#include <date/date.h>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "archive/sprint_history.h"
#include "core/log.h"
#include "core/progress.h"
#include "core/time_format.h"
#include "http/http_client.h"
#include "landing/retention.h"
#include "landing/run_folder.h"
#include "pipeline/api_clients.h"
#include "pipeline/clickup_read.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_log.h"
#include "pipeline/run_start.h"
#include "pipeline/run_state.h"
#include "pipeline/secrets.h"
#include "pipeline/sprint_choice.h"
#include "pipeline/sprint_detection.h"
#include "pipeline/sql_paths.h"
#include "pipeline/stage_load.h"
#include "report/html_report.h"
#include "report/report_data.h"
#include "sources/clickup/clickup_extractor.h"
#include "pipeline/incremental_base.h"
#include "sources/hubspot/hubspot_extractor.h"
#include "transform/transform_run.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {
namespace {

using Clock = std::chrono::system_clock;

// Runs one step and records it in run_log whatever its outcome. A resumed
// run skips the steps the earlier attempt finished, up to the first one that
// did not. Every later step runs again, because it reads what that step writes.
class StepRunner {
 public:
  StepRunner(warehouse::Warehouse& warehouse, std::string run_id,
             std::set<std::string> finished_steps, std::function<Status()> save_run_info)
      : warehouse_(warehouse),
        run_id_(std::move(run_id)),
        finished_steps_(std::move(finished_steps)),
        save_run_info_(std::move(save_run_info)) {}

  template <typename Body>
  Status Run(const std::string& step, Body body) {
    auto logger = log::Get("run");
    if (skipping_ && finished_steps_.count(step)) {
      logger->info("step.skip run={} step={} reason=finished_before_resume", run_id_, step);
      progress::StepFinished(step, "skipped", 0, 0);
      return Status::Ok();
    }
    skipping_ = false;

    StepRecord record{run_id_, step, Clock::now(), {}, "ok", 0, ""};
    logger->info("step.start run={} step={}", run_id_, step);
    progress::StepStarted(step);

    Result<long long> rows = body();
    // run.json keeps what the step decided, so a resumed run can skip it.
    if (rows.ok()) {
      Status saved = save_run_info_();
      if (!saved.ok()) rows = saved;
    }
    record.finished_at = Clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(record.finished_at -
                                                                    record.started_at).count();
    if (rows.ok()) {
      record.rows = *rows;
      logger->info("step.done run={} step={} rows={} ms={}", run_id_, step, record.rows, ms);
    } else {
      record.status = "failed";
      record.message = rows.status().ToString();
      failed_message_ = step + ": " + record.message;
      logger->error("step.failed run={} step={} ms={} error=\"{}\"", run_id_, step, ms,
                    record.message);
    }
    progress::StepFinished(step, record.status, record.rows, ms);
    Status logged = RecordStep(warehouse_, record);
    if (!logged.ok()) logger->warn("run_log.write_failed error=\"{}\"", logged.message());
    return rows.ok() ? Status::Ok() : rows.status().WithContext(step);
  }

  bool any_failed() const { return !failed_message_.empty(); }
  const std::string& failed_message() const { return failed_message_; }

 private:
  warehouse::Warehouse& warehouse_;
  std::string run_id_;
  std::set<std::string> finished_steps_;
  std::function<Status()> save_run_info_;
  bool skipping_ = true;
  std::string failed_message_;
};

// Checks what would otherwise fail only after the APIs were read or the load
// committed: the report locale, the configured time zone and a writable
// report folder.
Status CheckRunSettings(const config::Config& config) {
  report::ReportOptions options;
  options.locale = config.report.locale;
  SPRINTETL_RETURN_IF_ERROR(report::ValidateReportOptions(options));

  if (!config.timezone.empty()) {
    try {
      date::locate_zone(config.timezone);
    } catch (const std::exception&) {
      return InvalidArgument(config.source_path + ": timezone '" + config.timezone +
                             "' is not an IANA time zone such as Europe/Berlin");
    }
  }

  namespace fs = std::filesystem;
  fs::path folder = fs::path(config.report.path).parent_path();
  std::error_code ec;
  fs::create_directories(folder, ec);
  fs::path probe = folder / ".sprintetl-write-check";
  std::ofstream(probe) << "ok";
  if (!fs::exists(probe, ec)) {
    return PermissionDenied("cannot write to the report folder " + folder.string() +
                            "; fix report.path or the folder's permissions");
  }
  fs::remove(probe, ec);
  return Status::Ok();
}

// Marks the run failed in run_state when RunSprintEnd returns early, and ok
// or failed through Finish() when every step has had its turn.
class RunStateCloser {
 public:
  RunStateCloser(warehouse::Warehouse& warehouse, std::string run_id, const StepRunner& steps)
      : warehouse_(warehouse), run_id_(std::move(run_id)), steps_(steps) {}

  ~RunStateCloser() {
    if (finished_) return;
    std::string message = steps_.any_failed() ? steps_.failed_message() : "the run stopped";
    Status marked = FinishRunState(warehouse_, run_id_, kRunFailed, message);
    if (!marked.ok()) {
      log::Get("run")->warn("run_state.write_failed run={} error=\"{}\"", run_id_,
                            marked.message());
    }
  }

  // Records how the run ended; true when every step finished ok.
  Result<bool> Finish() {
    finished_ = true;
    bool ok = !steps_.any_failed();
    SPRINTETL_RETURN_IF_ERROR(FinishRunState(warehouse_, run_id_, ok ? kRunOk : kRunFailed,
                                             ok ? "" : steps_.failed_message()));
    return ok;
  }

 private:
  warehouse::Warehouse& warehouse_;
  std::string run_id_;
  const StepRunner& steps_;
  bool finished_ = false;
};

Result<RunStart> BeginRun(const config::Config& config, warehouse::Warehouse& warehouse,
                          const RunOptions& options) {
  if (options.resume_run_id) return ResumeRun(config, warehouse, *options.resume_run_id);
  RunInfo info;
  info.now = options.now.value_or(Clock::now());
  info.requested_sprint = options.sprint;
  info.archive = options.archive;
  info.full_refresh = options.full_refresh;
  return StartNewRun(config, warehouse, std::move(info));
}

// Reads the sprint dates only and decides whether a new sprint has ended.
Result<SprintEndDecision> DetectSprintEnd(const config::Config& config, http::HttpClient& clickup,
                                          warehouse::Warehouse& warehouse, Clock::time_point now) {
  SPRINTETL_ASSIGN_OR_RETURN(SprintCalendar calendar, ReadSprintCalendar(config, clickup, now));
  SPRINTETL_ASSIGN_OR_RETURN(SprintEndDecision decision,
                             DecideSprintEnd(calendar, warehouse, now));
  log::Get("run")->info("run.detect now={} due={} reason=\"{}\"", FormatUtcMillis(now),
                        decision.due, decision.reason);
  return decision;
}

// Rejects a `run --sprint` name that matches no sprint list before the run
// starts. Only the sprint lists are read, so a mistyped name costs a few
// requests instead of a whole extraction, and no failed run is left behind
// for --resume to repeat.
Status CheckRequestedSprint(const config::Config& config, http::HttpClient& clickup,
                            const std::string& requested, Clock::time_point now) {
  SPRINTETL_ASSIGN_OR_RETURN(SprintCalendar calendar,
                             ReadSprintCalendar(config, clickup, now, CalendarScope::kAllLists));
  SPRINTETL_ASSIGN_OR_RETURN(SprintChoice sprint, ChooseSprintFromRows(calendar.lists, requested,
                                                                       now, calendar.timezone));
  log::Get("run")->info("run.sprint_checked requested=\"{}\" sprint={} lists={}", requested,
                        sprint.sprint_id, calendar.lists.size());
  return Status::Ok();
}

// Deletes the landing folders of successful runs beyond landing.keep_runs.
// A failure here does not fail the run, because the data is complete: it
// becomes a warning.
void PruneLanding(const config::Config& config, warehouse::Warehouse& warehouse,
                  RunOutcome& outcome) {
  auto finished = RunIdsWithStatus(warehouse, kRunOk);
  Result<std::vector<std::string>> pruned =
      finished.ok() ? landing::PruneRunFolders(
                          config.landing_root, config.landing.keep_runs,
                          [&](const std::string& id) { return finished->count(id) > 0; })
                    : Result<std::vector<std::string>>(finished.status());
  if (pruned.ok()) {
    outcome.pruned_runs = *pruned;
  } else {
    outcome.warnings.push_back("old landing folders were not deleted: " +
                               pruned.status().message());
  }
}

// The last ok run to extract HubSpot changes since; nullopt for a full read
// (--full-refresh, or no ok run whose landing folder remains).
Result<std::optional<sources::IncrementalSource>> HubSpotIncrementalSource(
    const config::Config& config, warehouse::Warehouse& warehouse, bool full_refresh,
    const std::string& run_id) {
  if (full_refresh) return std::optional<sources::IncrementalSource>();
  SPRINTETL_ASSIGN_OR_RETURN(std::optional<IncrementalBase> base,
                             FindIncrementalBase(warehouse, run_id));
  if (!base) return std::optional<sources::IncrementalSource>();
  SPRINTETL_ASSIGN_OR_RETURN(
      sources::IncrementalSource source,
      sources::MakeIncrementalSource(base->run_id, base->landing_path, base->started_at,
                                     config.hubspot.incremental_overlap_minutes));
  return std::optional<sources::IncrementalSource>(source);
}

// The HubSpot read of this run. History is seeded only into an empty dim_customer, because
// the model adds versions after a customer's current one and never before it.
Result<sources::HubSpotReadPlan> PlanHubSpotRead(const config::Config& config,
                                                 warehouse::Warehouse& warehouse,
                                                 bool full_refresh, const std::string& run_id) {
  sources::HubSpotReadPlan plan;
  SPRINTETL_ASSIGN_OR_RETURN(plan.incremental,
                             HubSpotIncrementalSource(config, warehouse, full_refresh, run_id));
  // Declared property types are compared with the last ok run's, full refresh or not.
  SPRINTETL_ASSIGN_OR_RETURN(std::optional<IncrementalBase> previous,
                             FindIncrementalBase(warehouse, run_id));
  if (previous) plan.previous_run_path = previous->landing_path;

  if (config.hubspot.seed_history && !plan.incremental) {
    SPRINTETL_ASSIGN_OR_RETURN(warehouse::QueryResult customers,
                               warehouse.Query("SELECT customer_id FROM dim_customer LIMIT 1"));
    plan.seed_history = customers.rows.empty();
    if (!plan.seed_history) {
      log::Get("run")->info("run.history_not_seeded reason=\"dim_customer has customers; "
                            "hubspot.seed_history applies to the first run only\"");
    }
  }
  return plan;
}

Result<std::unique_ptr<warehouse::Warehouse>> OpenReadyWarehouse(const config::Config& config) {
  SPRINTETL_ASSIGN_OR_RETURN(auto warehouse, warehouse::OpenWarehouse(config.warehouse));
  SPRINTETL_RETURN_IF_ERROR(warehouse::EnsureSchema(*warehouse, SqlDir()));
  return warehouse;
}

Result<long long> RenderReport(const config::Config& config, warehouse::Warehouse& warehouse,
                               const std::string& sprint_id) {
  SPRINTETL_ASSIGN_OR_RETURN(
      report::ReportData data,
      report::ReadReportData(warehouse, sprint_id, config.report.sprints_shown));
  report::ReportOptions options;
  options.locale = config.report.locale;
  SPRINTETL_RETURN_IF_ERROR(report::ValidateReportOptions(options));
  std::string html = report::RenderReportHtml(data, options);
  SPRINTETL_RETURN_IF_ERROR(report::WriteReport(config.report.path, html));
  return static_cast<long long>(data.velocity.size() + data.throughput.size() +
                                data.carry_over.size() + data.customer_service.size());
}

}  // namespace

Result<RunOutcome> RunSprintEnd(const config::Config& config, const RunOptions& options) {
  SPRINTETL_ASSIGN_OR_RETURN(std::string clickup_token, ReadSecret("CLICKUP_API_TOKEN"));
  SPRINTETL_ASSIGN_OR_RETURN(std::string hubspot_token, ReadSecret("HUBSPOT_ACCESS_TOKEN"));

  SPRINTETL_RETURN_IF_ERROR(CheckRunSettings(config));
  SPRINTETL_ASSIGN_OR_RETURN(RunLock lock, RunLock::Acquire(LockPathFor(config.warehouse.path)));
  SPRINTETL_ASSIGN_OR_RETURN(auto warehouse, OpenReadyWarehouse(config));
  http::HttpClient clickup(ClickUpApiOptions(config, clickup_token));
  http::HttpClient hubspot(HubSpotApiOptions(config, hubspot_token));

  RunOutcome outcome;
  if (!options.resume_run_id && options.only_when_sprint_ended && options.sprint.empty()) {
    SPRINTETL_ASSIGN_OR_RETURN(
        SprintEndDecision decision,
        DetectSprintEnd(config, clickup, *warehouse, options.now.value_or(Clock::now())));
    if (!decision.due) {
      outcome.idle = true;
      outcome.idle_reason = decision.reason;
      return outcome;
    }
  }

  if (!options.resume_run_id && !options.sprint.empty()) {
    SPRINTETL_RETURN_IF_ERROR(CheckRequestedSprint(config, clickup, options.sprint,
                                                   options.now.value_or(Clock::now())));
  }

  SPRINTETL_ASSIGN_OR_RETURN(RunStart start, BeginRun(config, *warehouse, options));
  landing::RunFolder& run = start.folder;
  RunInfo& info = start.info;
  Clock::time_point now = info.now;
  outcome.run_id = info.run_id;
  outcome.resumed = start.resumed;
  outcome.landing_path = run.path();
  outcome.warnings = info.warnings;
  log::Get("run")->info("run.start run={} now={} landing={} resumed={}", outcome.run_id,
                        FormatUtcMillis(now), run.path(), start.resumed);

  StepRunner steps(*warehouse, outcome.run_id, start.finished_steps,
                   [&] { return SaveRunInfo(run, info); });
  RunStateCloser closer(*warehouse, outcome.run_id, steps);

  // Lists the ClickUp read skipped; they join the transform's warnings.
  std::vector<std::string> extract_warnings;
  SPRINTETL_RETURN_IF_ERROR(steps.Run("extract", [&]() -> Result<long long> {
    SPRINTETL_ASSIGN_OR_RETURN(auto plan, PlanClickUpRun(*warehouse, outcome.run_id,
                                                         config.clickup, info.full_refresh));
    SPRINTETL_ASSIGN_OR_RETURN(auto cu, sources::ExtractClickUp(config.clickup,
                                                                config.archive.folder_name, plan,
                                                                clickup, run));
    extract_warnings = cu.warnings;
    SPRINTETL_ASSIGN_OR_RETURN(auto hubspot_plan,
                               PlanHubSpotRead(config, *warehouse, info.full_refresh,
                                               outcome.run_id));
    SPRINTETL_ASSIGN_OR_RETURN(
        auto hs, sources::ExtractHubSpot(config.hubspot, hubspot, run, hubspot_plan));
    extract_warnings.insert(extract_warnings.end(), hs.warnings.begin(), hs.warnings.end());
    return cu.pages + hs.pages;
  }));

  std::string timezone = info.timezone;
  SPRINTETL_RETURN_IF_ERROR(steps.Run("transform", [&]() -> Result<long long> {
    SPRINTETL_ASSIGN_OR_RETURN(auto summary, transform::TransformRun(run, config, now));
    timezone = info.timezone = summary.timezone;
    outcome.warnings = info.warnings = summary.warnings;
    info.warnings.insert(info.warnings.end(), extract_warnings.begin(), extract_warnings.end());
    outcome.warnings = info.warnings;
    long long rows = 0;
    for (const auto& [table, count] : summary.rows) rows += count;
    return rows;
  }));

  SprintChoice sprint = info.sprint.value_or(SprintChoice{});
  SPRINTETL_RETURN_IF_ERROR(steps.Run("choose_sprint", [&]() -> Result<long long> {
    SPRINTETL_ASSIGN_OR_RETURN(
        sprint, ChooseSprint(run.StagePath("stg_list"), info.requested_sprint, now, timezone));
    info.sprint = sprint;
    return 1LL;
  }));
  SPRINTETL_RETURN_IF_ERROR(UpdateRunSprint(*warehouse, outcome.run_id, sprint,
                                            static_cast<long long>(info.warnings.size())));
  outcome.sprint_id = sprint.sprint_id;
  outcome.sprint_name = sprint.name;
  std::string today = LocalDate(now, timezone);
  if (sprint.end_date >= today) {
    // Later runs see this sprint as closed, so the warning names the command for its final state.
    outcome.warnings.push_back(sprint.name + " has not ended yet (it ends " + sprint.end_date +
                               "); its facts show the tasks as they are now, and later runs "
                               "count it as closed, so after it ends run again with --force "
                               "--sprint \"" + sprint.name + "\" for its final figures");
    log::Get("run")->warn("run.sprint_not_ended sprint={} end={} today={}", sprint.sprint_id,
                          sprint.end_date, today);
  }
  log::Get("run")->info("run.sprint run={} sprint={} name=\"{}\" start={} end={}", outcome.run_id,
                        sprint.sprint_id, sprint.name, sprint.start_date, sprint.end_date);

  SPRINTETL_RETURN_IF_ERROR(steps.Run("load_and_models", [&]() -> Result<long long> {
    StageLoadParams params{outcome.run_id, sprint.sprint_id, FormatUtcSeconds(now), timezone,
                           config.model.historied};
    return LoadStageAndBuildModels(*warehouse, run, SqlDir(), params);
  }));

  SPRINTETL_RETURN_IF_ERROR(steps.Run("report", [&]() -> Result<long long> {
    return RenderReport(config, *warehouse, sprint.sprint_id);
  }));
  outcome.report_path = config.report.path;

  if (info.archive && config.archive.enabled) {
    // A failed archive is recorded and reported, but the run's data stays loaded.
    Status archived = steps.Run("archive", [&]() -> Result<long long> {
      SPRINTETL_ASSIGN_OR_RETURN(
          auto summary, archive::ArchiveSprint(config, clickup, *warehouse, run, sprint.sprint_id));
      outcome.archived_tasks = summary.copied;
      outcome.archive_already_copied = summary.already_copied;
      outcome.archive_failures = summary.failed;
      if (!summary.failed.empty()) return Unavailable(archive::NotCopiedMessage(summary));
      return static_cast<long long>(summary.copied);
    });
    if (!archived.ok() && outcome.archive_failures.empty()) {
      outcome.archive_failures.push_back(archived.message());
    }
  }

  SPRINTETL_ASSIGN_OR_RETURN(bool all_ok, closer.Finish());
  if (all_ok) PruneLanding(config, *warehouse, outcome);
  return outcome;
}

Result<std::string> WriteSprintReport(const config::Config& config, const std::string& sprint) {
  SPRINTETL_RETURN_IF_ERROR(CheckRunSettings(config));
  SPRINTETL_ASSIGN_OR_RETURN(auto warehouse, OpenReadyWarehouse(config));
  SPRINTETL_ASSIGN_OR_RETURN(
      auto sprints, warehouse->Query("SELECT sprint_id, name, CAST(number AS VARCHAR), is_ended "
                                     "FROM dim_sprint ORDER BY end_date DESC"));

  // The same names `run --sprint` accepts: list id, full name, name before " (", number.
  std::string sprint_id;
  std::string known;
  for (const auto& row : sprints.rows) {
    std::string id = row[0].value_or("");
    std::string name = row[1].value_or("");
    known += (known.empty() ? "" : ", ") + name;
    bool matches = sprint.empty() ? row[3].value_or("false") == "true"
                                  : sprint == id || sprint == name ||
                                        sprint == name.substr(0, name.find(" (")) ||
                                        sprint == row[2].value_or("");
    if (matches && sprint_id.empty()) sprint_id = id;
  }
  if (sprint_id.empty() && sprint.empty()) {
    return FailedPrecondition("the warehouse has no ended sprint yet; run `sprintetl run` first");
  }
  if (sprint_id.empty()) {
    return InvalidArgument("no sprint in the warehouse matches --sprint '" + sprint +
                           "'; known sprints: " + (known.empty() ? "none" : known));
  }
  SPRINTETL_RETURN_IF_ERROR(RenderReport(config, *warehouse, sprint_id).status());
  return config.report.path;
}

}  // namespace sprintetl::pipeline
