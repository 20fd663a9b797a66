#include "transform/customer_history.h"

#include <algorithm>
#include <set>

#include "transform/hubspot_values.h"
#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

enum class ValueKind { kText, kNumber, kList };

// A stg_customer column that follows one tracked HubSpot property.
struct TrackedColumn {
  std::string column;
  std::string property;
  ValueKind kind;
};

std::vector<TrackedColumn> TrackedColumns(const config::HubSpot& config) {
  return {
      {"name", "name", ValueKind::kText},
      {"domain", "domain", ValueKind::kText},
      {"lifecycle_stage", "lifecyclestage", ValueKind::kText},
      {"owner_id", "hubspot_owner_id", ValueKind::kText},
      {"squad_id", config.squad_property, ValueKind::kText},
      {"contracted_points", config.contracted_points_property, ValueKind::kNumber},
      {"services", config.services_property, ValueKind::kList},
  };
}

// One history entry: when the property got `value` (nullopt: cleared).
struct Change {
  UtcTime at;
  std::optional<std::string> value;
};

// The entries of one property's history, oldest first. A number that does not
// parse becomes a cleared value, so each bad entry is warned about once.
std::vector<Change> ParseChanges(const nlohmann::json& entries, const TrackedColumn& column,
                                 const std::string& label, WarningList& warnings) {
  const std::string& property = column.property;
  std::vector<Change> changes;
  for (const nlohmann::json& entry : entries) {
    std::optional<std::string> stamp = TextOf(Member(entry, "timestamp"));
    std::optional<UtcTime> at = stamp ? ParseHubSpotTime(*stamp) : std::nullopt;
    if (!at) {
      warnings.Add(label + " has a " + property + " history entry with the timestamp '" +
                   stamp.value_or("") + "', which is not a time; that entry is skipped");
      continue;
    }
    std::optional<std::string> value = TextOf(Member(entry, "value"));
    if (value && value->empty()) value.reset();
    if (value && column.kind == ValueKind::kNumber && !ParseHubSpotNumber(*value)) {
      warnings.Add(label + " has " + property + " '" + *value + "' in its history at " +
                   FormatUtcMillis(*at) + ", which is not a number; that version leaves it "
                   "empty");
      value.reset();
    }
    changes.push_back({*at, value});
  }
  // HubSpot lists history newest first; sorting keeps any order correct.
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.at < b.at; });
  return changes;
}

// The value in effect at `at`: that of the newest change at or before it.
std::optional<std::string> ValueAt(const std::vector<Change>& changes, UtcTime at) {
  std::optional<std::string> value;
  for (const Change& change : changes) {
    if (change.at > at) break;
    value = change.value;
  }
  return value;
}

nlohmann::json ColumnValue(const TrackedColumn& column, const std::optional<std::string>& text) {
  if (!text) return column.kind == ValueKind::kList ? nlohmann::json::array() : nlohmann::json();
  switch (column.kind) {
    case ValueKind::kText:
      return *text;
    case ValueKind::kList:
      return SplitMultiSelect(*text);
    case ValueKind::kNumber:
      return JsonOrNull(ParseHubSpotNumber(*text));
  }
  return nullptr;
}

}  // namespace

std::vector<nlohmann::json> CustomerHistoryRows(const nlohmann::json& company,
                                                const nlohmann::json& current_row,
                                                std::optional<UtcTime> current_at,
                                                const config::HubSpot& config,
                                                const std::string& label, WarningList& warnings) {
  const nlohmann::json* history = Member(company, "propertiesWithHistory");
  if (history == nullptr || !history->is_object()) return {};

  // Column -> its property's changes, for the tracked properties the page has history of.
  std::vector<std::pair<TrackedColumn, std::vector<Change>>> followed;
  std::set<UtcTime> instants;
  for (const TrackedColumn& column : TrackedColumns(config)) {
    const nlohmann::json* entries = Member(*history, column.property);
    if (entries == nullptr || !entries->is_array()) continue;
    std::vector<Change> changes = ParseChanges(*entries, column, label, warnings);
    for (const Change& change : changes) {
      if (!current_at || change.at < *current_at) instants.insert(change.at);
    }
    followed.emplace_back(column, std::move(changes));
  }

  std::vector<nlohmann::json> rows;
  for (UtcTime at : instants) {
    nlohmann::json row = current_row;
    row["is_archived"] = false;
    row["merged_into_id"] = nullptr;
    row["source_updated_at"] = FormatUtcMillis(at);
    for (const auto& [column, changes] : followed) {
      row[column.column] = ColumnValue(column, ValueAt(changes, at));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace sprintetl::transform
