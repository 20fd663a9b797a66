// HubSpot companies: stg_customer rows and the index that matches ClickUp
// customers to them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "transform/customer_match.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

struct Companies {
  CompanyIndex index;
  // Company id -> the deal ids listed inline in its record (the companies
  // request may ask for associations=deals); a fallback for deals that have
  // no deals->companies association page.
  std::map<std::string, std::vector<std::string>> inline_deals;
};

// Appends one stg_customer row per company of the hubspot.companies pages and
// one per id merged into a listed company (merged_into_id set, other columns
// null, so the warehouse can close the old customer). A company on a page
// listed with property history (context history "true", not copied from a
// base run) also gets its past versions first (customer_history.h). Values follow
// hubspot_values.h; a number that does not parse is left null with a
// warning. Fails with kDataLoss for a page without "results" or a record
// without an id.
Result<Companies> BuildCustomerRows(const LandingPages& pages, const config::Config& config,
                                    StageRows& rows, WarningList& warnings);

// The property `name` of `record` as a number; nullopt when empty, and with a
// warning naming the record when the text is not a number.
std::optional<double> NumberProperty(const nlohmann::json& record, const std::string& name,
                                     const std::string& record_label, WarningList& warnings);

}  // namespace sprintetl::transform
