#include "transform/hubspot_property_types.h"

#include <date/date.h>

#include "core/time_format.h"
#include "transform/hubspot_values.h"
#include "transform/json_fields.h"

namespace sprintetl::transform {

Result<PropertyTypes> PropertyTypes::Read(const LandingPages& pages) {
  PropertyTypes types;
  for (const LandingPage& page : pages.OfKind("hubspot.properties")) {
    auto object_type = page.record.context.find("object_type");
    if (object_type == page.record.context.end()) continue;
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* results, PageArray(page, "results"));
    for (const nlohmann::json& property : *results) {
      std::optional<std::string> name = TextOf(Member(property, "name"));
      if (!name) continue;
      types.types_[object_type->second][*name] = {
          TextOf(Member(property, "type")).value_or("string"),
          TextOf(Member(property, "fieldType")).value_or("")};
    }
  }
  return types;
}

const DeclaredType* PropertyTypes::Find(const std::string& object_type,
                                        const std::string& name) const {
  auto type = types_.find(object_type);
  if (type == types_.end()) return nullptr;
  auto property = type->second.find(name);
  return property == type->second.end() ? nullptr : &property->second;
}

std::optional<nlohmann::json> TypedPropertyValue(const DeclaredType& declared,
                                                 std::string_view text) {
  if (text.empty()) return nlohmann::json();
  if (declared.type == "number") {
    std::optional<double> number = ParseHubSpotNumber(text);
    if (!number) return std::nullopt;
    return nlohmann::json(*number);
  }
  if (declared.type == "bool") {
    std::optional<bool> flag = ParseHubSpotBool(text);
    if (!flag) return std::nullopt;
    return nlohmann::json(*flag);
  }
  if (declared.type == "date" || declared.type == "datetime") {
    std::optional<UtcTime> time = ParseHubSpotTime(text);
    if (!time) return std::nullopt;
    if (declared.type == "datetime") return nlohmann::json(FormatUtcMillis(*time));
    // HubSpot stores a date as midnight UTC, so its calendar day is the UTC day.
    return nlohmann::json(date::format("%F", std::chrono::floor<date::days>(*time)));
  }
  if (declared.type == "enumeration" && declared.field_type == "checkbox") {
    return nlohmann::json(SplitMultiSelect(text));
  }
  return nlohmann::json(std::string(text));
}

}  // namespace sprintetl::transform
