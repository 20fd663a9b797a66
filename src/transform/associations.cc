#include "transform/associations.h"

#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

// The plural object type name for the names and ids HubSpot accepts.
std::string CanonicalObjectType(const std::string& type) {
  if (type == "company" || type == "companies" || type == "0-2") return "companies";
  if (type == "deal" || type == "deals" || type == "0-3") return "deals";
  if (type == "line_item" || type == "line_items" || type == "0-8") return "line_items";
  if (type == "product" || type == "products" || type == "0-7") return "products";
  return type;
}

std::string ContextValue(const landing::PageRecord& record, const std::string& key) {
  auto found = record.context.find(key);
  return found == record.context.end() ? "" : found->second;
}

}  // namespace

Result<Associations> ReadAssociations(const LandingPages& pages, const std::string& from_type,
                                      const std::string& to_type) {
  Associations associations;
  for (const LandingPage& page : pages.OfKind("hubspot.associations")) {
    if (CanonicalObjectType(ContextValue(page.record, "from_type")) !=
            CanonicalObjectType(from_type) ||
        CanonicalObjectType(ContextValue(page.record, "to_type")) != CanonicalObjectType(to_type)) {
      continue;
    }
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* results, PageArray(page, "results"));
    for (const nlohmann::json& result : *results) {
      std::optional<std::string> from_id = TextOf(Member(result, "from", "id"));
      if (!from_id) return ShapeError(page.record, "an association result has no \"from.id\"");
      const nlohmann::json* targets = Member(result, "to");
      if (targets == nullptr || !targets->is_array()) continue;

      for (const nlohmann::json& target : *targets) {
        std::optional<std::string> to_id = TextOf(Member(target, "toObjectId"));
        if (!to_id) return ShapeError(page.record, "an association has no \"toObjectId\"");
        AssociationTarget parsed{*to_id, {}};
        const nlohmann::json* types = Member(target, "associationTypes");
        if (types != nullptr && types->is_array()) {
          for (const nlohmann::json& type : *types) {
            std::optional<long long> type_id = IntegerOf(Member(type, "typeId"));
            if (type_id) parsed.type_ids.push_back(*type_id);
          }
        }
        associations[*from_id].push_back(std::move(parsed));
      }
    }
  }
  return associations;
}

std::optional<std::string> PickAssociation(const std::vector<AssociationTarget>& targets,
                                           std::optional<long long> preferred_type_id) {
  if (preferred_type_id) {
    for (const AssociationTarget& target : targets) {
      for (long long type_id : target.type_ids) {
        if (type_id == *preferred_type_id) return target.to_id;
      }
    }
  }
  if (targets.empty()) return std::nullopt;
  return targets.front().to_id;
}

}  // namespace sprintetl::transform
