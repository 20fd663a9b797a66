#include "transform/line_item_rows.h"

#include <map>

#include "transform/associations.h"
#include "transform/customer_rows.h"
#include "transform/hubspot_values.h"
#include "transform/json_fields.h"
#include "transform/latest_records.h"

namespace sprintetl::transform {
namespace {

// Product id -> its service id (absent when the product has none).
Result<std::map<std::string, std::optional<std::string>>> AppendProducts(
    const LandingPages& pages, const config::Config& config, StageRows& rows) {
  std::map<std::string, std::optional<std::string>> service_of_product;
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<LandedRecord> landed,
                             LatestRecords(pages, "hubspot.products", "product"));
  for (const LandedRecord& entry : landed) {
    const LandingPage& page = *entry.page;
    const nlohmann::json& product = *entry.record;
    std::optional<std::string> id = entry.id;
    std::optional<std::string> service =
        PropertyText(product, config.hubspot.product_service_property);
    service_of_product[*id] = service;
    rows["stg_product"].push_back({
        {"source_page", page.record.file},
        {"product_id", *id},
        {"name", JsonOrNull(PropertyText(product, "name"))},
        {"service_id", JsonOrNull(service)},
    });
  }
  return service_of_product;
}

}  // namespace

std::optional<int> MonthsPerBillingPeriod(const std::string& frequency) {
  static const std::map<std::string, int> kMonths = {
      {"monthly", 1},         {"quarterly", 3},       {"per_six_months", 6},
      {"annually", 12},       {"per_two_years", 24},  {"per_three_years", 36},
      {"per_four_years", 48}, {"per_five_years", 60},
  };
  auto found = kMonths.find(frequency);
  if (found == kMonths.end()) return std::nullopt;
  return found->second;
}

bool IsOneOffFrequency(const std::string& frequency) {
  return frequency == "one_time" || frequency == "one_off" || frequency == "one-off";
}

std::optional<double> MonthlyRecurringRevenue(std::optional<double> price,
                                              std::optional<double> quantity,
                                              const std::optional<std::string>& frequency) {
  if (!frequency || IsOneOffFrequency(*frequency)) return 0.0;
  std::optional<int> months = MonthsPerBillingPeriod(*frequency);
  if (!months || !price || !quantity) return std::nullopt;
  return *price * *quantity / *months;
}

Result<std::vector<LineItemInfo>> BuildLineItemRows(const LandingPages& pages,
                                                    const config::Config& config, StageRows& rows,
                                                    WarningList& warnings) {
  SPRINTETL_ASSIGN_OR_RETURN(auto service_of_product, AppendProducts(pages, config, rows));
  SPRINTETL_ASSIGN_OR_RETURN(Associations line_item_deals,
                             ReadAssociations(pages, "line_items", "deals"));

  std::vector<LineItemInfo> line_items;
  std::vector<std::string> without_service;
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<LandedRecord> landed,
                             LatestRecords(pages, "hubspot.line_items", "line item"));
  for (const LandedRecord& entry : landed) {
    const LandingPage& page = *entry.page;
    const nlohmann::json& record = *entry.record;
    std::optional<std::string> id = entry.id;
    std::string label = "line item " + *id;

    LineItemInfo info;
    info.line_item_id = *id;
    auto associated = line_item_deals.find(*id);
    if (associated != line_item_deals.end()) {
      info.deal_id = PickAssociation(associated->second, std::nullopt);
    }

    std::optional<std::string> product_id = PropertyText(record, "hs_product_id");
    if (product_id) {
      auto product = service_of_product.find(*product_id);
      if (product != service_of_product.end()) info.service_id = product->second;
    }
    if (!info.service_id && !config.hubspot.default_service.empty()) {
      info.service_id = config.hubspot.default_service;
    }
    std::optional<std::string> name = PropertyText(record, "name");
    if (!info.service_id) without_service.push_back(*id + " ('" + name.value_or("") + "')");

    std::optional<double> quantity = NumberProperty(record, "quantity", label, warnings);
    std::optional<double> price = NumberProperty(record, "price", label, warnings);
    info.amount = NumberProperty(record, "amount", label, warnings);
    info.contracted_points =
        NumberProperty(record, config.hubspot.contracted_points_property, label, warnings);
    std::optional<std::string> frequency = PropertyText(record, "recurringbillingfrequency");
    info.recurring_revenue = MonthlyRecurringRevenue(price, quantity, frequency);
    if (frequency && !IsOneOffFrequency(*frequency) && !MonthsPerBillingPeriod(*frequency)) {
      warnings.Add(label + " bills '" + *frequency +
                   "', a frequency sprintetl does not know; its recurring revenue is left "
                   "empty");
    }

    rows["stg_line_item"].push_back({
        {"source_page", page.record.file},
        {"line_item_id", *id},
        {"deal_id", JsonOrNull(info.deal_id)},
        {"product_id", JsonOrNull(product_id)},
        {"service_id", JsonOrNull(info.service_id)},
        {"name", JsonOrNull(name)},
        {"quantity", JsonOrNull(quantity)},
        {"price", JsonOrNull(price)},
        {"amount", JsonOrNull(info.amount)},
        {"billing_frequency", JsonOrNull(frequency)},
        {"recurring_revenue", JsonOrNull(info.recurring_revenue)},
        {"contracted_points", JsonOrNull(info.contracted_points)},
    });
    line_items.push_back(std::move(info));
  }

  if (!without_service.empty()) {
    std::string list;
    for (const std::string& item : without_service) list += (list.empty() ? "" : ", ") + item;
    bool single = without_service.size() == 1;
    warnings.Add(std::to_string(without_service.size()) +
                 (single ? " line item has" : " line items have") +
                 " no product with a service and hubspot.default_service is empty, so " +
                 (single ? "it counts" : "they count") + " under no service: " + list);
  }
  return line_items;
}

}  // namespace sprintetl::transform
