// Reading the records changed since a time through the CRM search endpoint
// (POST {objects_path}/{type}/search).
//
// HubSpot returns at most search_result_cap (10,000) results for one query and
// limits search requests per second separately from other requests. The
// reader sorts by the modification date and, before the cap, starts a new
// query from the last date it saw, skipping ids it already has. When a whole
// capped query shares one date, it pins that date and walks it by
// hs_object_id instead, so no record past the cap is skipped.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "sources/resuming_fetcher.h"

namespace sprintetl::sources {

struct SearchQuery {
  std::string object_type;                // companies, deals, line_items, products, contacts
  std::string kind;                       // manifest kind of the landed pages
  std::vector<std::string> properties;    // requested properties
  long long modified_since_ms = 0;        // epoch ms, inclusive
};

// Spaces search requests at least 1 / search_requests_per_second apart, because
// search responses may not carry the rate-limit headers the client paces by.
// Thread-safe: the object types are searched concurrently.
class SearchPacer {
 public:
  explicit SearchPacer(double requests_per_second);
  void Wait();

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point next_{};
};

// The property that contains a record's modification time: lastmodifieddate for
// contacts, hs_lastmodifieddate for every other type.
std::string ModifiedDateProperty(const std::string& object_type);

// Lands every record of `query` (context search "true") and appends each id
// once to `ids`. Fails with the fetcher's error, or kDataLoss when a page
// lacks a record's id or modification date.
Status SearchModifiedSince(const config::HubSpot& config, ResumingFetcher& fetcher,
                           SearchPacer& pacer, const SearchQuery& query,
                           std::vector<std::string>& ids);

}  // namespace sprintetl::sources
