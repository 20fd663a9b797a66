// Complete v4 batch association reads
// (POST {associations_path}/{from}/{to}/batch/read).
//
// A request takes at most 1,000 input ids. A result whose record has more
// targets than one response holds carries its own `paging.next.after`; that
// id is sent again with the cursor in a later batch until no result pages.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "sources/page_fetcher.h"

namespace sprintetl::sources {

// Lands every association page from `from_type` records `ids` to `to_type`
// (manifest kind hubspot.associations, context from_type and to_type) and
// adds the number of requests to `pages`. Fails with the fetcher's error, or
// kDataLoss naming the record when its cursor repeats.
Status FetchAssociations(const config::HubSpot& config, PageFetcher& fetcher,
                         const std::string& from_type, const std::string& to_type,
                         const std::vector<std::string>& ids, long long& pages);

}  // namespace sprintetl::sources
