// HubSpot products and line items: stg_product and stg_line_item rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

struct LineItemInfo {
  std::string line_item_id;
  std::optional<std::string> deal_id;
  std::optional<std::string> service_id;
  std::optional<double> amount;
  std::optional<double> recurring_revenue;  // per month
  std::optional<double> contracted_points;  // per contracted period
};

// Months in one billing period of a HubSpot recurringbillingfrequency value:
// monthly 1, quarterly 3, per_six_months 6, annually 12, per_two_years 24,
// per_three_years 36, per_four_years 48, per_five_years 60. nullopt for any
// other value.
std::optional<int> MonthsPerBillingPeriod(const std::string& frequency);

// True for the values that mark a one-off charge ("one_time", "one_off", "one-off").
bool IsOneOffFrequency(const std::string& frequency);

// Monthly recurring revenue of a line item: price × quantity is the charge
// per billing period, divided by the period's months. 0 for a one-off item
// (no frequency, or IsOneOffFrequency()); nullopt when price or quantity is missing, or the
// frequency is unknown.
std::optional<double> MonthlyRecurringRevenue(std::optional<double> price,
                                              std::optional<double> quantity,
                                              const std::optional<std::string>& frequency);

// Appends stg_product and stg_line_item rows. A line item's deal is its first
// deal in the line_items->deals association pages; its service is its
// product's service (config.hubspot.product_service_property), else
// config.hubspot.default_service, else none, with one warning listing those
// line items. Fails with kDataLoss for a page without "results" or a record
// without an id.
Result<std::vector<LineItemInfo>> BuildLineItemRows(const LandingPages& pages,
                                                    const config::Config& config, StageRows& rows,
                                                    WarningList& warnings);

}  // namespace sprintetl::transform
