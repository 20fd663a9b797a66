// The sprint-end run: extract → transform → load and models → report →
// Sprint History, each step reading only what the previous one wrote.
//
// A step that fails stops the run and is recorded in run_log. The load and
// the models run in one warehouse transaction, so a failed run leaves the
// star schema as it was. The Sprint History step runs last and its failure
// never undoes the load or the report. One thread drives the steps.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"

namespace sprintetl::pipeline {

struct RunOptions {
  // The run's clock; a fixed value makes a run reproducible (the demo, tests).
  std::optional<std::chrono::system_clock::time_point> now;
  std::string sprint;   // close this sprint instead of the latest ended one
  bool archive = true;  // recreate the sprint in Sprint History
  // Sprint-end detection: when set and `sprint` is empty, the run first
  // reads the sprint dates and returns an idle outcome, having changed
  // nothing, unless a sprint ended that no successful run has closed.
  bool only_when_sprint_ended = false;
  // Continue this failed run (empty string: the latest one that did not
  // finish ok) from its first unfinished step, in its landing folder and
  // with its clock and sprint. `now`, `sprint` and `archive` are ignored.
  std::optional<std::string> resume_run_id;
  // Extract every record even when an earlier successful run allows an
  // incremental extraction.
  bool full_refresh = false;
};

struct RunOutcome {
  bool idle = false;        // detection found no newly ended sprint; nothing ran
  std::string idle_reason;  // e.g. "Sprint 41 (ended 2026-11-16) is already closed; ..."
  bool resumed = false;
  std::vector<std::string> pruned_runs;  // landing folders deleted by landing.keep_runs
  std::string run_id;
  std::string landing_path;
  std::string sprint_id;
  std::string sprint_name;
  std::string report_path;
  int archived_tasks = 0;
  int archive_already_copied = 0;
  std::vector<std::string> archive_failures;  // tasks not copied; empty when all went well
  std::vector<std::string> warnings;
};

// Runs every step with tokens from CLICKUP_API_TOKEN and HUBSPOT_ACCESS_TOKEN,
// holding the run lock next to the warehouse file for the whole run.
// Fails with kUnauthenticated naming a missing variable before any request,
// kFailedPrecondition naming the holder when another run holds the lock,
// kInvalidArgument before a new run starts when `sprint` matches no sprint
// list, or with the failing step's error. When only Sprint History failed the
// outcome is returned with archive_failures set. Every run is recorded in
// run_state; after a run whose steps all finished ok, landing folders beyond
// landing.keep_runs are deleted.
Result<RunOutcome> RunSprintEnd(const config::Config& config, const RunOptions& options);

// Writes the HTML report of `sprint` (empty: the latest ended sprint in the
// warehouse) from the warehouse alone. Returns the report's path.
Result<std::string> WriteSprintReport(const config::Config& config, const std::string& sprint);

}  // namespace sprintetl::pipeline
