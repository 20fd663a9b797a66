#include "pipeline/pipeline.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include <date/date.h>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "archive/sprint_history.h"
#include "core/log.h"
#include "core/time_format.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "pipeline/run_log.h"
#include "pipeline/secrets.h"
#include "pipeline/sprint_choice.h"
#include "pipeline/sql_paths.h"
#include "pipeline/stage_load.h"
#include "report/html_report.h"
#include "report/report_data.h"
#include "sources/clickup/clickup_extractor.h"
#include "sources/hubspot/hubspot_extractor.h"
#include "transform/transform_run.h"
#include "warehouse/schema_setup.h"
#include "warehouse/warehouse.h"

namespace sprintetl::pipeline {
namespace {

using Clock = std::chrono::system_clock;

// A new run id sorts by time: r20261117T120000Z, with -2, -3... when a run
// of the same second already has a landing folder.
std::string NewRunId(const std::string& landing_root, Clock::time_point now) {
  std::string base = "r" + date::format("%Y%m%dT%H%M%SZ", std::chrono::floor<std::chrono::seconds>(now));
  std::string id = base;
  for (int n = 2; std::filesystem::exists(std::filesystem::path(landing_root) / id); ++n) {
    id = base + "-" + std::to_string(n);
  }
  return id;
}

// Runs one step and records it in run_log whatever its outcome.
class StepRunner {
 public:
  StepRunner(warehouse::Warehouse& warehouse, std::string run_id)
      : warehouse_(warehouse), run_id_(std::move(run_id)) {}

  template <typename Body>
  Status Run(const std::string& step, Body body) {
    auto logger = log::Get("run");
    StepRecord record{run_id_, step, Clock::now(), {}, "ok", 0, ""};
    logger->info("step.start run={} step={}", run_id_, step);

    Result<long long> rows = body();
    record.finished_at = Clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(record.finished_at -
                                                                    record.started_at).count();
    if (rows.ok()) {
      record.rows = *rows;
      logger->info("step.done run={} step={} rows={} ms={}", run_id_, step, record.rows, ms);
    } else {
      record.status = "failed";
      record.message = rows.status().ToString();
      logger->error("step.failed run={} step={} ms={} error=\"{}\"", run_id_, step, ms,
                    record.message);
    }
    Status logged = RecordStep(warehouse_, record);
    if (!logged.ok()) logger->warn("run_log.write_failed error=\"{}\"", logged.message());
    return rows.ok() ? Status::Ok() : rows.status().WithContext(step);
  }

 private:
  warehouse::Warehouse& warehouse_;
  std::string run_id_;
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

  Clock::time_point now = options.now.value_or(Clock::now());
  SPRINTETL_RETURN_IF_ERROR(CheckRunSettings(config));
  SPRINTETL_ASSIGN_OR_RETURN(auto warehouse, OpenReadyWarehouse(config));

  RunOutcome outcome;
  outcome.run_id = NewRunId(config.landing_root, now);
  SPRINTETL_ASSIGN_OR_RETURN(landing::RunFolder run,
                             landing::RunFolder::Create(config.landing_root, outcome.run_id));
  outcome.landing_path = run.path();
  SPRINTETL_RETURN_IF_ERROR(run.WriteRunInfo(
      nlohmann::json{{"run_id", outcome.run_id}, {"now", FormatUtcMillis(now)},
                     {"sprint", options.sprint}}.dump(2)));
  log::Get("run")->info("run.start run={} now={} landing={}", outcome.run_id, FormatUtcMillis(now),
                        run.path());

  StepRunner steps(*warehouse, outcome.run_id);
  http::HttpClient clickup(sources::ClickUpClientOptions(config.clickup, clickup_token));
  http::HttpClient hubspot(sources::HubSpotClientOptions(config.hubspot, hubspot_token));

  SPRINTETL_RETURN_IF_ERROR(steps.Run("extract", [&]() -> Result<long long> {
    SPRINTETL_ASSIGN_OR_RETURN(
        auto cu, sources::ExtractClickUp(config.clickup, config.archive.folder_name, clickup, run));
    SPRINTETL_ASSIGN_OR_RETURN(auto hs, sources::ExtractHubSpot(config.hubspot, hubspot, run));
    return cu.pages + hs.pages;
  }));

  std::string timezone;
  SPRINTETL_RETURN_IF_ERROR(steps.Run("transform", [&]() -> Result<long long> {
    SPRINTETL_ASSIGN_OR_RETURN(auto summary, transform::TransformRun(run, config, now));
    timezone = summary.timezone;
    outcome.warnings = summary.warnings;
    long long rows = 0;
    for (const auto& [table, count] : summary.rows) rows += count;
    return rows;
  }));

  SprintChoice sprint;
  SPRINTETL_RETURN_IF_ERROR(steps.Run("choose_sprint", [&]() -> Result<long long> {
    SPRINTETL_ASSIGN_OR_RETURN(
        sprint, ChooseSprint(run.StagePath("stg_list"), options.sprint, now, timezone));
    return 1LL;
  }));
  outcome.sprint_id = sprint.sprint_id;
  outcome.sprint_name = sprint.name;
  std::string today = LocalDate(now, timezone);
  if (sprint.end_date >= today) {
    outcome.warnings.push_back(sprint.name + " has not ended yet (it ends " + sprint.end_date +
                               "); its facts show the tasks as they are now");
    log::Get("run")->warn("run.sprint_not_ended sprint={} end={} today={}", sprint.sprint_id,
                          sprint.end_date, today);
  }
  // `sprintetl archive` reads the chosen sprint back from run.json.
  SPRINTETL_RETURN_IF_ERROR(run.WriteRunInfo(
      nlohmann::json{{"run_id", outcome.run_id}, {"now", FormatUtcMillis(now)},
                     {"sprint", options.sprint}, {"sprint_id", sprint.sprint_id}}.dump(2)));
  log::Get("run")->info("run.sprint run={} sprint={} name=\"{}\" start={} end={}", outcome.run_id,
                        sprint.sprint_id, sprint.name, sprint.start_date, sprint.end_date);

  SPRINTETL_RETURN_IF_ERROR(steps.Run("load_and_models", [&]() -> Result<long long> {
    StageLoadParams params{outcome.run_id, sprint.sprint_id, FormatUtcSeconds(now), timezone};
    return LoadStageAndBuildModels(*warehouse, run, SqlDir(), params);
  }));

  SPRINTETL_RETURN_IF_ERROR(steps.Run("report", [&]() -> Result<long long> {
    return RenderReport(config, *warehouse, sprint.sprint_id);
  }));
  outcome.report_path = config.report.path;

  if (options.archive && config.archive.enabled) {
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
