// Copies the base run's ClickUp task and field pages into an incremental run's folder.
//
// Copies keep the base run's kind, endpoint, query, page and context, and add
// context["carried_from"] = base run id, so the transform reads them like fetched pages and
// a reader of the manifest can tell them apart.
#pragma once

#include <set>
#include <string>

#include "core/status.h"
#include "landing/run_folder.h"
#include "sources/clickup/read_plan.h"

namespace sprintetl::sources {

struct CarriedPages {
  long long pages = 0;
  long long bytes = 0;
  std::set<std::string> lists_with_fields;  // lists whose fields page was carried
};

// Copies the clickup.tasks and clickup.fields pages of `base` whose list is in `lists` (pages
// without a list, from the workspace-wide endpoint, are always copied) into `run`. Pages of
// lists that no longer exist stay behind. When `run` already holds carried pages (a resumed
// run), nothing is copied again and the earlier copies are counted. Fails with the run
// folder's errors, e.g. kDataLoss for a base page whose checksum does not match.
Result<CarriedPages> CarryBasePages(const ClickUpBaseRun& base, const std::set<std::string>& lists,
                                    landing::RunFolder& run);

}  // namespace sprintetl::sources
