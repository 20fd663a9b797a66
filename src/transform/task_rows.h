// ClickUp tasks: stg_task, stg_task_list and stg_task_field rows.
//
// With include_timl=true a task appears in the pages of its home list and of
// every other list it was added to, so the pages are merged: one stg_task row
// per task, one stg_task_list row per list it sits in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "core/time_format.h"
#include "transform/customer_match.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"
#include "transform/task_labels.h"
#include "transform/team_rows.h"
#include "transform/time_zone.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

// The task attributes that the customer figures use.
struct TaskInfo {
  std::string task_id;
  std::optional<std::string> customer_id;
  std::string status_type;
  std::optional<UtcTime> done_at;
  std::optional<UtcTime> closed_at;
  std::optional<double> points;
  std::vector<std::string> service_ids;
};

// Configuration and lookups for building task rows. Every member must outlive
// the BuildTaskRows() call.
struct TaskRowContext {
  const config::Config& config;
  const WorkspaceZone& zone;
  const TaskLabeler& labeler;
  const CompanyIndex& companies;
  const SquadOfMember& squad_of_member;
};

// True when `due_at` is a date-only due date: ClickUp stores those at 04:00
// local time. `due_date_time` is the task's flag when it sends one.
bool DueHasTime(UtcTime due_at, std::optional<bool> due_date_time, const WorkspaceZone& zone);

// Appends the task rows of the clickup.tasks pages and returns the tasks in
// first-seen order. Warns once about tasks whose customer matches no HubSpot
// company and once per field about values matching no option. Fails with
// kDataLoss for a page without a "tasks" array or a task without an id.
Result<std::vector<TaskInfo>> BuildTaskRows(const LandingPages& pages,
                                            const TaskRowContext& context, StageRows& rows,
                                            WarningList& warnings);

}  // namespace sprintetl::transform
