// The stage tables' column lists, in the order of sql/stage/stage_tables.sql.
//
// The transform writes one NDJSON file per table with exactly these keys. A
// test compares this list with the SQL file, so the two cannot drift apart.
#pragma once

#include <string>
#include <vector>

namespace sprintetl::transform {

struct StageTable {
  std::string name;                  // e.g. "stg_task"
  std::vector<std::string> columns;  // every column, run_id and source_page first
};

// Every stage table, in the SQL file's order.
const std::vector<StageTable>& StageTables();

// The table named `name`, or nullptr when there is none.
const StageTable* FindStageTable(const std::string& name);

}  // namespace sprintetl::transform
