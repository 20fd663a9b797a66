#include "pipeline/clickup_read.h"

#include "pipeline/incremental_base.h"

namespace sprintetl::pipeline {

Result<sources::ClickUpReadPlan> PlanClickUpRun(warehouse::Warehouse& warehouse,
                                                const std::string& run_id,
                                                const config::ClickUp& config, bool full_refresh) {
  std::optional<sources::ClickUpBaseRun> clickup_base;
  if (!full_refresh) {
    SPRINTETL_ASSIGN_OR_RETURN(std::optional<IncrementalBase> base,
                               FindIncrementalBase(warehouse, run_id));
    if (base) clickup_base = sources::ClickUpBaseRun{base->run_id, base->landing_path,
                                                     base->started_at};
  }
  return sources::PlanClickUpRead(config, clickup_base, full_refresh);
}

}  // namespace sprintetl::pipeline
