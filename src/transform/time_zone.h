// The workspace's time zone: turns instants into the calendar days that
// ClickUp users see, and calendar days back into the instants that bound them.
//
// Uses Howard Hinnant's date/tz library over the OS tz database. A
// WorkspaceZone is a cheap value that points into the database, which lives
// for the whole program; it is safe to share between threads.
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/time_format.h"

namespace sprintetl::transform {

class WorkspaceZone {
 public:
  // Finds the IANA zone `name`, e.g. "America/New_York". Fails with
  // kInvalidArgument naming the zone when the tz database does not know it.
  static Result<WorkspaceZone> Locate(const std::string& name);

  const std::string& name() const { return name_; }

  // The local calendar day of `instant`.
  date::year_month_day LocalDate(UtcTime instant) const;

  // The time since local midnight of `instant`.
  std::chrono::milliseconds LocalTimeOfDay(UtcTime instant) const;

  // The instant of local midnight starting `day`. On a day whose midnight is
  // skipped by a DST change, the first local instant of that day.
  UtcTime StartOfDay(date::year_month_day day) const;

 private:
  WorkspaceZone(std::string name, const date::time_zone* zone)
      : name_(std::move(name)), zone_(zone) {}

  std::string name_;
  const date::time_zone* zone_;
};

// "YYYY-MM-DD".
std::string FormatDate(date::year_month_day day);

// A calendar day as "YYYY-MM-DD", or null.
nlohmann::json DateOrNull(const std::optional<date::year_month_day>& day);

}  // namespace sprintetl::transform
