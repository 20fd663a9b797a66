// Tolerant readers for values inside API payloads.
//
// ClickUp and HubSpot send the same field as a number in one response and as
// a string in the next (ids, ms timestamps, points), so these readers accept
// both. They check types before reading, so they do not throw. A JSON null
// reads like an absent key.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/time_format.h"

namespace sprintetl::transform {

// The member `key` of `object`, or nullptr when `object` is not an object or
// the member is absent or null.
const nlohmann::json* Member(const nlohmann::json& object, std::string_view key);

// The member at `first`.`second`, with the same null rules as Member().
const nlohmann::json* Member(const nlohmann::json& object, std::string_view first,
                             std::string_view second);

// A string as is, an integer in decimal, a float in JSON form, a bool as
// "true"/"false"; nullopt for null, arrays and objects.
std::optional<std::string> TextOf(const nlohmann::json* value);

// A number, or a string holding only a decimal number (spaces around it are
// allowed); nullopt otherwise, including for "".
std::optional<double> NumberOf(const nlohmann::json* value);

// Like NumberOf() but the value must be a whole number that fits 64 bits.
std::optional<long long> IntegerOf(const nlohmann::json* value);

// true/false, or the strings "true"/"false" in any case.
std::optional<bool> BoolOf(const nlohmann::json* value);

// A Unix epoch in milliseconds, as a number or a string, as an instant.
std::optional<UtcTime> MillisTimeOf(const nlohmann::json* value);

// Parses `text` as a whole decimal number, e.g. "12.5" or "-3"; nullopt for
// anything else.
std::optional<double> ParseDecimal(std::string_view text);

// Converts an optional value to JSON, mapping nullopt to null.
template <typename T>
nlohmann::json JsonOrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

// An instant as "YYYY-MM-DDTHH:MM:SS.mmmZ", or null.
nlohmann::json TimeOrNull(const std::optional<UtcTime>& value);

}  // namespace sprintetl::transform
