// Past versions of a HubSpot company, rebuilt from the change history a
// listing with propertiesWithHistory carries, so dim_customer's first run can
// start with real past versions instead of only today's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "core/time_format.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

// One stg_customer row per instant at which a tracked property changed before
// the company's current row, in time order. Each row carries every tracked
// property's value as of that instant: the newest history entry at or before
// it, or null when the property had no value yet. A tracked property without
// history keeps the current row's value. `current_row` is the company's
// stg_customer row, and `current_at` its change time: history at or after it
// is left out, because the current row stands for that instant and later. An
// entry whose timestamp does not parse is skipped with a warning naming
// `label`, and so is a number that does not parse (that version leaves it
// empty).
std::vector<nlohmann::json> CustomerHistoryRows(const nlohmann::json& company,
                                                const nlohmann::json& current_row,
                                                std::optional<UtcTime> current_at,
                                                const config::HubSpot& config,
                                                const std::string& label, WarningList& warnings);

}  // namespace sprintetl::transform
