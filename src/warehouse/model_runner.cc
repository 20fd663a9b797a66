#include "warehouse/model_runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/log.h"
#include "warehouse/model_template.h"
#include "warehouse/run_order.h"
#include "warehouse/scd2_step.h"
#include "warehouse/sql_text.h"

namespace sprintetl::warehouse {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct ModelFile {
  std::string name;
  std::string sql;  // rendered
};

long long MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

Status CheckParams(const ModelParams& params) {
  if (params.run_id.empty()) return InvalidArgument("model parameter run_id is empty");
  static const std::regex kSnapshot(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})");
  if (!std::regex_match(params.snapshot_at, kSnapshot)) {
    return InvalidArgument("model parameter snapshot_at '" + params.snapshot_at +
                           "' is not a UTC time written 'YYYY-MM-DD HH:MM:SS'");
  }
  if (params.timezone.empty()) {
    return InvalidArgument(
        "model parameter timezone is empty; pass the workspace's IANA time zone, "
        "e.g. 'Europe/Paris'");
  }
  return Status::Ok();
}

// Reads and renders every model so a template error stops the run before
// the transaction starts.
Result<std::vector<ModelFile>> LoadModels(const std::string& models_dir,
                                          const ModelParams& params,
                                          const TemplateDialect& dialect) {
  std::error_code error;
  std::vector<fs::path> paths;
  for (fs::directory_iterator it(models_dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".sql") paths.push_back(it->path());
  }
  if (error) {
    return NotFound("cannot list the model folder '" + models_dir + "': " + error.message());
  }
  if (paths.empty()) return NotFound("no *.sql model files in '" + models_dir + "'");
  std::sort(paths.begin(), paths.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

  std::vector<ModelFile> models;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("cannot read model file '" + path.string() + "'");
    std::ostringstream text;
    text << in.rdbuf();
    std::string name = path.filename().string();
    SPRINTETL_ASSIGN_OR_RETURN(std::string sql,
                               RenderModel(text.str(), "model " + name, params, dialect));
    models.push_back({name, std::move(sql)});
  }
  return models;
}

// "050_dim_customer.sql" builds "dim_customer".
std::string TableOfModel(const std::string& file_name) {
  std::string stem = fs::path(file_name).stem().string();
  size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits]))) {
    ++digits;
  }
  if (digits > 0 && digits < stem.size() && stem[digits] == '_') return stem.substr(digits + 1);
  return stem;
}

Result<std::optional<long long>> CountTableRows(Warehouse& warehouse, const std::string& table) {
  // A BigQuery transaction runs only at Commit, so a count taken here would read the table as
  // it was before the run. No count is better than a wrong one.
  if (warehouse.Dialect() == "bigquery") return std::optional<long long>();

  SPRINTETL_ASSIGN_OR_RETURN(
      QueryResult found,
      warehouse.Query("SELECT count(*) FROM information_schema.tables WHERE table_name = " +
                      QuoteLiteral(table) + " AND table_type = 'BASE TABLE'"));
  if (found.rows.empty() || found.rows[0][0].value_or("0") == "0") {
    return std::optional<long long>();
  }
  SPRINTETL_ASSIGN_OR_RETURN(QueryResult count,
                             warehouse.Query("SELECT count(*) FROM " + QuoteIdentifier(table)));
  return std::optional<long long>(std::stoll(count.rows.at(0).at(0).value_or("0")));
}

// Runs the models inside the open transaction; the caller commits or rolls back.
Result<std::vector<ModelRun>> RunInTransaction(Warehouse& warehouse,
                                               const std::vector<ModelFile>& models) {
  std::vector<ModelRun> runs;
  for (const ModelFile& model : models) {
    Clock::time_point start = Clock::now();
    Status status = warehouse.Execute(model.sql);
    if (!status.ok()) return status.WithContext("model " + model.name);
    ModelRun run{model.name, MillisecondsSince(start), std::nullopt};

    Result<std::optional<long long>> rows = CountTableRows(warehouse, TableOfModel(model.name));
    if (!rows.ok()) return rows.status().WithContext("model " + model.name);
    run.rows = *rows;
    log::Get("warehouse")
        ->info("warehouse.model model={} ms={} rows={}", run.model, run.duration_ms,
               run.rows ? std::to_string(*run.rows) : "-");
    runs.push_back(std::move(run));
  }
  return runs;
}

// The whole transaction's work: run order, stage load, models, data tests and
// the applied_run record. The caller commits or rolls back.
Result<std::vector<ModelRun>> RunAllSteps(Warehouse& warehouse,
                                          const std::vector<ModelFile>& models,
                                          const ModelParams& params,
                                          const std::function<Status()>& before_models,
                                          const std::function<Status()>& after_models) {
  SPRINTETL_RETURN_IF_ERROR(CheckRunOrder(warehouse, params));
  if (before_models) SPRINTETL_RETURN_IF_ERROR(before_models());
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<ModelRun> runs, RunInTransaction(warehouse, models));
  if (after_models) SPRINTETL_RETURN_IF_ERROR(after_models());
  SPRINTETL_RETURN_IF_ERROR(RecordAppliedRun(warehouse, params));
  return runs;
}

}  // namespace

std::map<std::string, std::string> TemplateValues(const ModelParams& params) {
  return {{"run_id", params.run_id},
          {"sprint_id", params.sprint_id},
          {"snapshot_at", params.snapshot_at},
          {"timezone", params.timezone}};
}

TemplateDialect DialectOf(const Warehouse& warehouse) {
  return TemplateDialect{warehouse.Dialect(), warehouse.Dataset()};
}

Result<std::string> RenderModel(const std::string& text, const std::string& origin,
                                const ModelParams& params, const TemplateDialect& dialect) {
  std::set<std::string> historied_tables;
  for (const std::string& dimension : params.historied) historied_tables.insert("dim_" + dimension);
  SPRINTETL_ASSIGN_OR_RETURN(std::string expanded,
                             ExpandScd2Blocks(text, historied_tables, origin));
  return RenderModelTemplate(expanded, TemplateValues(params), origin, dialect);
}

Result<ModelRunSummary> RunModels(Warehouse& warehouse, const std::string& models_dir,
                                  const ModelParams& params,
                                  const std::function<Status()>& before_models,
                                  const std::function<Status()>& after_models) {
  SPRINTETL_RETURN_IF_ERROR(CheckParams(params));
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<ModelFile> models,
                             LoadModels(models_dir, params, DialectOf(warehouse)));

  Clock::time_point start = Clock::now();
  SPRINTETL_RETURN_IF_ERROR(warehouse.Begin());
  Result<std::vector<ModelRun>> runs =
      RunAllSteps(warehouse, models, params, before_models, after_models);
  Status status = runs.ok() ? warehouse.Commit() : runs.status();
  if (!status.ok()) {
    Status rollback = warehouse.Rollback();
    std::string rollback_note = rollback.ok() ? "rolled back, the previous tables are kept"
                                              : "rollback also failed: " + rollback.message();
    log::Get("warehouse")
        ->error("warehouse.models failed run_id={} error={}", params.run_id, status.message());
    return Status(status.code(), status.message() + " (" + rollback_note + ")");
  }

  ModelRunSummary summary;
  summary.models = std::move(runs).value();
  summary.duration_ms = MillisecondsSince(start);
  log::Get("warehouse")
      ->info("warehouse.models run_id={} sprint_id={} models={} ms={}", params.run_id,
             params.sprint_id, summary.models.size(), summary.duration_ms);
  return summary;
}

}  // namespace sprintetl::warehouse
