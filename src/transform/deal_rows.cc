#include "transform/deal_rows.h"

#include "transform/associations.h"
#include "transform/hubspot_values.h"
#include "transform/json_fields.h"
#include "transform/latest_records.h"

namespace sprintetl::transform {

Result<std::map<std::string, DealInfo>> BuildDealRows(const LandingPages& pages,
                                                      const Companies& companies, StageRows& rows,
                                                      WarningList& warnings) {
  SPRINTETL_ASSIGN_OR_RETURN(Associations deal_companies,
                             ReadAssociations(pages, "deals", "companies"));
  std::map<std::string, std::string> inline_company_of_deal;
  for (const auto& [company_id, deal_ids] : companies.inline_deals) {
    for (const std::string& deal_id : deal_ids) inline_company_of_deal.emplace(deal_id, company_id);
  }

  std::map<std::string, DealInfo> deals;
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<LandedRecord> landed,
                             LatestRecords(pages, "hubspot.deals", "deal"));
  for (const LandedRecord& entry : landed) {
    const LandingPage& page = *entry.page;
    const nlohmann::json& deal = *entry.record;
    std::optional<std::string> id = entry.id;
    std::string label = "deal " + *id;

    DealInfo info;
    auto associated = deal_companies.find(*id);
    if (associated != deal_companies.end()) {
      info.customer_id = PickAssociation(associated->second, kPrimaryDealCompanyTypeId);
    }
    if (!info.customer_id) {
      auto listed = inline_company_of_deal.find(*id);
      if (listed != inline_company_of_deal.end()) info.customer_id = listed->second;
    }
    if (info.customer_id) {
      info.customer_id = companies.index.ResolveId(*info.customer_id).value_or(*info.customer_id);
    }

    std::optional<std::string> stage = PropertyText(deal, "dealstage");
    std::optional<std::string> closed_won_text = PropertyText(deal, "hs_is_closed_won");
    bool flagged = closed_won_text && ParseHubSpotBool(*closed_won_text).value_or(false);
    info.is_closed_won = flagged || stage == "closedwon";

    std::optional<std::string> close_text = PropertyText(deal, "closedate");
    rows["stg_deal"].push_back({
        {"source_page", page.record.file},
        {"deal_id", *id},
        {"name", JsonOrNull(PropertyText(deal, "dealname"))},
        {"stage", JsonOrNull(stage)},
        {"pipeline", JsonOrNull(PropertyText(deal, "pipeline"))},
        {"is_closed_won", info.is_closed_won},
        {"amount", JsonOrNull(NumberProperty(deal, "amount", label, warnings))},
        {"currency", JsonOrNull(PropertyText(deal, "deal_currency_code"))},
        {"close_at", TimeOrNull(close_text ? ParseHubSpotTime(*close_text) : std::nullopt)},
        {"customer_id", JsonOrNull(info.customer_id)},
    });
    deals.emplace(*id, std::move(info));
  }
  return deals;
}

}  // namespace sprintetl::transform
