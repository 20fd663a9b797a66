// `sprintetl run --dry-run` for BigQuery: requests a dry run of each model
// statement, which returns the bytes it would process and runs nothing, and
// estimates the on-demand cost from a configured price per TiB.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "warehouse/bigquery_warehouse.h"
#include "warehouse/model_runner.h"

namespace sprintetl::bigquery {

struct StatementEstimate {
  std::string model;       // file name, e.g. "060_dim_customer.sql"
  int statement = 0;       // 1-based position in the file
  std::string first_line;  // of the statement, for the listing
  long long bytes = 0;     // totalBytesProcessed; 0 when `error` is set
  std::string error;       // BigQuery's one-line error when the dry run failed
};

struct DryRunReport {
  std::vector<StatementEstimate> statements;
  long long total_bytes = 0;
  double cost_usd = 0;  // total_bytes in TiB times the price
  int failed = 0;       // statements BigQuery rejected
};

// Renders every `*.sql` model of `models_dir` with `params` and dry-runs each
// statement. A statement BigQuery rejects is listed with its error and the
// rest go on. Fails only when the models cannot be read or rendered, or the
// warehouse cannot be reached.
Result<DryRunReport> DryRunModels(warehouse::BigQueryWarehouse& warehouse,
                                  const std::string& models_dir,
                                  const warehouse::ModelParams& params, double price_per_tib_usd);

// Returns the report as text: one line per statement, then the total.
std::string FormatDryRunReport(const DryRunReport& report, double price_per_tib_usd);

}  // namespace sprintetl::bigquery
