#include "sources/clickup/read_plan.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/time_format.h"

namespace sprintetl::sources {
namespace {

constexpr const char* kRecordFile = "clickup_read.json";

ClickUpReadPlan FullRead(std::string reason) {
  ClickUpReadPlan plan;
  plan.reason = std::move(reason);
  return plan;
}

// Reads the base run's record: the incremental reads it had made since its last full one.
// nullopt when the file is missing (a run before incremental reads existed).
Result<std::optional<int>> ReadsSinceFull(const std::string& landing_path) {
  std::filesystem::path path = std::filesystem::path(landing_path) / kRecordFile;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return std::optional<int>();
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  try {
    nlohmann::json record = nlohmann::json::parse(text.str());
    return std::optional<int>(record.at("reads_since_full").get<int>());
  } catch (const nlohmann::json::exception& e) {
    return DataLoss(path.string() + " is not a valid ClickUp read record (" + e.what() +
                    "); delete it, and the next run reads every task");
  }
}

}  // namespace

Result<ClickUpReadPlan> PlanClickUpRead(const config::ClickUp& config,
                                        const std::optional<ClickUpBaseRun>& base,
                                        bool full_refresh) {
  if (full_refresh) return FullRead("--full-refresh was given");
  if (!base) return FullRead("no earlier successful run has a landing folder");

  SPRINTETL_ASSIGN_OR_RETURN(std::optional<int> previous, ReadsSinceFull(base->landing_path));
  if (!previous) {
    return FullRead("run " + base->run_id + " has no " + kRecordFile + ", so its task state "
                    "is unknown");
  }
  if (*previous + 1 >= config.full_read_every_runs) {
    return FullRead("clickup.full_read_every_runs is " +
                    std::to_string(config.full_read_every_runs) + " and run " + base->run_id +
                    " was incremental read " + std::to_string(*previous) +
                    " since the last full one; a full read also drops deleted tasks");
  }

  std::string iso = base->started_at;
  if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
  std::optional<UtcTime> started = ParseUtc(iso);
  if (!started) {
    return FullRead("run " + base->run_id + " has an unreadable start time '" +
                    base->started_at + "'");
  }

  ClickUpReadPlan plan;
  plan.incremental = true;
  plan.base = base;
  plan.reads_since_full = *previous + 1;
  UtcTime since = *started - std::chrono::minutes(config.incremental_overlap_minutes);
  plan.changed_since_ms = since.time_since_epoch().count();
  plan.reason = "tasks updated since " + FormatUtcMillis(since) + " (run " + base->run_id +
                " start minus " + std::to_string(config.incremental_overlap_minutes) +
                " minutes)";
  return plan;
}

Status WriteClickUpReadRecord(const landing::RunFolder& run, const ClickUpReadPlan& plan) {
  std::filesystem::path path = std::filesystem::path(run.path()) / kRecordFile;
  nlohmann::json record = {{"mode", plan.incremental ? "incremental" : "full"},
                           {"reads_since_full", plan.reads_since_full}};
  if (plan.base) record["base_run_id"] = plan.base->run_id;
  std::ofstream out(path, std::ios::trunc);
  out << record.dump() << '\n';
  out.close();
  if (!out) return Unavailable("cannot write " + path.string() + "; check the disk and rights");
  return Status::Ok();
}

}  // namespace sprintetl::sources
