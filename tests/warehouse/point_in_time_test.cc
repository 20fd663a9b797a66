// Point-in-time joins of the fact models: each fact row gets the dimension
// version valid at its sprint's end instant, the earliest version when the
// sprint ended before the first one, and the later version at a boundary,
// because validity intervals are half-open.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "warehouse/star_harness.h"

namespace sprintetl::warehouse {
namespace {

using Json = nlohmann::json;
using testing::StageRows;
using testing::StarHarness;

// Sprints end at midnight Europe/Paris after their end_date, so at 23:00 UTC
// on end_date in winter: L1 at 2024-01-07 23:00, L2 at 2024-01-14 23:00,
// L3 at 2024-01-28 23:00 and L4 at 2024-02-11 23:00.
Json Sprint(const std::string& id, const std::string& start, const std::string& end) {
  return {{"list_id", id}, {"name", "Sprint " + id}, {"is_sprint", true},
          {"start_date", start}, {"end_date", end}};
}

// Customer C1 has three versions in one run. v2 starts exactly at L2's end.
StageRows HistoryRows() {
  StageRows rows;
  rows["stg_list"] = {Sprint("L1", "2024-01-01", "2024-01-07"),
                      Sprint("L2", "2024-01-08", "2024-01-14"),
                      Sprint("L3", "2024-01-15", "2024-01-28"),
                      Sprint("L4", "2024-01-29", "2024-02-11")};
  rows["stg_squad"] = {{{"squad_id", "SQA"}, {"name", "Alpha"}},
                       {{"squad_id", "SQB"}, {"name", "Beta"}}};
  rows["stg_customer"] = {
      {{"customer_id", "C1"}, {"name", "Acme v1"}, {"squad_id", "SQA"},
       {"source_updated_at", "2024-01-10T00:00:00Z"}, {"source_page", "page-1"}},
      {{"customer_id", "C1"}, {"name", "Acme v2"}, {"squad_id", "SQB"},
       {"source_updated_at", "2024-01-14T23:00:00Z"}, {"source_page", "page-2"}},
      {{"customer_id", "C1"}, {"name", "Acme v3"}, {"squad_id", "SQA"},
       {"source_updated_at", "2024-01-20T00:00:00Z"}, {"source_page", "page-3"}}};
  rows["stg_task"] = {{{"task_id", "T1"}, {"name", "Audit"}, {"customer_id", "C1"},
                       {"points", 3}},
                      {{"task_id", "T2"}, {"name", "Internal"}, {"points", 1}}};
  for (const char* list : {"L1", "L2", "L3", "L4"}) {
    rows["stg_task_list"].push_back({{"task_id", "T1"}, {"list_id", list}});
    rows["stg_task_list"].push_back({{"task_id", "T2"}, {"list_id", list}});
    rows["stg_customer_service"].push_back({{"sprint_id", list},
                                            {"customer_id", "C1"},
                                            {"service_id", "seo"},
                                            {"contracted_points", 4},
                                            {"delivered_points", 2}});
  }
  return rows;
}

class PointInTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto applied = harness_.Apply("r1", HistoryRows(), "2024-02-13 08:00:00", "L4");
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }

  StarHarness harness_;
};

TEST_F(PointInTimeTest, TaskFactTakesVersionAtSprintEnd) {
  EXPECT_EQ(harness_.Lines("SELECT f.sprint_id, c.name, f.squad_id, q.squad_id "
                           "FROM fat_task_sprint f "
                           "JOIN dim_customer c ON c.customer_key = f.customer_key "
                           "JOIN dim_squad q ON q.squad_key = f.squad_key "
                           "WHERE f.task_id = 'T1' ORDER BY f.sprint_id"),
            (std::vector<std::string>{"L1 | Acme v1 | SQA | SQA", "L2 | Acme v2 | SQB | SQB",
                                      "L3 | Acme v3 | SQA | SQA", "L4 | Acme v3 | SQA | SQA"}));
}

TEST_F(PointInTimeTest, TaskWithoutCustomerHasNoKeys) {
  EXPECT_EQ(harness_.Scalar("SELECT count(*) FROM fat_task_sprint WHERE task_id = 'T2' "
                            "AND customer_key IS NULL AND squad_key IS NULL"),
            "4");
}

TEST_F(PointInTimeTest, CustomerServiceFactTakesVersionAtSprintEnd) {
  EXPECT_EQ(harness_.Lines("SELECT f.sprint_id, c.name, f.squad_id "
                           "FROM fat_customer_service f "
                           "JOIN dim_customer c ON c.customer_key = f.customer_key "
                           "ORDER BY f.sprint_id"),
            (std::vector<std::string>{"L1 | Acme v1 | SQA", "L2 | Acme v2 | SQB",
                                      "L3 | Acme v3 | SQA", "L4 | Acme v3 | SQA"}));
}

TEST_F(PointInTimeTest, OneFactRowPerTaskAndSprint) {
  EXPECT_EQ(harness_.Scalar("SELECT count(*) FROM fat_task_sprint"), "8");
  EXPECT_EQ(harness_.Scalar("SELECT count(*) FROM fat_customer_service"), "4");
}

}  // namespace
}  // namespace sprintetl::warehouse
