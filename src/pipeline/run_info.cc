#include "pipeline/run_info.h"

#include <nlohmann/json.hpp>

#include "core/time_format.h"

namespace sprintetl::pipeline {

std::string RunInfoJson(const RunInfo& info) {
  nlohmann::json json{{"run_id", info.run_id},       {"now", FormatUtcMillis(info.now)},
                      {"sprint", info.requested_sprint}, {"archive", info.archive},
                      {"full_refresh", info.full_refresh},
                      {"timezone", info.timezone},   {"warnings", info.warnings}};
  if (info.sprint) {
    json["chosen_sprint"] = {{"sprint_id", info.sprint->sprint_id},
                             {"name", info.sprint->name},
                             {"start_date", info.sprint->start_date},
                             {"end_date", info.sprint->end_date}};
  }
  return json.dump(2);
}

Result<RunInfo> ParseRunInfo(const std::string& text, const std::string& origin) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object() || !json["run_id"].is_string() || !json["now"].is_string()) {
    return DataLoss(origin + " is not a run.json object with run_id and now; the landing "
                             "folder cannot be resumed, start a new run instead");
  }
  try {
    RunInfo info;
    info.run_id = json["run_id"].get<std::string>();
    auto now = ParseUtc(json["now"].get<std::string>());
    if (!now) return DataLoss(origin + ": \"now\" is not a UTC time");
    info.now = std::chrono::time_point_cast<std::chrono::system_clock::duration>(*now);
    info.requested_sprint = json.value("sprint", "");
    info.archive = json.value("archive", true);
    info.full_refresh = json.value("full_refresh", false);
    info.timezone = json.value("timezone", "");
    info.warnings = json.value("warnings", std::vector<std::string>{});
    if (json.contains("chosen_sprint") && json["chosen_sprint"].is_object()) {
      const auto& s = json["chosen_sprint"];
      info.sprint = SprintChoice{s.value("sprint_id", ""), s.value("name", ""),
                                 s.value("start_date", ""), s.value("end_date", "")};
    }
    return info;
  } catch (const nlohmann::json::exception& e) {
    return DataLoss(origin + " has a field of the wrong type: " + e.what());
  }
}

}  // namespace sprintetl::pipeline
