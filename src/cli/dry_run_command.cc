#include "cli/dry_run_command.h"

#include <iostream>

#include "bigquery/dry_run.h"
#include "cli/command_support.h"
#include "core/time_format.h"
#include "pipeline/sql_paths.h"
#include "warehouse/bigquery_warehouse.h"

namespace sprintetl::cli {

int DryRunCommand(const config::Config& config, const RunArgs& args) {
  if (config.warehouse.kind != "bigquery") {
    return FailWith(InvalidArgument("run --dry-run estimates BigQuery cost and needs "
                                    "warehouse.kind = \"bigquery\", not '" +
                                    config.warehouse.kind + "'"),
                    kExitUsage);
  }
  auto warehouse = warehouse::BigQueryWarehouse::Open(config.warehouse.bigquery);
  if (!warehouse.ok()) return FailWith(warehouse.status(), kExitUsage);

  // The models are rendered for a placeholder run: a dry run reads no stage
  // rows, so only the shape of each statement matters.
  warehouse::ModelParams params;
  params.run_id = "dry-run";
  params.sprint_id = args.sprint;
  params.snapshot_at = "2000-01-01 00:00:00";
  params.timezone = config.timezone.empty() ? "UTC" : config.timezone;

  const double price = config.warehouse.bigquery.price_per_tib_usd;
  auto report = bigquery::DryRunModels(**warehouse, pipeline::SqlDir() + "/models", params, price);
  if (!report.ok()) return FailWith(report.status(), kExitFailed);
  std::cout << bigquery::FormatDryRunReport(*report, price);
  return report->failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace sprintetl::cli
