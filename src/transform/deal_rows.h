// HubSpot deals: stg_deal rows and what the customer figures need of them.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/status.h"
#include "transform/customer_rows.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

struct DealInfo {
  std::optional<std::string> customer_id;
  bool is_closed_won = false;
};

// HubSpot's association type id of a deal's primary company.
inline constexpr long long kPrimaryDealCompanyTypeId = 5;

// Appends one stg_deal row per deal of the hubspot.deals pages and returns
// the deals by id. A deal's customer is its primary company (association
// type 5) in the deals->companies association pages, else its first company
// there, else a company that lists the deal inline; merged company ids
// resolve to the surviving company. A deal is closed won when
// hs_is_closed_won is "true" or its stage is "closedwon". Fails with
// kDataLoss for a page without "results" or a record without an id.
Result<std::map<std::string, DealInfo>> BuildDealRows(const LandingPages& pages,
                                                      const Companies& companies, StageRows& rows,
                                                      WarningList& warnings);

}  // namespace sprintetl::transform
