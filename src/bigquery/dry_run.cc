#include "bigquery/dry_run.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "warehouse/model_template.h"
#include "warehouse/sql_text.h"

namespace sprintetl::bigquery {
namespace {

constexpr double kBytesPerTib = 1099511627776.0;

std::string HumanBytes(long long bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof(text), unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
  return text;
}

}  // namespace

Result<DryRunReport> DryRunModels(warehouse::BigQueryWarehouse& warehouse,
                                  const std::string& models_dir,
                                  const warehouse::ModelParams& params, double price_per_tib_usd) {
  std::error_code error;
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::directory_iterator it(models_dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".sql") paths.push_back(it->path());
  }
  if (error || paths.empty()) {
    return NotFound("no *.sql model files in '" + models_dir + "'");
  }
  std::sort(paths.begin(), paths.end());

  DryRunReport report;
  const warehouse::TemplateDialect dialect = warehouse::DialectOf(warehouse);
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string model = path.filename().string();
    SPRINTETL_ASSIGN_OR_RETURN(
        std::string sql, warehouse::RenderModel(text.str(), "model " + model, params, dialect));
    int position = 0;
    for (const std::string& statement : warehouse::SplitSqlStatements(sql)) {
      StatementEstimate estimate{model, ++position, warehouse::FirstSqlLine(statement), 0, ""};
      Result<long long> bytes = warehouse.DryRunBytes(statement);
      if (bytes.ok()) {
        estimate.bytes = *bytes;
        report.total_bytes += *bytes;
      } else if (bytes.status().code() == StatusCode::kUnavailable ||
                 bytes.status().code() == StatusCode::kUnauthenticated) {
        return bytes.status();
      } else {
        estimate.error = bytes.status().message();
        ++report.failed;
      }
      report.statements.push_back(std::move(estimate));
    }
  }
  report.cost_usd = static_cast<double>(report.total_bytes) / kBytesPerTib * price_per_tib_usd;
  return report;
}

std::string FormatDryRunReport(const DryRunReport& report, double price_per_tib_usd) {
  std::string out;
  char line[160];
  for (const StatementEstimate& estimate : report.statements) {
    std::snprintf(line, sizeof(line), "%-36s #%-2d ", estimate.model.c_str(), estimate.statement);
    out += line;
    if (estimate.error.empty()) {
      out += HumanBytes(estimate.bytes) + "  " + estimate.first_line + "\n";
    } else {
      out += "rejected: " + estimate.error + "\n";
    }
  }
  std::snprintf(line, sizeof(line),
                "total: %s (%lld bytes) in %zu statements, estimated on-demand cost $%.4f at "
                "$%.2f per TiB",
                HumanBytes(report.total_bytes).c_str(), report.total_bytes,
                report.statements.size(), report.cost_usd, price_per_tib_usd);
  out += line;
  out += "\n";
  if (report.failed > 0) {
    out += "rejected by BigQuery: " + std::to_string(report.failed) +
           " statements; fix them before running\n";
  }
  return out;
}

}  // namespace sprintetl::bigquery
