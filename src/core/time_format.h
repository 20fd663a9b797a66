// Formatting and parsing of UTC instants shared by every stage.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace sprintetl {

using UtcTime = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-16T09:00:00.000Z".
std::string FormatUtcMillis(std::chrono::system_clock::time_point t);

// "2026-11-16 09:00:00", the form SQL literals and the run log use.
std::string FormatUtcSeconds(std::chrono::system_clock::time_point t);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff]" followed by nothing or "Z" (UTC) or an
// offset "+HH:MM"/"-HH:MM", which is converted to UTC. A space may stand for
// the "T". Returns nullopt for anything else.
std::optional<UtcTime> ParseUtc(const std::string& text);

}  // namespace sprintetl
