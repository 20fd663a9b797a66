// `sprintetl discover hubspot`: lists every property of each configured
// HubSpot object type with its declared type and field type, so a user can
// pick the names for hubspot.*_properties. Sends only GET requests and lands
// nothing.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "config/config.h"
#include "core/status.h"
#include "http/http_client.h"
#include "sources/hubspot/property_catalog.h"

namespace sprintetl::cli {

struct DiscoveredObject {
  std::string object_type;  // companies, deals, line_items, products or a custom object
  std::vector<sources::PropertyInfo> properties;
  std::vector<std::string> configured;  // the names the config requests
};

// Reads the property definitions of every object type the config lists.
// Fails with the first request's error (see pipeline::GetJson) or kDataLoss
// for a response without "results".
Result<std::vector<DiscoveredObject>> DiscoverHubSpot(const config::HubSpot& config,
                                                      http::HttpClient& client);

// A table with a header line and one line per property: object, property
// name, type, field type, "yes" when configured, and the label. Columns are
// padded to their widest value (in bytes).
std::string FormatPropertyTable(const std::vector<DiscoveredObject>& objects);

// Runs discovery for `source` (only "hubspot" is supported) with the token
// in HUBSPOT_ACCESS_TOKEN and prints the table to stdout. Returns kExitOk,
// kExitUsage for a bad config, source or missing token, kExitFailed when a
// request fails.
int DiscoverCommand(const GlobalOptions& global, const std::string& source);

}  // namespace sprintetl::cli
