// The state an incremental HubSpot extraction builds on: the landing folder
// of the last successful run and the time from which changes are read.
//
// The previous run's pages are copied into the new landing folder before the
// changed records are searched, so the transform reads every record and takes
// the latest copy of each (transform/latest_records.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "landing/run_folder.h"

namespace sprintetl::sources {

struct IncrementalSource {
  std::string base_run_id;
  std::string base_landing_path;  // <landing_root>/<run id>
  long long modified_since_ms = 0;  // the base run's start minus the overlap window
};

// The source for a run that builds on the run started at `base_started_at`
// (UTC "YYYY-MM-DD HH:MM:SS[.fff]") in `base_landing_path`. Fails with
// kInvalidArgument when the time does not parse.
Result<IncrementalSource> MakeIncrementalSource(const std::string& base_run_id,
                                                const std::string& base_landing_path,
                                                const std::string& base_started_at,
                                                int overlap_minutes);

// Copies the base run's pages of `kind` into `run` (context base_run set to
// the base run's id), appends the ids of their records to `ids` and returns
// the number of pages copied. Pages a resumed `run` copied before are not
// copied again, but their ids are still appended. Fails with kNotFound when the base folder is
// gone, or kDataLoss when a copied page is not the JSON it was.
Result<long long> CopyBasePages(const IncrementalSource& source, landing::RunFolder& run,
                                const std::string& kind, std::vector<std::string>& ids);

}  // namespace sprintetl::sources
