// HubSpot extraction: checks the configured property names against each
// object type's declared properties, lists companies (live and archived),
// deals, line items, products and the configured custom objects with those
// properties (CRM objects API, paged by `after`), the owners and the deal
// pipelines, and reads the deal→company, line item→deal and company→custom
// object associations (v4 batch read, paged per record).
//
// Reads: the HubSpot API through an HttpClient; every path prefix comes from
// config::HubSpot. Writes: raw pages with the manifest kinds
// hubspot.properties (context object_type), .companies (context archived
// "true" for the archived listing, history "true" for a listing with
// propertiesWithHistory), .deals, .line_items, .products,
// .custom_objects (context object_type), .owners, .pipelines and
// .associations (context from_type, to_type). After the property checks,
// each object type (with its associations) and the reference data are read
// on their own thread, all paced by the client's one RateBudget. A resumed
// run reuses the pages its folder already contains (ResumingFetcher).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "landing/run_folder.h"
#include "sources/hubspot/hubspot_incremental.h"

namespace sprintetl::sources {

struct HubSpotSummary {
  // Object type -> records listed; also "archived_companies", "owners" and
  // "pipelines".
  std::map<std::string, long long> records;
  // Incremental runs: records found by search per object type, and the
  // pages copied from the base run.
  std::map<std::string, long long> changed;
  long long base_pages = 0;
  long long association_pages = 0;
  long long pages = 0;  // fetched from HubSpot
  long long reused_pages = 0;  // served from the run folder of a resumed run
  long long bytes = 0;
  // Companies listed with their property history (HubSpotReadPlan::seed_history).
  bool seeded_history = false;
  // Run warnings: each configured property whose declared type changed since
  // the previous run, or why the types could not be compared.
  std::vector<std::string> warnings;
};

// The choices of one HubSpot read beyond the full listing.
struct HubSpotReadPlan {
  // With a base run, companies, deals, line items and products are the base run's pages plus
  // the records the search endpoint finds modified since incremental->modified_since_ms;
  // associations are still read for every id.
  std::optional<IncrementalSource> incremental;
  // Landing folder whose declared property types this run's are compared with (default: the
  // incremental base run's folder).
  std::string previous_run_path;
  // Lists live companies with the change history of config::TrackedCompanyProperties, at most
  // 50 per page (HubSpot's cap for history). Ignored on an incremental read, because search
  // returns no history.
  bool seed_history = false;
};

// Extracts every configured object type and the associations between them.
// Fails with kInvalidArgument before listing any record when a configured
// property does not exist, on the first request that cannot be completed
// (naming the endpoint and page), and with kDataLoss when a paging cursor
// repeats instead of looping. Each declared type change since the previous
// run becomes a warning, and an unreadable previous folder one warning.
Result<HubSpotSummary> ExtractHubSpot(const config::HubSpot& config, http::HttpClient& client,
                                      landing::RunFolder& run, const HubSpotReadPlan& plan = {});

// Settings for an HttpClient that talks to HubSpot with `token`: paced by the
// 10-second and per-second rolling windows, stopping once the daily count is
// used up or a 429's policyName is DAILY.
http::ClientOptions HubSpotClientOptions(const config::HubSpot& config, const std::string& token);

}  // namespace sprintetl::sources
