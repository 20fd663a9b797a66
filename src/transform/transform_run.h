// The transform stage: turns one run's landing folder (raw API pages) into
// typed stage rows, one NDJSON file per stage table, without any network.
//
//   pages (manifest order) -> lists, members and squads, HubSpot records,
//   tasks -> per-sprint customer figures -> stage/<table>.ndjson
//
// Everything is read and built in memory first and written last, each file
// atomically, so a malformed page leaves no stage file half-written. One
// call works on one run folder; concurrent calls on different folders are
// safe.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "landing/run_folder.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"

namespace sprintetl::transform {

struct TransformSummary {
  std::map<std::string, long long> rows;  // rows written per stage table
  std::vector<std::string> warnings;      // each distinct warning once
  std::string timezone;                   // the workspace zone the dates were taken in
};

// The rows and summary of a transform before anything is written.
struct StageOutput {
  StageRows rows;
  TransformSummary summary;
};

// Builds every stage table's rows from `pages`. `now` is the run's clock: it
// decides which sprints have ended and the year of sprint names. The time
// zone is config.timezone, else the `timezone` of the clickup.user page, else
// UTC with a warning. Fails with kDataLoss naming the page when a page lacks
// the expected shape, kInvalidArgument for an unknown time zone or a bad
// configured pattern.
Result<StageOutput> BuildStageRows(const LandingPages& pages, const config::Config& config,
                                   std::chrono::system_clock::time_point now);

// Reads every page of `run`, builds the rows and writes stage/<table>.ndjson
// for every stage table. Returns the row counts, warnings and time zone.
// Fails with kDataLoss naming the endpoint, page number and landing file for
// a page that is not valid JSON or lacks the expected shape. No stage file is
// written or changed when it fails.
Result<TransformSummary> TransformRun(const landing::RunFolder& run, const config::Config& config,
                                      std::chrono::system_clock::time_point now);

}  // namespace sprintetl::transform
