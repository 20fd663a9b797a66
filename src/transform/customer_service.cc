#include "transform/customer_service.h"

#include <optional>
#include <utility>

namespace sprintetl::transform {
namespace {

struct Figures {
  bool contracted = false;  // at least one closed-won line item counts here
  double contract_value = 0;
  double recurring_revenue = 0;
  double contracted_points = 0;
  double delivered_points = 0;
};

using CustomerService = std::pair<std::string, std::string>;  // customer id, service id

// Adds the closed-won line items of every customer. The sums do not depend on
// the sprint except the prorated points, which the caller scales.
void AddContracts(const CustomerServiceInputs& inputs,
                  std::map<CustomerService, Figures>& figures) {
  for (const LineItemInfo& item : inputs.line_items) {
    // A line item counts when its deal is closed won and belongs to a
    // customer. Items without a service were reported when their rows were built.
    if (!item.deal_id || !item.service_id) continue;
    auto deal = inputs.deals.find(*item.deal_id);
    if (deal == inputs.deals.end() || !deal->second.is_closed_won) continue;
    if (!deal->second.customer_id) continue;

    Figures& sums = figures[{*deal->second.customer_id, *item.service_id}];
    sums.contracted = true;
    // contract_value: the line items' total amount, not prorated to the sprint.
    sums.contract_value += item.amount.value_or(0);
    // recurring_revenue: the line items' monthly recurring revenue.
    sums.recurring_revenue += item.recurring_revenue.value_or(0);
    // contracted_points: per contracted period here; prorated below.
    sums.contracted_points += item.contracted_points.value_or(0);
  }
}

// The instant a task reached its done or closed status: date_done, else
// date_closed (ClickUp leaves date_done empty on some closed tasks).
std::optional<UtcTime> DoneTime(const TaskInfo& task) {
  return task.done_at ? task.done_at : task.closed_at;
}

void AddDeliveries(const CustomerServiceInputs& inputs, const config::Config& config,
                   UtcTime window_start, UtcTime window_end,
                   std::map<CustomerService, Figures>& figures) {
  for (const TaskInfo& task : inputs.tasks) {
    // delivered_points: tasks of a customer in a done or closed status whose
    // done time falls inside [sprint start 00:00, day after the end 00:00) in
    // the workspace zone, whichever lists the task sits in.
    if (!task.customer_id || !task.points || *task.points == 0) continue;
    if (task.status_type != "done" && task.status_type != "closed") continue;
    std::optional<UtcTime> done = DoneTime(task);
    if (!done || *done < window_start || *done >= window_end) continue;

    // A task with several services splits its points equally so that the
    // customer's total is the task's points; one without counts as unassigned.
    std::vector<std::string> services = task.service_ids;
    if (services.empty()) services.push_back(config.points.unassigned_service);
    double share = *task.points / static_cast<double>(services.size());
    for (const std::string& service : services) {
      figures[{*task.customer_id, service}].delivered_points += share;
    }
  }
}

}  // namespace

std::vector<nlohmann::json> BuildCustomerServiceRows(const CustomerServiceInputs& inputs,
                                                     const config::Config& config,
                                                     const WorkspaceZone& zone,
                                                     date::year_month_day today) {
  std::map<CustomerService, Figures> contracts;
  AddContracts(inputs, contracts);

  std::vector<nlohmann::json> rows;
  for (const ListInfo& list : inputs.lists) {
    // Only ended sprints: the end date is before the run's local date.
    if (!list.is_sprint || !list.dates) continue;
    if (date::sys_days(list.dates->end) >= date::sys_days(today)) continue;

    long long sprint_days =
        (date::sys_days(list.dates->end) - date::sys_days(list.dates->start)).count() + 1;
    // Contracted points are stated per contracted_period_days and prorated to
    // the sprint's length in days, both ends included.
    double proration = static_cast<double>(sprint_days) / config.points.contracted_period_days;

    std::map<CustomerService, Figures> figures = contracts;
    for (auto& [key, sums] : figures) sums.contracted_points *= proration;
    UtcTime window_start = zone.StartOfDay(list.dates->start);
    UtcTime window_end =
        zone.StartOfDay(date::year_month_day(date::sys_days(list.dates->end) + date::days(1)));
    AddDeliveries(inputs, config, window_start, window_end, figures);

    for (const auto& [key, sums] : figures) {
      // A service without closed-won line items (e.g. one listed only in the
      // company's `services`) gets a row only when points were delivered.
      if (!sums.contracted && sums.delivered_points == 0) continue;
      rows.push_back({
          {"source_page", "derived"},
          {"sprint_id", list.list_id},
          {"customer_id", key.first},
          {"service_id", key.second},
          {"contract_value", sums.contract_value},
          {"recurring_revenue", sums.recurring_revenue},
          {"contracted_points", sums.contracted_points},
          {"delivered_points", sums.delivered_points},
      });
    }
  }
  return rows;
}

}  // namespace sprintetl::transform
