#include "transform/customer_rows.h"

#include <set>

#include "transform/customer_history.h"
#include "transform/hubspot_values.h"
#include "transform/json_fields.h"
#include "transform/latest_records.h"

namespace sprintetl::transform {

std::optional<double> NumberProperty(const nlohmann::json& record, const std::string& name,
                                     const std::string& record_label, WarningList& warnings) {
  std::optional<std::string> text = PropertyText(record, name);
  if (!text) return std::nullopt;
  std::optional<double> number = ParseHubSpotNumber(*text);
  if (!number) {
    warnings.Add(record_label + " has " + name + " '" + *text +
                 "', which is not a number; it is left empty");
  }
  return number;
}

Result<Companies> BuildCustomerRows(const LandingPages& pages, const config::Config& config,
                                    StageRows& rows, WarningList& warnings) {
  Companies companies;
  std::vector<std::pair<std::string, std::string>> merged_rows;  // merged id, page file
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<LandedRecord> landed,
                             LatestRecords(pages, "hubspot.companies", "company"));
  for (const LandedRecord& entry : landed) {
    const LandingPage& page = *entry.page;
    const nlohmann::json& company = *entry.record;
    std::optional<std::string> id = entry.id;
    std::string label = "company " + *id;

    std::optional<std::string> name = PropertyText(company, "name");
    std::vector<std::string> merged_ids;
    std::optional<std::string> merged_text = PropertyText(company, "hs_merged_object_ids");
    if (merged_text) merged_ids = SplitMultiSelect(*merged_text);
    if (!companies.index.Add(*id, name.value_or(""), merged_ids)) {
      warnings.Add(label + " has the same name as another company ('" + *name +
                   "'); ClickUp customers with that name match the first one");
    }
    for (const std::string& merged : merged_ids) {
      if (merged != *id) merged_rows.emplace_back(merged, page.record.file);
    }

    const nlohmann::json* deals = Member(company, "associations", "deals");
    const nlohmann::json* deal_results = deals ? Member(*deals, "results") : nullptr;
    if (deal_results != nullptr && deal_results->is_array()) {
      for (const nlohmann::json& deal : *deal_results) {
        std::optional<std::string> deal_id = TextOf(Member(deal, "id"));
        if (deal_id) companies.inline_deals[*id].push_back(*deal_id);
      }
    }

    std::optional<std::string> services = PropertyText(company, config.hubspot.services_property);
    std::optional<std::string> updated = PropertyText(company, "hs_lastmodifieddate");
    if (!updated) updated = TextOf(Member(company, "updatedAt"));
    std::optional<UtcTime> updated_at = updated ? ParseHubSpotTime(*updated) : std::nullopt;
    nlohmann::json row = {
        {"source_page", page.record.file},
        {"customer_id", *id},
        {"name", JsonOrNull(name)},
        {"domain", JsonOrNull(PropertyText(company, "domain"))},
        {"squad_id", JsonOrNull(PropertyText(company, config.hubspot.squad_property))},
        {"lifecycle_stage", JsonOrNull(PropertyText(company, "lifecyclestage"))},
        {"owner_id", JsonOrNull(PropertyText(company, "hubspot_owner_id"))},
        {"contracted_points",
         JsonOrNull(NumberProperty(company, config.hubspot.contracted_points_property, label,
                                   warnings))},
        {"services", services ? SplitMultiSelect(*services) : std::vector<std::string>()},
        {"merged_into_id", nullptr},
        {"is_archived", JsonOrNull(BoolOf(Member(company, "archived")))},
        {"source_updated_at", TimeOrNull(updated_at)},
    };

    // Only pages this run listed with history seed it: a page copied from a base run
    // carries the same history, which the warehouse already holds.
    if (page.record.context.count("history") > 0 && page.record.context.count("base_run") == 0) {
      for (nlohmann::json& past :
           CustomerHistoryRows(company, row, updated_at, config.hubspot, label, warnings)) {
        rows["stg_customer"].push_back(std::move(past));
      }
    }
    rows["stg_customer"].push_back(std::move(row));
  }

  std::set<std::string> merged_done;
  for (const auto& [merged, file] : merged_rows) {
    // A merged id that is itself listed is a live company, not a leftover.
    std::optional<std::string> survivor = companies.index.ResolveId(merged);
    if (!survivor || *survivor == merged || !merged_done.insert(merged).second) continue;
    rows["stg_customer"].push_back({
        {"source_page", file},
        {"customer_id", merged},
        {"merged_into_id", *survivor},
    });
  }
  return companies;
}

}  // namespace sprintetl::transform
