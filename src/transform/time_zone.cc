#include "transform/time_zone.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sprintetl::transform {

Result<WorkspaceZone> WorkspaceZone::Locate(const std::string& name) {
  try {
    return WorkspaceZone(name, date::locate_zone(name));
  } catch (const std::exception& e) {
    return InvalidArgument("time zone '" + name + "' is not in the tz database (" + e.what() +
                           "); set `timezone` in the config to an IANA name such as "
                           "\"Europe/Berlin\"");
  }
}

date::year_month_day WorkspaceZone::LocalDate(UtcTime instant) const {
  auto local = zone_->to_local(instant);
  return date::year_month_day(date::floor<date::days>(local));
}

std::chrono::milliseconds WorkspaceZone::LocalTimeOfDay(UtcTime instant) const {
  auto local = zone_->to_local(instant);
  return local - date::floor<date::days>(local);
}

UtcTime WorkspaceZone::StartOfDay(date::year_month_day day) const {
  date::local_time<std::chrono::milliseconds> midnight{date::local_days(day).time_since_epoch()};
  date::local_info info = zone_->get_info(midnight);
  if (info.result == date::local_info::nonexistent) {
    // Midnight falls into a DST gap; the day starts when the gap ends.
    return std::chrono::time_point_cast<std::chrono::milliseconds>(info.second.begin);
  }
  return zone_->to_sys(midnight, date::choose::earliest);
}

std::string FormatDate(date::year_month_day day) { return date::format("%F", day); }

nlohmann::json DateOrNull(const std::optional<date::year_month_day>& day) {
  return day ? nlohmann::json(FormatDate(*day)) : nlohmann::json();
}

}  // namespace sprintetl::transform
