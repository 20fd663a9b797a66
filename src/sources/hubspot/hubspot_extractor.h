// HubSpot extraction: lists companies, deals, line items and products with
// the configured properties (CRM v3 objects API, paged by `after`) and reads
// the deal→company and line item→deal associations (v4 batch read).
//
// Reads: the HubSpot API through an HttpClient. Writes: raw pages with the
// manifest kinds hubspot.companies, .deals, .line_items, .products and
// .associations (context from_type, to_type). Runs on one thread.
#pragma once

#include <map>
#include <string>

#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "landing/run_folder.h"

namespace sprintetl::sources {

struct HubSpotSummary {
  std::map<std::string, long long> records;  // object type -> records listed
  long long association_pages = 0;
  long long pages = 0;
  long long bytes = 0;
};

// Extracts every configured object type and the associations between them.
// Fails on the first request that cannot be completed, naming the endpoint
// and page; a paging cursor that repeats fails instead of looping.
Result<HubSpotSummary> ExtractHubSpot(const config::HubSpot& config, http::HttpClient& client,
                                      landing::RunFolder& run);

// Settings for an HttpClient that talks to HubSpot with `token`.
http::ClientOptions HubSpotClientOptions(const config::HubSpot& config, const std::string& token);

}  // namespace sprintetl::sources
