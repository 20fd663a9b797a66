#include "pipeline/sprint_choice.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

namespace sprintetl::pipeline {
namespace {

// Number of sprints an error names, latest first. It only counts the older ones.
constexpr size_t kSprintsListed = 12;

std::string Lowercase(const std::string& text) {
  std::string lower;
  for (unsigned char c : text) {
    if (!std::isspace(c)) lower.push_back(static_cast<char>(std::tolower(c)));
  }
  return lower;
}

// The first run of digits in `text`, e.g. "41" from "sprint-41", or "" when there is none.
std::string FirstNumber(const std::string& text) {
  auto begin = std::find_if(text.begin(), text.end(), [](unsigned char c) {
    return std::isdigit(c);
  });
  auto end = std::find_if(begin, text.end(), [](unsigned char c) { return !std::isdigit(c); });
  return std::string(begin, end);
}

// Names `requested` probably meant: the same name in other case or spacing,
// or a sprint whose number is the first number in `requested`.
std::string CloseNames(const std::string& requested, const std::vector<SprintChoice>& sprints,
                       const std::vector<std::string>& numbers) {
  std::string normalized = Lowercase(requested);
  std::string number = FirstNumber(requested);
  std::string close;
  for (size_t i = 0; i < sprints.size(); ++i) {
    const std::string& name = sprints[i].name;
    bool same_text = normalized == Lowercase(name) ||
                     normalized == Lowercase(name.substr(0, name.find(" (")));
    if (same_text || (!number.empty() && number == numbers[i])) {
      close += (close.empty() ? "" : ", ") + name;
    }
  }
  return close;
}

// "Sprint 42 (...), Sprint 41 (...)", latest end date first, at most kSprintsListed names.
std::string LatestNames(std::vector<SprintChoice> sprints) {
  if (sprints.empty()) return "none";
  std::sort(sprints.begin(), sprints.end(), [](const SprintChoice& a, const SprintChoice& b) {
    return a.end_date > b.end_date;
  });
  std::string names;
  for (size_t i = 0; i < sprints.size() && i < kSprintsListed; ++i) {
    names += (names.empty() ? "" : ", ") + sprints[i].name;
  }
  if (sprints.size() > kSprintsListed) {
    names += " and " + std::to_string(sprints.size() - kSprintsListed) + " older";
  }
  return names;
}

}  // namespace

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
    std::string close = CloseNames(requested, sprints, numbers);
    return InvalidArgument("no sprint list matches --sprint '" + requested + "'; " +
                           (close.empty() ? "" : "did you mean " + close + "? ") +
                           "Sprints, latest first: " + LatestNames(sprints) +
                           ". Run `sprintetl run --sprint NAME` with one of these names, a "
                           "sprint number or a list id, or leave --sprint out to close the "
                           "latest ended sprint");
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
