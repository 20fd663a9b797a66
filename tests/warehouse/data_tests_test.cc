#include "build_info.h"
#include "warehouse/data_tests.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "warehouse/star_harness.h"

namespace sprintetl::warehouse {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::StageRows;
using testing::StarHarness;

const std::string kTestsDir = SPRINTETL_SOURCE_DIR "/sql/tests";
constexpr const char* kSnapshot = "2024-01-16 08:00:00";

// Two sprints, two customers, two squads, three tasks and one customer and
// service sum: enough rows for every check to have something to look at.
StageRows ValidRows() {
  StageRows rows;
  rows["stg_list"] = {{{"list_id", "L1"}, {"name", "Sprint 1"}, {"is_sprint", true},
                       {"start_date", "2024-01-01"}, {"end_date", "2024-01-14"}},
                      {{"list_id", "L2"}, {"name", "Sprint 2"}, {"is_sprint", true},
                       {"start_date", "2024-01-15"}, {"end_date", "2024-01-28"}}};
  rows["stg_squad"] = {{{"squad_id", "SQA"}, {"name", "Alpha"}, {"capacity_points", 20}},
                       {{"squad_id", "SQB"}, {"name", "Beta"}, {"capacity_points", 10}}};
  rows["stg_customer"] = {
      {{"customer_id", "C1"}, {"name", "Acme"}, {"squad_id", "SQA"}, {"contracted_points", 10}},
      {{"customer_id", "C2"}, {"name", "Globex"}, {"squad_id", "SQB"}}};
  rows["stg_task"] = {
      {{"task_id", "T1"}, {"status_type", "done"}, {"customer_id", "C1"}, {"points", 3}},
      {{"task_id", "T2"}, {"status_type", "custom"}, {"customer_id", "C2"}, {"points", 5}},
      {{"task_id", "T3"}, {"status_type", "open"}, {"points", 2}}};
  rows["stg_task_list"] = {{{"task_id", "T1"}, {"list_id", "L1"}},
                           {{"task_id", "T2"}, {"list_id", "L1"}},
                           {{"task_id", "T3"}, {"list_id", "L1"}}};
  rows["stg_customer_service"] = {{{"sprint_id", "L1"}, {"customer_id", "C1"},
                                   {"service_id", "seo"}, {"contract_value", 1200},
                                   {"contracted_points", 4.6}, {"delivered_points", 3}},
                                  {{"sprint_id", "L1"}, {"customer_id", "C2"},
                                   {"service_id", "ads"}, {"delivered_points", 1.25}}};
  return rows;
}

Result<std::vector<DataTestResult>> RunAll(StarHarness& harness) {
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<DataTest> tests,
                             LoadDataTests(kTestsDir, {"r1", "L1", kSnapshot, "Europe/Paris"}));
  return RunDataTests(harness.warehouse(), tests);
}

TEST(DataTestsTest, ValidStarPassesEveryCheck) {
  StarHarness harness;
  auto applied = harness.Apply("r1", ValidRows(), kSnapshot, "L1");
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  ASSERT_EQ(harness.Scalar("SELECT count(*) FROM fat_customer_service"), "2");

  auto results = RunAll(harness);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_EQ(results->size(), 7u);
  for (const DataTestResult& result : *results) {
    EXPECT_TRUE(result.passed()) << result.name << ": " << result.examples.front();
  }
  EXPECT_TRUE(DataTestFailures(*results).ok());
}

struct BrokenCase {
  std::string name;          // a label for the test output
  std::string corruption;    // SQL run against a valid star
  std::string failing_test;  // the one check expected to fail
  std::string problem;       // text expected in its first offending row
  std::set<std::string> also_failing = {};  // checks the same breakage trips by necessity
};

// Prints a case by its label and expected check, so a failure does not show a byte dump.
void PrintTo(const BrokenCase& test, std::ostream* out) {
  *out << test.name << " (expects " << test.failing_test << " to fail)";
}

TEST(BrokenCaseTest, PrintsLabelAndCheck) {
  BrokenCase test{"NoCurrentRow", "UPDATE dim_customer SET is_current = false",
                  "020_one_current_version", "without exactly one current row"};
  EXPECT_EQ(::testing::PrintToString(test),
            "NoCurrentRow (expects 020_one_current_version to fail)");
}

class DataTestCatchesTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(DataTestCatchesTest, OnlyTheMatchingCheckFails) {
  const BrokenCase& test = GetParam();
  StarHarness harness;
  ASSERT_TRUE(harness.Apply("r1", ValidRows(), kSnapshot, "L1").ok());
  Status corrupted = harness.warehouse().Execute(test.corruption);
  ASSERT_TRUE(corrupted.ok()) << corrupted.ToString();

  auto results = RunAll(harness);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  for (const DataTestResult& result : *results) {
    if (result.name == test.failing_test) {
      EXPECT_FALSE(result.passed()) << result.name;
      ASSERT_FALSE(result.examples.empty());

      // A check can report one broken row for several reasons, in no set order.
      bool problem_listed = false;
      for (const std::string& example : result.examples) {
        problem_listed = problem_listed || example.find(test.problem) != std::string::npos;
      }
      EXPECT_TRUE(problem_listed) << result.examples.front();
    } else if (!test.also_failing.count(result.name)) {
      EXPECT_TRUE(result.passed()) << result.name << " also failed: " << result.examples.front();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DataTestCatchesTest,
    ::testing::Values(
        BrokenCase{"DuplicateCustomerKey",
                   "INSERT INTO dim_customer (customer_key, customer_id, attr_hash, valid_from, "
                   "is_current, is_deleted) VALUES (90, 'C8', 'x', TIMESTAMP '2024-01-01', true, "
                   "false), (90, 'C9', 'x', TIMESTAMP '2024-01-01', true, false)",
                   "010_unique_surrogate_keys", "customer_key used by more than one row"},
        BrokenCase{"DuplicateSquadKey",
                   "INSERT INTO dim_squad (squad_key, squad_id, attr_hash, valid_from, "
                   "is_current, is_deleted) VALUES (90, 'SQ8', 'x', TIMESTAMP '2024-01-01', true, "
                   "false), (90, 'SQ9', 'x', TIMESTAMP '2024-01-01', true, false)",
                   "010_unique_surrogate_keys", "squad_key used by more than one row"},
        BrokenCase{"NoCurrentRow",
                   "UPDATE dim_customer SET is_current = false WHERE customer_id = 'C1'",
                   "020_one_current_version", "without exactly one current row"},
        BrokenCase{"TwoCurrentRows",
                   "INSERT INTO dim_squad (squad_key, squad_id, name, attr_hash, valid_from, "
                   "valid_to, is_current, is_deleted) SELECT 90, squad_id, name, attr_hash, "
                   "valid_from - INTERVAL 5 DAY, NULL, true, false FROM dim_squad "
                   "WHERE squad_id = 'SQA'",
                   "020_one_current_version", "without exactly one current row",
                   {"030_contiguous_validity"}},
        BrokenCase{"GapBeforeNextVersion",
                   "INSERT INTO dim_customer (customer_key, customer_id, name, attr_hash, "
                   "valid_from, valid_to, is_current, is_deleted) VALUES (90, 'C1', 'Old', 'x', "
                   "TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-10', false, false)",
                   "030_contiguous_validity", "gap before the next version"},
        BrokenCase{"OverlapWithNextVersion",
                   "INSERT INTO dim_customer (customer_key, customer_id, name, attr_hash, "
                   "valid_from, valid_to, is_current, is_deleted) VALUES (90, 'C1', 'Old', 'x', "
                   "TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-20', false, false)",
                   "030_contiguous_validity", "overlaps the next version"},
        BrokenCase{"EmptyInterval",
                   "INSERT INTO dim_customer (customer_key, customer_id, name, attr_hash, "
                   "valid_from, valid_to, is_current, is_deleted) VALUES (90, 'C1', 'Old', 'x', "
                   "TIMESTAMP '2024-01-10', TIMESTAMP '2024-01-10', false, false)",
                   "030_contiguous_validity", "empty or reversed interval"},
        BrokenCase{"DeletedWithoutReason",
                   "UPDATE dim_customer SET is_deleted = true WHERE customer_id = 'C2'",
                   "030_contiguous_validity", "deleted flag and deleted_reason disagree"},
        BrokenCase{"FactCustomerKeyMissing",
                   "UPDATE fat_task_sprint SET customer_key = 999 WHERE task_id = 'T1'",
                   "040_fact_keys_in_dimensions", "customer_key not in dim_customer"},
        BrokenCase{"FactSquadKeyOfOtherSquad",
                   "UPDATE fat_task_sprint SET squad_key = (SELECT squad_key FROM dim_squad "
                   "WHERE squad_id = 'SQB') WHERE task_id = 'T1'",
                   "040_fact_keys_in_dimensions", "squad_key not in dim_squad"},
        BrokenCase{"FactServiceMissing",
                   "DELETE FROM dim_service WHERE service_id = 'ads'",
                   "040_fact_keys_in_dimensions", "service_id not in dim_service"},
        BrokenCase{"FactTaskMissing", "DELETE FROM dim_task WHERE task_id = 'T3'",
                   "040_fact_keys_in_dimensions", "task_id not in dim_task"},
        BrokenCase{"FactTaskKeyOfOtherTask",
                   "UPDATE fat_task_sprint SET task_key = (SELECT task_key FROM dim_task "
                   "WHERE task_id = 'T2') WHERE task_id = 'T1'",
                   "040_fact_keys_in_dimensions", "task_key not in dim_task or of another task"},
        BrokenCase{"TaskWithoutKey", "UPDATE dim_task SET task_key = NULL WHERE task_id = 'T3'",
                   "010_unique_surrogate_keys", "surrogate key missing",
                   {"040_fact_keys_in_dimensions"}},
        BrokenCase{"TaskTwoCurrentRows",
                   "INSERT INTO dim_task (task_key, task_id, attr_hash, valid_from, is_current, "
                   "is_deleted) SELECT 90, task_id, 'x', valid_from - INTERVAL 5 DAY, true, false "
                   "FROM dim_task WHERE task_id = 'T1'",
                   "020_one_current_version", "without exactly one current row",
                   {"030_contiguous_validity"}},
        BrokenCase{"DuplicateFactRow",
                   "INSERT INTO fat_task_sprint SELECT * FROM fat_task_sprint "
                   "WHERE task_id = 'T3'",
                   "050_fact_grain_unique", "more than one row for a task in a sprint"},
        BrokenCase{"NegativeTaskPoints",
                   "UPDATE fat_task_sprint SET points = -1 WHERE task_id = 'T3'",
                   "060_no_negative_points", "row_id=L1/T3"},
        BrokenCase{"NegativeCapacity",
                   "UPDATE dim_squad SET capacity_points = -5 WHERE squad_id = 'SQB'",
                   "060_no_negative_points", "negative capacity_points"},
        BrokenCase{"FactSumDiffersFromStage",
                   "UPDATE fat_customer_service SET delivered_points = delivered_points + 1, "
                   "points_balance = points_balance - 1 WHERE customer_id = 'C1'",
                   "070_customer_service_sums", "delivered_points=5.25 vs 4.25"},
        BrokenCase{"FactRowWithoutStageRow",
                   "DELETE FROM stg_customer_service WHERE customer_id = 'C2'",
                   "070_customer_service_sums", "row_counts=2 vs 1"}),
    [](const ::testing::TestParamInfo<BrokenCase>& info) { return info.param.name; });

TEST(DataTestsTest, FailureMessageShowsFiveRows) {
  StarHarness harness;
  StageRows rows = ValidRows();
  for (int i = 0; i < 8; ++i) {
    std::string id = "N" + std::to_string(i);
    rows["stg_task"].push_back({{"task_id", id}, {"status_type", "open"}, {"points", -1 - i}});
    rows["stg_task_list"].push_back({{"task_id", id}, {"list_id", "L1"}});
  }
  auto failed = harness.Apply("r1", rows, kSnapshot, "L1");
  ASSERT_FALSE(failed.ok());
  const std::string& message = failed.status().message();
  EXPECT_EQ(failed.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(message.find("data test 060_no_negative_points failed with 16 offending rows"),
            std::string::npos)
      << message;
  size_t shown = 0;
  for (size_t at = message.find("\n  "); at != std::string::npos;
       at = message.find("\n  ", at + 1)) {
    ++shown;
  }
  EXPECT_EQ(shown, 5u) << message;
  EXPECT_NE(message.find("rolled back"), std::string::npos) << message;
}

TEST(DataTestsTest, FailingCheckRollsBackTheRun) {
  StarHarness harness;
  ASSERT_TRUE(harness.Apply("r1", ValidRows(), kSnapshot, "L1").ok());
  auto before = harness.Dump();

  StageRows rows = ValidRows();
  rows["stg_customer"][0]["name"] = "Acme Corp";
  rows["stg_task"][0]["points"] = -3;
  auto failed = harness.Apply("r2", rows, "2024-01-30 08:00:00", "L2");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("060_no_negative_points"), std::string::npos);
  EXPECT_NE(failed.status().message().find("row_id=T1"), std::string::npos)
      << failed.status().message();
  EXPECT_EQ(harness.Dump(), before);
}

TEST(DataTestsTest, LoadRejectsBadFiles) {
  fs::path dir = fs::temp_directory_path() / ("sprintetl-checks-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ModelParams params{"r1", "L1", kSnapshot, "UTC"};

  EXPECT_EQ(LoadDataTests(dir.string(), params).status().code(), StatusCode::kNotFound);

  std::ofstream(dir / "010_two.sql") << "SELECT 1 AS problem;\nSELECT 2 AS problem;\n";
  auto two = LoadDataTests(dir.string(), params);
  EXPECT_EQ(two.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(two.status().message().find("010_two.sql"), std::string::npos);

  fs::remove(dir / "010_two.sql");
  std::ofstream(dir / "020_typo.sql") << "SELECT {{ run }} AS problem\n";
  auto typo = LoadDataTests(dir.string(), params);
  EXPECT_EQ(typo.status().code(), StatusCode::kInvalidArgument);

  fs::remove(dir / "020_typo.sql");
  std::ofstream(dir / "030_run.sql")
      << "-- names the run\nSELECT 'x' AS problem, {{ run_id }} AS run;\n";
  auto rendered = LoadDataTests(dir.string(), params);
  ASSERT_TRUE(rendered.ok()) << rendered.status().ToString();
  EXPECT_EQ(rendered->at(0).name, "030_run");
  EXPECT_EQ(rendered->at(0).sql.back(), 'n');
  fs::remove_all(dir);
}

TEST(DataTestsTest, BrokenQueryIsAnError) {
  StarHarness harness;
  auto results = RunDataTests(harness.warehouse(), {{"999_broken", "SELECT * FROM no_such_table"}});
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("999_broken"), std::string::npos);
}

}  // namespace
}  // namespace sprintetl::warehouse
