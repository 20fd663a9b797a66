// Typing of HubSpot CRM property values.
//
// HubSpot sends every property as a string or null, and "" means no value.
// Numbers may carry thousands separators ("1,234.50"), booleans are
// "true"/"false", multi-selects join their values with ';', and times are
// ISO-8601 with or without a fraction, or a bare date.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time_format.h"

namespace sprintetl::transform {

// The property `name` of a CRM record (`record.properties[name]`); nullopt
// when absent, null or "".
std::optional<std::string> PropertyText(const nlohmann::json& record, std::string_view name);

// A decimal number with optional ',' thousands separators; nullopt for
// anything else.
std::optional<double> ParseHubSpotNumber(std::string_view text);

// "true" or "false" in any case; nullopt for anything else.
std::optional<bool> ParseHubSpotBool(std::string_view text);

// The values of a multi-select: split on ';' only (values may contain
// commas), each trimmed, empty ones dropped.
std::vector<std::string> SplitMultiSelect(std::string_view text);

// "2026-11-28T16:40:02.517Z", "2026-11-28T16:40:02Z", an offset such as
// "+01:00" in place of Z, a date "2026-01-01" (taken as 00:00 UTC), or epoch
// milliseconds of at least 11 digits, optionally with a zero fraction
// ("1700000000000.0").
std::optional<UtcTime> ParseHubSpotTime(std::string_view text);

}  // namespace sprintetl::transform
