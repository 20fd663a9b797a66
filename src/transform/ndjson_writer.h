// Writes the transform's stage rows as NDJSON files in a run folder.
//
// Rows are JSON objects keyed by column name. The writer adds run_id, puts
// the columns in the order of stage_tables.h and fills absent ones with null,
// so every line of a file has the same keys. Not thread-safe for one run
// folder.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "landing/run_folder.h"
#include "transform/stage_tables.h"

namespace sprintetl::transform {

// Rows per stage table name; a table without rows still gets an empty file.
using StageRows = std::map<std::string, std::vector<nlohmann::json>>;

// Returns one NDJSON line (without newline) of `row` for `table`. Fails with
// kInternal when the row has a key that is not a column of the table.
Result<std::string> FormatStageLine(const StageTable& table, const std::string& run_id,
                                    const nlohmann::json& row);

// Writes stage/<table>.ndjson for every stage table. All files are first
// written under a temporary name and renamed only when every one was written,
// so a failure leaves the earlier stage files, if any, untouched. Fails with
// kInternal for a row of an unknown table or column, kUnavailable when a file
// cannot be written.
Status WriteStageFiles(const landing::RunFolder& run, const StageRows& rows);

}  // namespace sprintetl::transform
