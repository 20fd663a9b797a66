// dim_member, dim_service and dim_task under the generic SCD step: type 1
// by default (one row per key, changed in place), SCD type 2 when listed as
// historied, with the facts taking the version valid at the sprint's end.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "warehouse/star_harness.h"

namespace sprintetl::warehouse {
namespace {

using Json = nlohmann::json;
using testing::StageRows;
using testing::StarHarness;

constexpr const char* kS1 = "2024-01-16 08:00:00";
constexpr const char* kS2 = "2024-01-30 08:00:00";
constexpr const char* kS3 = "2024-02-13 08:00:00";
constexpr const char* kS4 = "2024-02-27 08:00:00";

StageRows Members(std::vector<std::pair<std::string, std::string>> members) {
  StageRows rows;
  for (const auto& [id, username] : members) {
    rows["stg_member"].push_back({{"member_id", id}, {"username", username}});
  }
  return rows;
}

// Sprint L1 ends 2024-01-14 23:00 UTC and L2 2024-01-28 23:00 UTC.
StageRows Tasks(const std::string& status, const std::string& updated_at) {
  StageRows rows;
  rows["stg_list"] = {{{"list_id", "L1"}, {"is_sprint", true}, {"start_date", "2024-01-01"},
                       {"end_date", "2024-01-14"}},
                      {{"list_id", "L2"}, {"is_sprint", true}, {"start_date", "2024-01-15"},
                       {"end_date", "2024-01-28"}}};
  rows["stg_task"] = {{{"task_id", "T1"}, {"name", "Audit"}, {"status", status},
                       {"updated_at", updated_at}, {"service_ids", {"seo"}}}};
  rows["stg_task_list"] = {{{"task_id", "T1"}, {"list_id", "L1"}},
                           {{"task_id", "T1"}, {"list_id", "L2"}}};
  rows["stg_customer_service"] = {
      {{"sprint_id", "L1"}, {"customer_id", "C1"}, {"service_id", "seo"}},
      {{"sprint_id", "L2"}, {"customer_id", "C1"}, {"service_id", "seo"}}};
  return rows;
}

std::vector<std::string> MemberVersions(StarHarness& harness) {
  return harness.Lines(
      "SELECT member_key, member_id, username, strftime(valid_from, '%m-%d'), "
      "coalesce(strftime(valid_to, '%m-%d'), '-'), is_current, "
      "coalesce(deleted_reason, '-') FROM dim_member ORDER BY member_id, valid_from");
}

void ApplyOk(StarHarness& harness, const std::string& run_id, const StageRows& rows,
             const std::string& snapshot, const std::string& sprint_id = "") {
  auto applied = harness.Apply(run_id, rows, snapshot, sprint_id);
  ASSERT_TRUE(applied.ok()) << run_id << ": " << applied.status().ToString();
}

TEST(HistoriedDimsTest, TypeOneMemberChangesInPlace) {
  StarHarness harness;
  ApplyOk(harness, "r1", Members({{"M1", "ana"}}), kS1);
  ApplyOk(harness, "r2", Members({{"M1", "anna"}}), kS2);
  ApplyOk(harness, "r3", Members({{"M2", "bo"}}), kS3);
  EXPECT_EQ(MemberVersions(harness),
            (std::vector<std::string>{"1 | M1 | anna | 01-16 | - | true | -",
                                      "2 | M2 | bo | 02-13 | - | true | -"}));
}

TEST(HistoriedDimsTest, HistoriedMemberKeepsVersions) {
  StarHarness harness;
  harness.set_historied({"member"});
  ApplyOk(harness, "r1", Members({{"M1", "ana"}}), kS1);
  ApplyOk(harness, "r2", Members({{"M1", " anna "}}), kS2);
  ApplyOk(harness, "r3", Members({{"M2", "bo"}}), kS3);
  ApplyOk(harness, "r4", Members({{"M1", "anna"}, {"M2", "bo"}}), kS4);
  EXPECT_EQ(MemberVersions(harness),
            (std::vector<std::string>{"1 | M1 | ana | 01-16 | 01-30 | false | -",
                                      "2 | M1 | anna | 01-30 | 02-13 | false | -",
                                      "3 | M1 | anna | 02-13 | 02-27 | false | missing",
                                      "5 | M1 | anna | 02-27 | - | true | -",
                                      "4 | M2 | bo | 02-13 | - | true | -"}));
}

TEST(HistoriedDimsTest, UnchangedRerunAddsNoVersion) {
  StarHarness harness;
  harness.set_historied({"member", "task", "service"});
  StageRows rows = Tasks("open", "2024-01-05T10:00:00Z");
  rows["stg_member"] = Members({{"M1", "ana"}})["stg_member"];
  ApplyOk(harness, "r1", rows, kS1, "L1");
  const std::vector<std::string> queries = {"SELECT * FROM dim_member ORDER BY member_key",
                                            "SELECT * FROM dim_task ORDER BY task_key",
                                            "SELECT * FROM dim_service ORDER BY service_key"};
  std::vector<std::vector<std::string>> before;
  for (const std::string& query : queries) before.push_back(harness.Lines(query));

  ApplyOk(harness, "r2", rows, kS2, "L1");
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(harness.Lines(queries[i]), before[i]) << queries[i];
  }
}

TEST(HistoriedDimsTest, HistoriedTaskStartsAtUpdateTime) {
  StarHarness harness;
  harness.set_historied({"task"});
  ApplyOk(harness, "r1", Tasks("open", "2024-01-05T10:00:00Z"), kS1, "L1");
  ApplyOk(harness, "r2", Tasks("done", "2024-01-20T10:00:00Z"), kS2, "L2");
  EXPECT_EQ(harness.Lines("SELECT task_key, status, strftime(valid_from, '%m-%d %H'), "
                          "coalesce(strftime(valid_to, '%m-%d %H'), '-') FROM dim_task "
                          "ORDER BY valid_from"),
            (std::vector<std::string>{"1 | open | 01-05 10 | 01-20 10",
                                      "2 | done | 01-20 10 | -"}));
  EXPECT_EQ(harness.Lines("SELECT sprint_id, task_key FROM fat_task_sprint ORDER BY sprint_id"),
            (std::vector<std::string>{"L1 | 1", "L2 | 2"}));
}

TEST(HistoriedDimsTest, RebuiltSprintKeepsTaskVersionAtItsEnd) {
  StarHarness harness;
  harness.set_historied({"task"});
  ApplyOk(harness, "r1", Tasks("open", "2024-01-05T10:00:00Z"), kS1, "L1");
  ApplyOk(harness, "r2", Tasks("done", "2024-01-20T10:00:00Z"), kS2, "L1");
  EXPECT_EQ(harness.Scalar("SELECT task_key FROM fat_task_sprint WHERE sprint_id = 'L1'"), "1");
}

TEST(HistoriedDimsTest, TypeOneTaskKeepsOneRow) {
  StarHarness harness;
  ApplyOk(harness, "r1", Tasks("open", "2024-01-05T10:00:00Z"), kS1, "L1");
  ApplyOk(harness, "r2", Tasks("done", "2024-01-20T10:00:00Z"), kS2, "L2");
  EXPECT_EQ(harness.Lines("SELECT task_key, status, is_current FROM dim_task"),
            (std::vector<std::string>{"1 | done | true"}));
  EXPECT_EQ(harness.Lines("SELECT sprint_id, task_key FROM fat_task_sprint ORDER BY sprint_id"),
            (std::vector<std::string>{"L1 | 1", "L2 | 1"}));
}

TEST(HistoriedDimsTest, HistoriedTaskMissingIsClosed) {
  StarHarness harness;
  harness.set_historied({"task"});
  ApplyOk(harness, "r1", Tasks("open", "2024-01-05T10:00:00Z"), kS1, "L1");
  StageRows other = Tasks("open", "2024-01-05T10:00:00Z");
  other["stg_task"][0]["task_id"] = "T2";
  other["stg_task_list"] = {{{"task_id", "T2"}, {"list_id", "L2"}}};
  ApplyOk(harness, "r2", other, kS2, "L2");
  EXPECT_EQ(harness.Lines("SELECT task_id, is_current, is_deleted, coalesce(deleted_reason, '-') "
                          "FROM dim_task ORDER BY task_id, valid_from"),
            (std::vector<std::string>{"T1 | false | false | -", "T1 | true | true | missing",
                                      "T2 | true | false | -"}));
}

TEST(HistoriedDimsTest, ServiceFactCarriesServiceKey) {
  StarHarness harness;
  harness.set_historied({"service"});
  ApplyOk(harness, "r1", Tasks("open", "2024-01-05T10:00:00Z"), kS2, "L2");
  EXPECT_EQ(harness.Lines("SELECT f.sprint_id, v.service_id FROM fat_customer_service f "
                          "JOIN dim_service v ON v.service_key = f.service_key "
                          "ORDER BY f.sprint_id"),
            (std::vector<std::string>{"L1 | seo", "L2 | seo"}));
}

}  // namespace
}  // namespace sprintetl::warehouse
