#include "transform/transform_run.h"

#include <exception>

#include "core/log.h"
#include "transform/customer_rows.h"
#include "transform/customer_service.h"
#include "transform/custom_object_rows.h"
#include "transform/deal_rows.h"
#include "transform/hubspot_property_types.h"
#include "transform/hubspot_reference_rows.h"
#include "transform/json_fields.h"
#include "transform/line_item_rows.h"
#include "transform/sprint_lists.h"
#include "transform/stage_tables.h"
#include "transform/task_labels.h"
#include "transform/task_rows.h"
#include "transform/team_rows.h"
#include "transform/time_zone.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {
namespace {

// The configured zone, else the ClickUp user's, else UTC.
Result<std::string> WorkspaceZoneName(const LandingPages& pages, const config::Config& config,
                                      WarningList& warnings) {
  if (!config.timezone.empty()) return config.timezone;
  for (const LandingPage& page : pages.OfKind("clickup.user")) {
    if (!page.body.is_object()) return ShapeError(page.record, "the body is not a JSON object");
    std::optional<std::string> zone = TextOf(Member(page.body, "user", "timezone"));
    if (zone && !zone->empty()) return *zone;
  }
  warnings.Add(
      "the ClickUp user has no time zone and `timezone` is not configured; calendar "
      "dates are taken in UTC");
  return std::string("UTC");
}

Result<StageOutput> BuildRows(const LandingPages& pages, const config::Config& config,
                              std::chrono::system_clock::time_point now) {
  if (config.points.contracted_period_days <= 0) {
    return InvalidArgument("points.contracted_period_days must be positive");
  }
  StageOutput output;
  WarningList warnings;
  StageRows& rows = output.rows;

  SPRINTETL_ASSIGN_OR_RETURN(std::string zone_name, WorkspaceZoneName(pages, config, warnings));
  SPRINTETL_ASSIGN_OR_RETURN(WorkspaceZone zone, WorkspaceZone::Locate(zone_name));
  date::year_month_day today =
      zone.LocalDate(std::chrono::time_point_cast<std::chrono::milliseconds>(now));

  SPRINTETL_ASSIGN_OR_RETURN(std::vector<ListInfo> lists,
                             CollectLists(pages, config, zone, today, warnings));
  for (const ListInfo& list : lists) rows["stg_list"].push_back(ListRow(list));
  SPRINTETL_ASSIGN_OR_RETURN(SquadOfMember squad_of_member,
                             BuildTeamRows(pages, config, rows, warnings));

  SPRINTETL_ASSIGN_OR_RETURN(Companies companies, BuildCustomerRows(pages, config, rows, warnings));
  SPRINTETL_ASSIGN_OR_RETURN(auto deals, BuildDealRows(pages, companies, rows, warnings));
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<LineItemInfo> line_items,
                             BuildLineItemRows(pages, config, rows, warnings));
  SPRINTETL_RETURN_IF_ERROR(BuildOwnerRows(pages, rows));
  SPRINTETL_RETURN_IF_ERROR(BuildDealStageRows(pages, rows));
  SPRINTETL_ASSIGN_OR_RETURN(PropertyTypes property_types, PropertyTypes::Read(pages));
  SPRINTETL_RETURN_IF_ERROR(
      BuildCustomObjectRows(pages, config, property_types, companies, rows, warnings));

  SPRINTETL_ASSIGN_OR_RETURN(TaskLabeler labeler, TaskLabeler::Create(config.clickup));
  TaskRowContext context{config, zone, labeler, companies.index, squad_of_member};
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<TaskInfo> tasks,
                             BuildTaskRows(pages, context, rows, warnings));

  CustomerServiceInputs inputs{lists, tasks, deals, line_items};
  rows["stg_customer_service"] = BuildCustomerServiceRows(inputs, config, zone, today);

  for (const StageTable& table : StageTables()) {
    output.summary.rows[table.name] = static_cast<long long>(rows[table.name].size());
  }
  output.summary.warnings = warnings.messages();
  output.summary.timezone = zone.name();
  return output;
}

}  // namespace

Result<StageOutput> BuildStageRows(const LandingPages& pages, const config::Config& config,
                                   std::chrono::system_clock::time_point now) {
  try {
    return BuildRows(pages, config, now);
  } catch (const std::exception& e) {
    // The readers avoid throwing accessors; reaching here is a bug.
    return Internal(std::string("transform failed unexpectedly: ") + e.what());
  }
}

Result<TransformSummary> TransformRun(const landing::RunFolder& run, const config::Config& config,
                                      std::chrono::system_clock::time_point now) {
  auto logger = log::Get("transform");
  auto started = std::chrono::steady_clock::now();
  logger->info("transform.start run={}", run.run_id());

  SPRINTETL_ASSIGN_OR_RETURN(LandingPages pages, LandingPages::Read(run));
  SPRINTETL_ASSIGN_OR_RETURN(StageOutput output, BuildStageRows(pages, config, now));
  SPRINTETL_RETURN_IF_ERROR(WriteStageFiles(run, output.rows));

  long long total = 0;
  for (const auto& [table, count] : output.summary.rows) total += count;
  for (const std::string& warning : output.summary.warnings) {
    logger->warn("transform.warning run={} message=\"{}\"", run.run_id(), warning);
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  logger->info("transform.done run={} rows={} warnings={} timezone={} ms={}", run.run_id(), total,
               output.summary.warnings.size(), output.summary.timezone, elapsed.count());
  return output.summary;
}

}  // namespace sprintetl::transform
