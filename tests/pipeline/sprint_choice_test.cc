#include "pipeline/sprint_choice.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sprintetl::pipeline {
namespace {

// stg_list rows of sprints 1 to `count`. Sprint N runs from January N to February N, 2026.
std::vector<nlohmann::json> SprintRows(int count) {
  std::vector<nlohmann::json> rows;
  for (int number = 1; number <= count; ++number) {
    std::string day = (number < 10 ? "0" : "") + std::to_string(number);
    rows.push_back({{"list_id", "90" + std::to_string(number)},
                    {"name", "Sprint " + std::to_string(number) + " (x)"},
                    {"is_sprint", true},
                    {"sprint_number", number},
                    {"start_date", "2026-01-" + day},
                    {"end_date", "2026-02-" + day}});
  }
  return rows;
}

std::string RejectionOf(const std::vector<nlohmann::json>& rows, const std::string& requested) {
  auto chosen = ChooseSprintFromRows(rows, requested, std::chrono::system_clock::now(), "UTC");
  EXPECT_FALSE(chosen.ok()) << requested << " matched " << chosen->name;
  if (chosen.ok()) return "";
  EXPECT_EQ(chosen.status().code(), StatusCode::kInvalidArgument);
  return chosen.status().message();
}

TEST(ChooseSprintTest, UnknownNameListsLatestFirst) {
  std::string message = RejectionOf(SprintRows(3), "Sprint 99");
  EXPECT_NE(message.find("Sprints, latest first: Sprint 3 (x), Sprint 2 (x), Sprint 1 (x)."),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("did you mean"), std::string::npos) << message;
  EXPECT_NE(message.find("Run `sprintetl run --sprint NAME`"), std::string::npos) << message;
}

TEST(ChooseSprintTest, OtherCaseOrNumberSuggestsSprint) {
  std::string lower = RejectionOf(SprintRows(3), "sprint 2");
  EXPECT_NE(lower.find("did you mean Sprint 2 (x)?"), std::string::npos) << lower;

  std::string numbered = RejectionOf(SprintRows(3), "S-3");
  EXPECT_NE(numbered.find("did you mean Sprint 3 (x)?"), std::string::npos) << numbered;
}

TEST(ChooseSprintTest, LongListShowsTwelveLatest) {
  std::string message = RejectionOf(SprintRows(20), "Sprint 99");
  EXPECT_NE(message.find("Sprint 20 (x), Sprint 19 (x)"), std::string::npos) << message;
  EXPECT_NE(message.find("Sprint 9 (x) and 8 older."), std::string::npos) << message;
  EXPECT_EQ(message.find("Sprint 8 (x)"), std::string::npos) << message;
}

}  // namespace
}  // namespace sprintetl::pipeline
