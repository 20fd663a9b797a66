// The model runner: builds the star schema from the current run's stage rows
// by running the SQL model files (sql/models/*.sql) in name order.
//
// All models run inside one transaction, so readers see either the previous
// star or the new one, never a half-built mix. The runner keeps no state and
// uses the given Warehouse from the calling thread only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "warehouse/model_template.h"
#include "warehouse/warehouse.h"

namespace sprintetl::warehouse {

// The values the model templates may use, each inserted as a SQL string literal.
struct ModelParams {
  std::string run_id;       // the stage rows to read: WHERE run_id = {{ run_id }}
  std::string sprint_id;    // the sprint whose facts are rebuilt; empty for none
  std::string snapshot_at;  // the run's instant, UTC "YYYY-MM-DD HH:MM:SS"
  std::string timezone;     // the workspace's IANA time zone, e.g. "Europe/Paris"
  // Dimensions of `{% scd2 %}` blocks kept historied (SCD type 2), by name
  // without the "dim_" prefix, e.g. "task"; the others are kept type 1.
  // dim_customer and dim_squad are always historied and need no entry.
  std::set<std::string> historied;
};

// One model file's run.
struct ModelRun {
  std::string model;  // file name, e.g. "050_dim_customer.sql"
  long long duration_ms = 0;
  // Rows of the table named after the file (prefix and extension removed)
  // after the model ran; nullopt when no such table exists (views) and on
  // BigQuery, where the transaction's changes are not readable before Commit.
  std::optional<long long> rows;
};

struct ModelRunSummary {
  std::vector<ModelRun> models;  // in the order they ran
  long long duration_ms = 0;     // all models and the commit
};

// The placeholders of model and data test templates: run_id, sprint_id,
// snapshot_at and timezone.
std::map<std::string, std::string> TemplateValues(const ModelParams& params);

// Returns the dialect that model and data test templates render for on
// `warehouse`: its Dialect() and Dataset().
TemplateDialect DialectOf(const Warehouse& warehouse);

// Renders one model file's text for `dialect`: expands its `{% scd2 %}`
// blocks (see scd2_step.h), then the template (see model_template.h). Fails
// with kInvalidArgument naming `origin` for a bad block or placeholder.
Result<std::string> RenderModel(const std::string& text, const std::string& origin,
                                const ModelParams& params, const TemplateDialect& dialect);

// Runs every `*.sql` file of `models_dir` in name order inside one
// transaction and commits it. Every template, `{% scd2 %}` blocks included
// (see scd2_step.h), is rendered for the warehouse's dialect before the
// transaction starts. Inside the transaction it first checks the run order
// (see run_order.h), then runs `before_models` when set (the pipeline loads
// the run's stage rows there), the models, and `after_models` when set (the
// pipeline runs the data tests there), and records the run in applied_run.
// Fails with kInvalidArgument for bad parameters or an unknown placeholder,
// kNotFound when the folder contains no model, kFailedPrecondition for a run
// older than the newest applied one, the backend's error prefixed with the
// model file's name, or the callbacks' errors. On any failure the transaction
// is rolled back and the previous tables are kept.
Result<ModelRunSummary> RunModels(Warehouse& warehouse, const std::string& models_dir,
                                  const ModelParams& params,
                                  const std::function<Status()>& before_models = nullptr,
                                  const std::function<Status()>& after_models = nullptr);

}  // namespace sprintetl::warehouse
