#include "pipeline/sprint_choice.h"

#include <date/tz.h>

#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

namespace sprintetl::pipeline {

std::string LocalDate(std::chrono::system_clock::time_point now, const std::string& timezone) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  try {
    if (!timezone.empty()) {
      date::zoned_seconds local(timezone, seconds);
      return date::format("%F", local.get_local_time());
    }
  } catch (const std::exception&) {
    // An unknown zone name falls back to UTC; the transform already warned about it.
  }
  return date::format("%F", seconds);
}

Result<SprintChoice> ChooseSprint(const std::string& stg_list_path, const std::string& requested,
                                  std::chrono::system_clock::time_point now,
                                  const std::string& timezone) {
  std::ifstream in(stg_list_path);
  if (!in) return NotFound("cannot read " + stg_list_path + "; run the transform step first");

  std::vector<nlohmann::json> rows;
  std::string line;
  while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line, nullptr, false));
  return ChooseSprintFromRows(rows, requested, now, timezone);
}

Result<SprintChoice> ChooseSprintFromRows(const std::vector<nlohmann::json>& rows,
                                          const std::string& requested,
                                          std::chrono::system_clock::time_point now,
                                          const std::string& timezone) {
  std::vector<SprintChoice> sprints;
  std::vector<std::string> numbers;
  for (const nlohmann::json& row : rows) {
    if (!row.is_object() || !row.value("is_sprint", false)) continue;
    auto start = row.find("start_date");
    auto end = row.find("end_date");
    if (start == row.end() || end == row.end() || !start->is_string() || !end->is_string()) {
      continue;
    }
    sprints.push_back({row.value("list_id", ""), row.value("name", ""),
                       start->get<std::string>(), end->get<std::string>()});
    auto number = row.find("sprint_number");
    numbers.push_back(number != row.end() && number->is_number() ? number->dump() : "");
  }

  std::string known;
  for (const auto& sprint : sprints) known += (known.empty() ? "" : ", ") + sprint.name;

  if (!requested.empty()) {
    for (size_t i = 0; i < sprints.size(); ++i) {
      const auto& sprint = sprints[i];
      std::string short_name = sprint.name.substr(0, sprint.name.find(" ("));
      if (requested == sprint.sprint_id || requested == sprint.name || requested == short_name ||
          requested == numbers[i]) {
        return sprint;
      }
    }
    return InvalidArgument("no sprint list matches --sprint '" + requested +
                           "'; known sprints: " + (known.empty() ? "none" : known));
  }

  std::string today = LocalDate(now, timezone);
  const SprintChoice* latest = nullptr;
  for (const auto& sprint : sprints) {
    if (sprint.end_date < today && (!latest || sprint.end_date > latest->end_date)) {
      latest = &sprint;
    }
  }
  if (!latest) {
    return FailedPrecondition("no sprint has ended before " + today + " (" + timezone +
                              "); known sprints: " + (known.empty() ? "none" : known) +
                              ". Use --sprint NAME to close one explicitly");
  }
  return *latest;
}

}  // namespace sprintetl::pipeline
