#include "pipeline/run_log.h"

#include "core/time_format.h"

namespace sprintetl::pipeline {

Status RecordStep(warehouse::Warehouse& warehouse, const StepRecord& record) {
  using warehouse::QuoteLiteral;
  return warehouse.Execute(
      "INSERT INTO run_log (run_id, step, started_at, finished_at, status, rows, message) "
      "VALUES (" + QuoteLiteral(record.run_id) + ", " + QuoteLiteral(record.step) + ", " +
      QuoteLiteral(FormatUtcMillis(record.started_at)) + ", " +
      QuoteLiteral(FormatUtcMillis(record.finished_at)) + ", " + QuoteLiteral(record.status) +
      ", " + std::to_string(record.rows) + ", " + QuoteLiteral(record.message.substr(0, 2000)) +
      ")");
}

}  // namespace sprintetl::pipeline
