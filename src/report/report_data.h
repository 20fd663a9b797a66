// The figures of one sprint report, read from the warehouse's rpt_* views.
//
// The report stage reads only these four views (rpt_velocity, rpt_throughput,
// rpt_carry_over, rpt_customer_service), so the SQL models can change freely
// behind them. The row structs mirror the views column for column. A SQL NULL
// number reads as 0 and a NULL name as an empty string. A task without a squad
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
  double tasks_total = 0;
};

// One sprint and squad of rpt_throughput.
struct ThroughputRow {
  std::string sprint_id;
  std::string sprint_name;
  std::optional<long long> sprint_number;
  std::string squad_id;
  std::string squad_name;
  double tasks_done = 0;
  double tasks_total = 0;
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
};

// Reads the report figures of `sprint_id` from the rpt_* views.
//
// Velocity and throughput cover the last `sprints_shown` sprints (by
// sprint_number) up to and including `sprint_id`; carry-over and customer and
// service rows cover `sprint_id` only. A sprint that appears in no view is not
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
