// The records of one kind of HubSpot page, each id once.
//
// An incremental extraction lands the previous run's pages first and the
// records changed since after them, and a record can appear in both. The
// copy on the latest page is the current one.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "transform/landing_pages.h"

namespace sprintetl::transform {

struct LandedRecord {
  const LandingPage* page;
  const nlohmann::json* record;
  std::string id;
};

// Every record of the `kind` pages in the order its id first appears, taken
// from the last page that contains that id. `noun` names a record in errors
// ("company"). Fails with kDataLoss for a page without "results" or a record
// without an id.
Result<std::vector<LandedRecord>> LatestRecords(const LandingPages& pages, const std::string& kind,
                                                const std::string& noun);

}  // namespace sprintetl::transform
