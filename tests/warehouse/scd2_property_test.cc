// Property tests of SCD type 2 history. dim_customer: random sequences of
// runs (changes, several changes in one run, same-instant rows, archive,
// disappearance, return, unchanged rows) on a few customers. After every run
// the data tests must pass, each customer's current version must equal the
// state of its last stage row, closed history must never change, and a
// rerun of the same run must add nothing. The seed is fixed, so a failure
// reproduces; the message names the customer, the run and its rows.
// dim_member, historied through the generic SCD step: random sequences of
// renames, disappearances, returns and duplicate rows, with the same checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "build_info.h"
#include "core/time_format.h"
#include "warehouse/star_harness.h"

namespace sprintetl::warehouse {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::StageRows;
using testing::StarHarness;

constexpr int kSequences = 200;
constexpr int kRunsPerSequence = 6;
const std::vector<std::string> kKeys = {"C1", "C2", "C3"};
const std::vector<std::string> kNames = {"Acme", "Globex", "Initech"};

struct ExpectedState {
  std::string name;
  bool deleted = false;
  std::string reason;  // "archived" or "missing" when deleted
};

// A generated stage row: the effective instant is min(time, snapshot).
struct GeneratedRow {
  int hour = 0;  // hours after the run's window start; -1 for "no change time"
  int page = 1;
  std::string name;
  bool archived = false;
};

std::string Timestamp(int day, int hour) {
  char text[32];
  std::snprintf(text, sizeof(text), "2024-01-%02dT%02d:00:00Z", 1 + day + hour / 24, hour % 24);
  return text;
}

// A folder with only `model` of sql/models, so each of the many runs stays cheap.
std::string OnlyModel(const std::string& model) {
  fs::path dir = fs::temp_directory_path() / ("sprintetl-property-" + model);
  fs::create_directories(dir);
  fs::copy_file(SPRINTETL_SOURCE_DIR "/sql/models/" + model, dir / model,
                fs::copy_options::overwrite_existing);
  return dir.string();
}

// Returns the versions of `before` that `after` no longer contains.
std::vector<std::string> LostVersions(const std::vector<std::string>& before,
                                      const std::vector<std::string>& after) {
  std::set<std::string> kept(after.begin(), after.end());
  std::vector<std::string> lost;
  for (const std::string& version : before) {
    if (!kept.count(version)) lost.push_back(version);
  }
  return lost;
}

// Returns the current state of each key, from `sql` selecting (key, state text).
std::map<std::string, std::string> CurrentStates(StarHarness& harness, const std::string& sql) {
  std::map<std::string, std::string> current;
  for (const std::string& line : harness.Lines(sql)) {
    size_t bar = line.find(" | ");
    current[line.substr(0, bar)] = line.substr(bar + 3);
  }
  return current;
}

// "name deleted reason", as CurrentStates returns it.
std::string StateText(const ExpectedState& state) {
  return state.name + " " + (state.deleted ? "true" : "false") + " " + state.reason;
}

// The sequences run side by side: sequence s owns customers "s<n>-C1".."s<n>-C3",
// so one warehouse run applies run r of every sequence at once. Customers do
// not interact in the model, so each sequence's history is the one it would
// get alone, except that a sequence without rows in a run still sees its
// current customers closed as missing, because the run as a whole read some.
TEST(Scd2PropertyTest, RandomSequencesKeepInvariants) {
  StarHarness harness(OnlyModel("060_dim_customer.sql"));
  std::mt19937 random(20240116);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  std::map<std::string, ExpectedState> expected;
  std::map<std::string, std::string> trace_of;  // per customer: its rows so far, for messages

  for (int run = 0; run < kRunsPerSequence; ++run) {
    // Run `run` covers days [3 * run, 3 * run + 3); its snapshot is at its end.
    const int window_day = 3 * run;
    const std::string snapshot = Timestamp(window_day + 3, 8);
    const std::string snapshot_sql = snapshot.substr(0, 10) + " " + snapshot.substr(11, 8);
    const std::string run_id = "r" + std::to_string(run);

    std::vector<Json> rows;
    for (int sequence = 0; sequence < kSequences; ++sequence) {
      for (const std::string& base_key : kKeys) {
        const std::string key = "s" + std::to_string(sequence) + "-" + base_key;
        std::vector<GeneratedRow> generated;
        auto random_row = [&](int page) {
          return GeneratedRow{pick(4) == 0 ? -1 : pick(84), page, kNames[pick(3)], false};
        };
        switch (pick(7)) {
          case 0:  // missing from the run
            break;
          case 1:  // unchanged, or back with its old name
            if (expected.count(key)) generated.push_back({-1, 1, expected[key].name, false});
            break;
          case 2:  // one change
            generated.push_back(random_row(1));
            break;
          case 3: {  // several changes in one run
            int count = 2 + pick(3);
            for (int page = 1; page <= count; ++page) generated.push_back(random_row(page));
            break;
          }
          case 4: {  // two rows at the same instant on different pages
            int hour = pick(84);
            generated.push_back({hour, 1, kNames[pick(3)], false});
            generated.push_back({hour, 2, kNames[pick(3)], pick(2) == 0});
            break;
          }
          case 5:  // archived at the source
            generated.push_back({pick(84), 1, kNames[pick(3)], true});
            break;
          default:  // several rows, one of them archived
            generated.push_back(random_row(1));
            generated.push_back({pick(84), 2, kNames[pick(3)], true});
            break;
        }
        trace_of[key] += "\n  " + run_id + ":";
        for (const GeneratedRow& row : generated) {
          Json json = {{"customer_id", key}, {"name", row.name},
                       {"is_archived", row.archived},
                       {"source_page", "page-" + std::to_string(row.page)}};
          if (row.hour >= 0) json["source_updated_at"] = Timestamp(window_day, row.hour);
          rows.push_back(json);
          trace_of[key] += " " + json.dump();
        }
      }
    }

    // The expected state: each key's row with the latest effective instant
    // (capped at the snapshot) wins, the higher page among rows at one instant.
    const int snapshot_hour = 3 * 24 + 8;
    std::map<std::string, std::pair<std::pair<int, std::string>, Json>> last;
    for (const Json& row : rows) {
      int hour = snapshot_hour;
      if (row.contains("source_updated_at")) {
        std::string at = row["source_updated_at"];
        hour = (std::stoi(at.substr(8, 2)) - 1 - window_day) * 24 + std::stoi(at.substr(11, 2));
      }
      auto order = std::make_pair(std::min(hour, snapshot_hour),
                                  row["source_page"].get<std::string>());
      std::string key = row["customer_id"];
      if (!last.count(key) || last[key].first < order) last[key] = {order, row};
    }
    ASSERT_FALSE(rows.empty());
    for (auto& [key, state] : expected) {
      if (!last.count(key) && !state.deleted) state = {state.name, true, "missing"};
    }
    for (const auto& [key, winner] : last) {
      const Json& row = winner.second;
      bool archived = row["is_archived"];
      expected[key] = {row["name"], archived, archived ? "archived" : ""};
    }

    const std::string closed_sql =
        "SELECT * FROM dim_customer WHERE NOT is_current ORDER BY customer_key";
    auto before = harness.Lines(closed_sql);
    auto applied = harness.Apply(run_id, {{"stg_customer", rows}}, snapshot_sql);
    ASSERT_TRUE(applied.ok()) << run_id << ": " << applied.status().ToString();

    // Closed versions are history: a run may only append.
    auto after = harness.Lines(closed_sql);
    std::vector<std::string> lost = LostVersions(before, after);
    ASSERT_TRUE(lost.empty()) << run_id << " changed or lost: " << lost.front();

    // Each customer's current version is its expected state.
    std::map<std::string, std::string> current = CurrentStates(
        harness, "SELECT customer_id, name || ' ' || is_deleted || ' ' || "
                 "coalesce(deleted_reason, '') FROM dim_customer WHERE is_current");
    EXPECT_EQ(current.size(), expected.size()) << run_id;
    for (const auto& [key, state] : expected) {
      EXPECT_EQ(current[key], StateText(state))
          << "customer " << key << " after " << run_id << ", rows:" << trace_of[key];
    }

    // Rerunning the same run adds nothing.
    const std::string all_sql = "SELECT * FROM dim_customer ORDER BY customer_key";
    auto dump = harness.Lines(all_sql);
    auto again = harness.Apply(run_id, {{"stg_customer", rows}}, snapshot_sql);
    ASSERT_TRUE(again.ok()) << run_id << ": " << again.status().ToString();
    ASSERT_EQ(harness.Lines(all_sql), dump) << run_id;
    if (::testing::Test::HasFailure()) return;
  }
}

// Members "s<n>-M1".."s<n>-M3" per sequence, as above. Each run a member is
// absent, unchanged, renamed, or sent twice on two pages (the later page
// wins, since members carry no change time).
TEST(Scd2PropertyTest, HistoriedMemberKeepsInvariants) {
  StarHarness harness(OnlyModel("030_dim_member.sql"));
  harness.set_historied({"member"});
  std::mt19937 random(20240117);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  std::map<std::string, ExpectedState> expected;

  for (int run = 0; run < kRunsPerSequence; ++run) {
    const std::string snapshot = "2024-01-" + std::to_string(10 + 3 * run) + " 08:00:00";
    const std::string run_id = "r" + std::to_string(run);
    std::vector<Json> rows;
    std::map<std::string, std::string> winner;
    for (int sequence = 0; sequence < kSequences; ++sequence) {
      for (const char* base_key : {"M1", "M2", "M3"}) {
        const std::string key = "s" + std::to_string(sequence) + "-" + base_key;
        switch (pick(4)) {
          case 0:  // missing from the run
            break;
          case 1:  // unchanged, or back with its old name
            if (expected.count(key)) {
              rows.push_back({{"member_id", key}, {"username", expected[key].name}});
              winner[key] = expected[key].name;
            }
            break;
          case 2: {  // renamed
            const std::string name = kNames[pick(3)];
            rows.push_back({{"member_id", key}, {"username", name}});
            winner[key] = name;
            break;
          }
          default: {  // two rows; page-2 wins
            const std::string first = kNames[pick(3)];
            const std::string second = kNames[pick(3)];
            rows.push_back({{"member_id", key}, {"username", second}, {"source_page", "page-2"}});
            rows.push_back({{"member_id", key}, {"username", first}, {"source_page", "page-1"}});
            winner[key] = second;
            break;
          }
        }
      }
    }
    ASSERT_FALSE(rows.empty());
    for (auto& [key, state] : expected) {
      if (!winner.count(key) && !state.deleted) state = {state.name, true, "missing"};
    }
    for (const auto& [key, name] : winner) expected[key] = {name, false, ""};

    const std::string closed_sql =
        "SELECT * FROM dim_member WHERE NOT is_current ORDER BY member_key";
    auto before = harness.Lines(closed_sql);
    auto applied = harness.Apply(run_id, {{"stg_member", rows}}, snapshot);
    ASSERT_TRUE(applied.ok()) << run_id << ": " << applied.status().ToString();

    auto after = harness.Lines(closed_sql);
    std::vector<std::string> lost = LostVersions(before, after);
    ASSERT_TRUE(lost.empty()) << run_id << " changed or lost: " << lost.front();

    std::map<std::string, std::string> current = CurrentStates(
        harness, "SELECT member_id, username || ' ' || is_deleted || ' ' || "
                 "coalesce(deleted_reason, '') FROM dim_member WHERE is_current");
    EXPECT_EQ(current.size(), expected.size()) << run_id;
    for (const auto& [key, state] : expected) {
      EXPECT_EQ(current[key], StateText(state))
          << "member " << key << " after " << run_id;
    }

    const std::string all_sql = "SELECT * FROM dim_member ORDER BY member_key";
    auto dump = harness.Lines(all_sql);
    auto again = harness.Apply(run_id, {{"stg_member", rows}}, snapshot);
    ASSERT_TRUE(again.ok()) << run_id << ": " << again.status().ToString();
    ASSERT_EQ(harness.Lines(all_sql), dump) << run_id;
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace sprintetl::warehouse
