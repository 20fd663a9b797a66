// Whether a run reads every ClickUp task or only the ones changed since an earlier run.
//
// An incremental read asks ClickUp for tasks updated after the base run started (minus an
// overlap window) and carries the base run's task and field pages into the new landing
// folder, so the transform still sees the whole workspace. ClickUp offers no cheap listing
// of task ids, so deleted tasks are found only by a full read, which runs every
// clickup.full_read_every_runs runs.
#pragma once

#include <optional>
#include <string>

#include "config/config.h"
#include "core/status.h"
#include "landing/run_folder.h"

namespace sprintetl::sources {

// The latest successful run whose landing folder still exists.
struct ClickUpBaseRun {
  std::string run_id;
  std::string landing_path;
  std::string started_at;  // UTC "YYYY-MM-DD HH:MM:SS[.fff]"
};

struct ClickUpReadPlan {
  bool incremental = false;
  std::string reason;  // why this mode, for the log
  std::optional<ClickUpBaseRun> base;  // set when incremental
  long long changed_since_ms = 0;      // date_updated_gt, Unix ms; when incremental
  // Incremental reads since the last full one, this run included; 0 for a full read.
  int reads_since_full = 0;
};

// Chooses the mode: full when `full_refresh` is set, when there is no base run, when the base
// run's folder has no ClickUp read record (clickup_read.json), or when the base is the
// (full_read_every_runs - 1)th incremental read in a row. Fails only when the base run's
// record exists but cannot be read.
Result<ClickUpReadPlan> PlanClickUpRead(const config::ClickUp& config,
                                        const std::optional<ClickUpBaseRun>& base,
                                        bool full_refresh);

// Writes clickup_read.json, the record the next run's plan reads, into `run`'s folder.
Status WriteClickUpReadRecord(const landing::RunFolder& run, const ClickUpReadPlan& plan);

}  // namespace sprintetl::sources
