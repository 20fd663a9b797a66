// Readers of the sprint detail views (rpt_status_mix, rpt_sprint_task,
// rpt_customer_change) for ReadReportData. Internal to the report stage.
//
// Each reads the rows of one sprint, fails like ViewRows::Read when the view
// is missing, and with kDataLoss naming the view and column when a number
// cannot be parsed.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "report/report_data.h"
#include "warehouse/warehouse.h"

namespace sprintetl::report {

Result<std::vector<StatusMixRow>> ReadStatusMix(warehouse::Warehouse& wh,
                                                const std::string& sprint_id);

Result<std::vector<SprintTaskRow>> ReadSprintTasks(warehouse::Warehouse& wh,
                                                   const std::string& sprint_id);

Result<std::vector<CustomerChangeRow>> ReadCustomerChanges(warehouse::Warehouse& wh,
                                                           const std::string& sprint_id);

}  // namespace sprintetl::report
