// The figures of one sprint report, read from the warehouse's rpt_* views.
//
// The report stage reads only the rpt_* views listed in ReportViewNames(), so
// the SQL models can change freely behind them. Each row struct contains the
// columns the report reads from its view. A SQL NULL number reads as 0 and a
// NULL name as an empty string. A task without a squad
// already arrives from the models as squad_id "(none)", squad_name "(no squad)".
//
// ReportData is a plain value: copy it freely, no thread-safety concerns.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "warehouse/warehouse.h"

namespace sprintetl::report {

// One sprint and squad of rpt_velocity.
struct VelocityRow {
  std::string sprint_id;
  std::string sprint_name;
  std::optional<long long> sprint_number;  // NULL when the sprint list has no number
  std::string sprint_end_date;             // "YYYY-MM-DD", or empty when NULL
  std::string squad_id;
  std::string squad_name;
  double points_committed = 0;  // points of every task in the sprint at its end
  double points_done = 0;
  double tasks_done = 0;
  double tasks_total = 0;  // every task in the sprint at its end
  // The part of points_done on tasks with no matched customer. Delivered
  // points per customer leave these out.
  double points_done_without_customer = 0;
};

// One sprint and squad of rpt_throughput.
struct ThroughputRow {
  std::string sprint_id;
  std::string sprint_name;
  std::optional<long long> sprint_number;
  std::string squad_id;
  std::string squad_name;
  double tasks_done = 0;
  double tasks_total = 0;  // every task in the sprint at its end
};

// One task of rpt_carry_over: in the sprint at its end and not done.
struct CarryOverRow {
  std::string sprint_id;
  std::string sprint_name;
  std::optional<long long> sprint_number;
  std::string squad_id;
  std::string squad_name;
  std::string task_id;
  std::string task_name;
  std::string status_label;
  double points = 0;
};

// One sprint, customer and service of rpt_customer_service.
struct CustomerServiceRow {
  std::string sprint_id;
  std::string sprint_name;
  std::optional<long long> sprint_number;
  std::string customer_id;
  std::string customer_name;
  std::string squad_id;
  std::string service_id;
  std::string service_name;
  double contract_value = 0;     // money, in the HubSpot account's currency
  double recurring_revenue = 0;  // money per month
  double contracted_points = 0;  // prorated to the sprint's length
  double delivered_points = 0;
  double points_balance = 0;  // contracted_points - delivered_points
};

// One sprint, squad, status label, category and done flag of rpt_status_mix.
struct StatusMixRow {
  std::string sprint_id;
  std::string squad_id;
  std::string squad_name;
  std::string status_label;
  std::string category;
  bool is_done = false;
  double tasks = 0;
  double points = 0;
};

// One task of rpt_sprint_task: in the sprint at its end.
struct SprintTaskRow {
  std::string sprint_id;
  std::string squad_id;
  std::string squad_name;
  std::string task_id;
  std::string task_name;
  std::string status_label;
  std::string category;
  double points = 0;
  std::string assignees;  // usernames, comma-separated; empty when unassigned
  std::string outcome;    // "done" or "carried over"
};

// One dim_customer version of rpt_customer_change that starts inside the
// sprint and changed the customer's squad, contracted points or services.
struct CustomerChangeRow {
  std::string sprint_id;
  std::string customer_id;
  std::string customer_name;
  std::string changed_at;   // UTC, "YYYY-MM-DD HH:MM:SS"
  std::string change_kind;  // "changed", "archived" or "missing"
  std::string squad_id_before;
  std::string squad_name_before;
  std::string squad_id_after;
  std::string squad_name_after;
  std::optional<double> contracted_points_before;  // NULL when the property is empty
  std::optional<double> contracted_points_after;
  std::string services_before;  // comma-separated, sorted
  std::string services_after;
};

// Everything the HTML report shows for one sprint.
struct ReportData {
  std::string title;
  std::string sprint_id;
  std::string sprint_name;
  std::optional<long long> sprint_number;
  std::string generated_at;  // UTC, "YYYY-MM-DD HH:MM"

  // The last `sprints_shown` sprints up to and including this one.
  std::vector<VelocityRow> velocity;
  std::vector<ThroughputRow> throughput;

  // This sprint only.
  std::vector<CarryOverRow> carry_over;
  std::vector<CustomerServiceRow> customer_service;
  std::vector<StatusMixRow> status_mix;
  std::vector<SprintTaskRow> tasks;
  std::vector<CustomerChangeRow> customer_changes;
};

// Returns the names of the rpt_* views the report reads, in the order the
// report shows them. Looker Studio links bind the same list.
const std::vector<std::string>& ReportViewNames();

// Reads the report figures of `sprint_id` from the rpt_* views.
//
// Velocity and throughput cover the last `sprints_shown` sprints (by
// sprint_number) up to and including `sprint_id`; the other lists cover
// `sprint_id` only. A sprint that appears in no view is not
// an error: the result then has empty lists and the report shows that there is no
// data, because an ended sprint can contain no tasks.
//
// Fails with kInvalidArgument when `sprint_id` is empty or `sprints_shown` < 1,
// kFailedPrecondition naming the view when a view cannot be read (usually
// because the models have not run yet), and kDataLoss naming the view, column
// and value when a number cannot be parsed.
Result<ReportData> ReadReportData(warehouse::Warehouse& wh, const std::string& sprint_id,
                                  int sprints_shown);

}  // namespace sprintetl::report
