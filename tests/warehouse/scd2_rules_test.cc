// Table-driven cases for the SCD type 2 rules of dim_customer and dim_squad:
// each case applies a few runs of hand-made stage rows (models and data
// tests together, as the pipeline does) and compares the full version list.
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

// A stg_customer row; `changed_at` empty means the source gave no change time.
Json Customer(const std::string& id, const std::string& name, const std::string& changed_at = "",
              Json extra = Json::object()) {
  Json row = {{"customer_id", id}, {"name", name}};
  if (!changed_at.empty()) row["source_updated_at"] = changed_at;
  for (auto& [key, value] : extra.items()) row[key] = value;
  return row;
}

Json Archived(const std::string& id, const std::string& name, const std::string& changed_at) {
  return Customer(id, name, changed_at, {{"is_archived", true}});
}

Json Squad(const std::string& id, const std::string& name, int capacity,
           const std::string& page = "page-1") {
  return {{"squad_id", id}, {"name", name}, {"capacity_points", capacity}, {"source_page", page}};
}

struct RunInput {
  std::string run_id;
  std::string snapshot_at;
  std::vector<Json> customers;
  std::vector<Json> squads;
};

struct Scd2Case {
  std::string name;
  std::vector<RunInput> runs;
  std::vector<std::string> customer_versions;
  std::vector<std::string> squad_versions;
};

std::vector<Scd2Case> Cases() {
  return {
      {"NewCustomerStartsAtSourceTime",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}}},
       {"C1 Acme 2024-01-10 00:00.. current"}},
      {"UnknownChangeTimeStartsAtSnapshot",
       {{"r1", kS1, {Customer("C1", "Acme")}}},
       {"C1 Acme 2024-01-16 08:00.. current"}},
      {"ChangeTimeAfterSnapshotIsCapped",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-03-01T00:00:00Z")}}},
       {"C1 Acme 2024-01-16 08:00.. current"}},
      {"UnchangedRerunAddsNothing",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}},
        {"r2", kS2, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}},
        {"r3", kS3, {Customer("C1", "Acme")}}},
       {"C1 Acme 2024-01-10 00:00.. current"}},
      {"NullBlankAndOrderHashAlike",
       {{"r1", kS1,
         {Customer("C1", "Acme", "", {{"domain", ""}, {"services", {"seo", "ads"}}}),
          Customer("C2", "Globex", "", {{"owner_id", nullptr}})}},
        {"r2", kS2,
         {Customer("C1", " Acme ", "",
                   {{"domain", nullptr}, {"services", {"ads", "seo", "ads", " "}}}),
          Customer("C2", "Globex", "", {{"owner_id", "  "}, {"services", Json::array()}})}}},
       {"C1 Acme 2024-01-16 08:00.. current", "C2 Globex 2024-01-16 08:00.. current"}},
      {"ChangeStartsVersionAtSourceTime",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}},
        {"r2", kS2, {Customer("C1", "Acme Corp", "2024-01-20T00:00:00Z")}}},
       {"C1 Acme 2024-01-10 00:00..2024-01-20 00:00",
        "C1 Acme Corp 2024-01-20 00:00.. current"}},
      {"ChangeWithoutTimeStartsAtSnapshot",
       {{"r1", kS1, {Customer("C1", "Acme")}},
        {"r2", kS2, {Customer("C1", "Acme", "", {{"squad_id", "SQB"}})}}},
       {"C1 Acme 2024-01-16 08:00..2024-01-30 08:00", "C1 Acme 2024-01-30 08:00.. current"}},
      {"SeveralChangesInOneRunKeptInOrder",
       {{"r1", kS1,
         {Customer("C1", "A", "2024-01-02T00:00:00Z"), Customer("C1", "B", "2024-01-05T00:00:00Z"),
          Customer("C1", "C", "2024-01-09T00:00:00Z")}}},
       {"C1 A 2024-01-02 00:00..2024-01-05 00:00", "C1 B 2024-01-05 00:00..2024-01-09 00:00",
        "C1 C 2024-01-09 00:00.. current"}},
      {"RowOrderDoesNotMatter",
       {{"r1", kS1,
         {Customer("C1", "C", "2024-01-09T00:00:00Z", {{"source_page", "page-1"}}),
          Customer("C1", "A", "2024-01-02T00:00:00Z", {{"source_page", "page-3"}}),
          Customer("C1", "B", "2024-01-05T00:00:00Z", {{"source_page", "page-2"}})}}},
       {"C1 A 2024-01-02 00:00..2024-01-05 00:00", "C1 B 2024-01-05 00:00..2024-01-09 00:00",
        "C1 C 2024-01-09 00:00.. current"}},
      {"SeveralChangesAfterEarlierRun",
       {{"r1", kS1, {Customer("C1", "A", "2024-01-10T00:00:00Z")}},
        {"r2", kS2,
         {Customer("C1", "B", "2024-01-20T00:00:00Z"),
          Customer("C1", "C", "2024-01-25T00:00:00Z")}}},
       {"C1 A 2024-01-10 00:00..2024-01-20 00:00", "C1 B 2024-01-20 00:00..2024-01-25 00:00",
        "C1 C 2024-01-25 00:00.. current"}},
      {"SameInstantLastPageWins",
       {{"r1", kS1,
         {Customer("C1", "Beta", "2024-01-05T00:00:00Z", {{"source_page", "page-2"}}),
          Customer("C1", "Alpha", "2024-01-05T00:00:00Z", {{"source_page", "page-1"}})}}},
       {"C1 Beta 2024-01-05 00:00.. current"}},
      {"SameInstantArchiveWinsOnOnePage",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}},
        {"r2", kS2,
         {Customer("C1", "Acme", "2024-01-20T00:00:00Z"),
          Archived("C1", "Acme", "2024-01-20T00:00:00Z")}}},
       {"C1 Acme 2024-01-10 00:00..2024-01-20 00:00",
        "C1 Acme 2024-01-20 00:00.. current deleted:archived"}},
      {"ReturnToEarlierStateIsAVersion",
       {{"r1", kS1,
         {Customer("C1", "A", "2024-01-02T00:00:00Z"), Customer("C1", "B", "2024-01-05T00:00:00Z"),
          Customer("C1", "A", "2024-01-09T00:00:00Z")}}},
       {"C1 A 2024-01-02 00:00..2024-01-05 00:00", "C1 B 2024-01-05 00:00..2024-01-09 00:00",
        "C1 A 2024-01-09 00:00.. current"}},
      {"RepeatedStateCollapses",
       {{"r1", kS1,
         {Customer("C1", "A", "2024-01-02T00:00:00Z"), Customer("C1", "A", "2024-01-05T00:00:00Z"),
          Customer("C1", "B", "2024-01-09T00:00:00Z")}}},
       {"C1 A 2024-01-02 00:00..2024-01-09 00:00", "C1 B 2024-01-09 00:00.. current"}},
      {"ArchivedClosesWithReason",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}},
        {"r2", kS2, {Archived("C1", "Acme", "2024-01-25T00:00:00Z")}},
        {"r3", kS3, {Archived("C1", "Acme", "2024-01-25T00:00:00Z")}}},
       {"C1 Acme 2024-01-10 00:00..2024-01-25 00:00",
        "C1 Acme 2024-01-25 00:00.. current deleted:archived"}},
      {"MissingClosesWithReason",
       {{"r1", kS1, {Customer("C1", "Acme"), Customer("C2", "Globex")}},
        {"r2", kS2, {Customer("C1", "Acme")}},
        {"r3", kS3, {Customer("C1", "Acme")}}},
       {"C1 Acme 2024-01-16 08:00.. current", "C2 Globex 2024-01-16 08:00..2024-01-30 08:00",
        "C2 Globex 2024-01-30 08:00.. current deleted:missing"}},
      {"RunWithoutCustomersKeepsThem",
       {{"r1", kS1, {Customer("C1", "Acme")}}, {"r2", kS2, {}}},
       {"C1 Acme 2024-01-16 08:00.. current"}},
      {"MissingCustomerReopens",
       {{"r1", kS1, {Customer("C1", "Acme"), Customer("C2", "Globex")}},
        {"r2", kS2, {Customer("C1", "Acme")}},
        {"r3", kS3, {Customer("C1", "Acme"), Customer("C2", "Globex")}}},
       {"C1 Acme 2024-01-16 08:00.. current", "C2 Globex 2024-01-16 08:00..2024-01-30 08:00",
        "C2 Globex 2024-01-30 08:00..2024-02-13 08:00 deleted:missing",
        "C2 Globex 2024-02-13 08:00.. current"}},
      {"ArchivedCustomerReopensAtSourceTime",
       {{"r1", kS1, {Customer("C1", "Acme", "2024-01-10T00:00:00Z")}},
        {"r2", kS2, {Archived("C1", "Acme", "2024-01-25T00:00:00Z")}},
        {"r3", kS3, {Customer("C1", "Acme", "2024-02-10T00:00:00Z")}}},
       {"C1 Acme 2024-01-10 00:00..2024-01-25 00:00",
        "C1 Acme 2024-01-25 00:00..2024-02-10 00:00 deleted:archived",
        "C1 Acme 2024-02-10 00:00.. current"}},
      {"EventsBeforeCurrentVersionAreSkipped",
       {{"r1", kS1, {Customer("C1", "A", "2024-01-10T00:00:00Z")}},
        {"r2", kS2,
         {Customer("C1", "Old", "2024-01-05T00:00:00Z"),
          Customer("C1", "B", "2024-01-20T00:00:00Z")}}},
       {"C1 A 2024-01-10 00:00..2024-01-20 00:00", "C1 B 2024-01-20 00:00.. current"}},
      {"OnlyOlderEventsApplyAtSnapshot",
       {{"r1", kS1, {Customer("C1", "A", "2024-01-10T00:00:00Z")}},
        {"r2", kS2, {Customer("C1", "B", "2024-01-05T00:00:00Z")}}},
       {"C1 A 2024-01-10 00:00..2024-01-30 08:00", "C1 B 2024-01-30 08:00.. current"}},
      {"SameSnapshotRerunCorrectsInPlace",
       {{"r1", kS1, {Customer("C1", "A"), Customer("C2", "Globex")}},
        {"r1", kS1, {Customer("C1", "B")}}},
       {"C1 B 2024-01-16 08:00.. current", "C2 Globex 2024-01-16 08:00.. current deleted:missing"}},
      {"SquadChangeMissingAndReturn",
       {{"r1", kS1, {}, {Squad("SQA", "Alpha", 20), Squad("SQB", "Beta", 10)}},
        {"r2", kS2, {}, {Squad("SQA", "Alpha", 25)}},
        {"r3", kS3, {}, {Squad("SQA", "Alpha", 25), Squad("SQB", "Beta", 10)}}},
       {},
       {"SQA Alpha 2024-01-16 08:00..2024-01-30 08:00", "SQA Alpha 2024-01-30 08:00.. current",
        "SQB Beta 2024-01-16 08:00..2024-01-30 08:00",
        "SQB Beta 2024-01-30 08:00..2024-02-13 08:00 deleted:missing",
        "SQB Beta 2024-02-13 08:00.. current"}},
      {"SquadDuplicateRowsLastPageWins",
       {{"r1", kS1, {}, {Squad("SQA", "Second", 20, "page-2"), Squad("SQA", "First", 20)}}},
       {},
       {"SQA Second 2024-01-16 08:00.. current"}},
      {"SquadRunWithoutSquadsKeepsThem",
       {{"r1", kS1, {}, {Squad("SQA", "Alpha", 20)}}, {"r2", kS2, {}, {}}},
       {},
       {"SQA Alpha 2024-01-16 08:00.. current"}},
      {"SquadSameSnapshotRerunCorrectsInPlace",
       {{"r1", kS1, {}, {Squad("SQA", "Alpha", 20)}}, {"r1", kS1, {}, {Squad("SQA", "Alfa", 20)}}},
       {},
       {"SQA Alfa 2024-01-16 08:00.. current"}},
  };
}

// Prints a case by its name and run count, so a failure does not show a byte dump.
void PrintTo(const Scd2Case& test, std::ostream* out) {
  *out << test.name << " (runs=" << test.runs.size() << ")";
}

TEST(Scd2CaseTest, PrintsNameAndRunCount) {
  EXPECT_EQ(::testing::PrintToString(Cases().front()), "NewCustomerStartsAtSourceTime (runs=1)");
}

class Scd2RulesTest : public ::testing::TestWithParam<Scd2Case> {};

TEST_P(Scd2RulesTest, VersionsMatch) {
  const Scd2Case& test = GetParam();
  StarHarness harness;
  for (const RunInput& run : test.runs) {
    StageRows rows;
    if (!run.customers.empty()) rows["stg_customer"] = run.customers;
    if (!run.squads.empty()) rows["stg_squad"] = run.squads;
    auto applied = harness.Apply(run.run_id, rows, run.snapshot_at);
    ASSERT_TRUE(applied.ok()) << run.run_id << ": " << applied.status().ToString();
  }
  EXPECT_EQ(harness.CustomerVersions(), test.customer_versions);
  EXPECT_EQ(harness.SquadVersions(), test.squad_versions);
  EXPECT_EQ(harness.Scalar("SELECT count(*) = count(DISTINCT customer_key) FROM dim_customer"),
            "true");
}

INSTANTIATE_TEST_SUITE_P(Cases, Scd2RulesTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Scd2Case>& info) {
                           return info.param.name;
                         });

// Two rows of one customer at the same instant on the same page differ only
// in content; either load order must give the same single version.
TEST(Scd2TieBreakTest, SameInstantSamePageIgnoresLoadOrder) {
  const Json x = Customer("C1", "X", "2024-01-05T00:00:00Z");
  const Json y = Customer("C1", "Y", "2024-01-05T00:00:00Z");
  StarHarness forward;
  ASSERT_TRUE(forward.Apply("r1", {{"stg_customer", {x, y}}}, kS1).ok());
  StarHarness backward;
  ASSERT_TRUE(backward.Apply("r1", {{"stg_customer", {y, x}}}, kS1).ok());

  EXPECT_EQ(forward.CustomerVersions().size(), 1u);
  EXPECT_EQ(forward.CustomerVersions(), backward.CustomerVersions());
}

// Surrogate keys of a run follow (customer_id, valid_from), so a customer's
// seeded history gets increasing keys in time order.
TEST(Scd2TieBreakTest, KeysFollowTimeOrder) {
  StarHarness harness;
  ASSERT_TRUE(harness
                  .Apply("r1",
                         {{"stg_customer",
                           {Customer("C1", "B", "2024-01-05T00:00:00Z"),
                            Customer("C1", "A", "2024-01-02T00:00:00Z")}}},
                         kS1)
                  .ok());
  EXPECT_EQ(harness.Lines("SELECT customer_key || ' ' || name FROM dim_customer ORDER BY 1"),
            (std::vector<std::string>{"1 A", "2 B"}));
}

// A pre-existing current version at the snapshot's own instant is corrected
// in place, so its surrogate key (and the facts pointing at it) stay valid.
TEST(Scd2TieBreakTest, InPlaceCorrectionKeepsKey) {
  StarHarness harness;
  ASSERT_TRUE(harness.Apply("r1", {{"stg_customer", {Customer("C1", "A")}}}, kS1).ok());
  std::string key = harness.Scalar("SELECT customer_key FROM dim_customer");
  ASSERT_TRUE(harness.Apply("r1", {{"stg_customer", {Customer("C1", "B")}}}, kS1).ok());
  EXPECT_EQ(harness.Scalar("SELECT customer_key || ' ' || name FROM dim_customer"), key + " B");
}

}  // namespace
}  // namespace sprintetl::warehouse
