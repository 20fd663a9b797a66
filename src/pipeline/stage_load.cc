#include "pipeline/stage_load.h"

#include <chrono>

#include "core/log.h"
#include "warehouse/data_tests.h"
#include "warehouse/model_runner.h"

namespace sprintetl::pipeline {

const std::vector<std::string>& StageTables() {
  static const std::vector<std::string> kTables = {
      "stg_list",     "stg_task",     "stg_task_list", "stg_task_field",  "stg_member",
      "stg_squad",    "stg_squad_member", "stg_customer", "stg_deal",     "stg_line_item",
      "stg_product",  "stg_customer_service", "stg_owner", "stg_deal_stage",
      "stg_custom_object", "stg_customer_custom_object"};
  return kTables;
}

Result<long long> LoadStageAndBuildModels(warehouse::Warehouse& warehouse,
                                          const landing::RunFolder& run,
                                          const std::string& sql_dir,
                                          const StageLoadParams& params) {
  auto logger = log::Get("load");
  long long loaded = 0;

  auto load_stage = [&]() -> Status {
    // A rerun of the same run id replaces its stage rows instead of doubling them.
    for (const auto& table : StageTables()) {
      SPRINTETL_RETURN_IF_ERROR(warehouse.Execute("DELETE FROM " + table + " WHERE run_id = " +
                                                  warehouse::QuoteLiteral(params.run_id)));
      auto started = std::chrono::steady_clock::now();
      auto rows = warehouse.LoadNdjson(table, run.StagePath(table));
      if (!rows.ok()) return rows.status().WithContext("loading " + table);
      loaded += *rows;
      logger->info("load.table table={} rows={} ms={}", table, *rows,
                   std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - started).count());
    }
    return Status::Ok();
  };

  warehouse::ModelParams model_params{params.run_id, params.sprint_id, params.snapshot_at,
                                      params.timezone,
                                      {params.historied.begin(), params.historied.end()}};
  auto check_data = [&]() -> Status {
    return warehouse::RunDataTestsOrFail(warehouse, sql_dir + "/tests", model_params);
  };
  SPRINTETL_RETURN_IF_ERROR(
      warehouse::RunModels(warehouse, sql_dir + "/models", model_params, load_stage, check_data)
          .status());
  return loaded;
}

}  // namespace sprintetl::pipeline
