// stg_customer_service: per ended sprint, customer and service, the
// contracted figures of closed-won line items and the points delivered in the
// sprint window. Pure computation over the rows built before it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config.h"
#include "transform/deal_rows.h"
#include "transform/line_item_rows.h"
#include "transform/sprint_lists.h"
#include "transform/task_rows.h"
#include "transform/time_zone.h"

namespace sprintetl::transform {

struct CustomerServiceInputs {
  const std::vector<ListInfo>& lists;
  const std::vector<TaskInfo>& tasks;
  const std::map<std::string, DealInfo>& deals;
  const std::vector<LineItemInfo>& line_items;
};

// Returns the stg_customer_service rows (source_page "derived") for every
// sprint list with dates whose end date is before `today`, the run's date in
// the workspace zone, in list order and then by customer and service.
std::vector<nlohmann::json> BuildCustomerServiceRows(const CustomerServiceInputs& inputs,
                                                     const config::Config& config,
                                                     const WorkspaceZone& zone,
                                                     date::year_month_day today);

}  // namespace sprintetl::transform
