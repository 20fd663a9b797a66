#include "transform/custom_object_rows.h"

#include <set>

#include "transform/associations.h"
#include "transform/hubspot_values.h"
#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

nlohmann::json TypedProperties(const nlohmann::json& record, const std::string& object_type,
                               const PropertyTypes& types, const std::string& label,
                               WarningList& warnings) {
  nlohmann::json typed = nlohmann::json::object();
  const nlohmann::json* properties = Member(record, "properties");
  if (properties == nullptr || !properties->is_object()) return typed;
  for (const auto& [name, value] : properties->items()) {
    std::optional<std::string> text = TextOf(&value);
    if (!text) {
      typed[name] = nullptr;
      continue;
    }
    const DeclaredType* declared = types.Find(object_type, name);
    std::optional<nlohmann::json> converted =
        declared ? TypedPropertyValue(*declared, *text) : nlohmann::json(*text);
    if (!converted) {
      warnings.Add(label + " has " + name + " '" + *text + "', which is not a valid " +
                   declared->type + "; it is kept as text");
      converted = *text;
    }
    typed[name] = std::move(*converted);
  }
  return typed;
}

}  // namespace

Status BuildCustomObjectRows(const LandingPages& pages, const config::Config& config,
                             const PropertyTypes& types, const Companies& companies,
                             StageRows& rows, WarningList& warnings) {
  std::set<std::string> object_types(config.hubspot.custom_objects.begin(),
                                     config.hubspot.custom_objects.end());
  for (const LandingPage& page : pages.OfKind("hubspot.custom_objects")) {
    auto context = page.record.context.find("object_type");
    std::string object_type = context == page.record.context.end() ? "" : context->second;
    object_types.insert(object_type);
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* results, PageArray(page, "results"));
    for (const nlohmann::json& record : *results) {
      std::optional<std::string> id = TextOf(Member(record, "id"));
      if (!id) return ShapeError(page.record, "a custom object record has no \"id\"");
      std::string label = object_type + " record " + *id;
      std::optional<std::string> updated = PropertyText(record, "hs_lastmodifieddate");
      if (!updated) updated = TextOf(Member(record, "updatedAt"));
      nlohmann::json properties = TypedProperties(record, object_type, types, label, warnings);
      rows["stg_custom_object"].push_back({
          {"source_page", page.record.file},
          {"object_type", object_type},
          {"record_id", *id},
          {"properties", properties.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)},
          {"is_archived", BoolOf(Member(record, "archived")).value_or(false)},
          {"source_updated_at", TimeOrNull(updated ? ParseHubSpotTime(*updated) : std::nullopt)},
      });
    }
  }

  for (const std::string& object_type : object_types) {
    SPRINTETL_ASSIGN_OR_RETURN(Associations links,
                               ReadAssociations(pages, "companies", object_type));
    std::set<std::pair<std::string, std::string>> done;
    for (const auto& [company_id, targets] : links) {
      std::string customer_id = companies.index.ResolveId(company_id).value_or(company_id);
      for (const AssociationTarget& target : targets) {
        if (!done.emplace(customer_id, target.to_id).second) continue;
        rows["stg_customer_custom_object"].push_back({
            {"source_page", "derived"},
            {"customer_id", customer_id},
            {"object_type", object_type},
            {"record_id", target.to_id},
        });
      }
    }
  }
  return Status::Ok();
}

}  // namespace sprintetl::transform
