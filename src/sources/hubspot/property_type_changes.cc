#include "sources/hubspot/property_type_changes.h"

#include <filesystem>

#include "landing/run_folder.h"

namespace sprintetl::sources {

Result<DeclaredTypes> ReadLandedDeclaredTypes(const std::string& landing_path) {
  std::filesystem::path path(landing_path);
  SPRINTETL_ASSIGN_OR_RETURN(
      landing::RunFolder run,
      landing::RunFolder::Open(path.parent_path().string(), path.filename().string()));
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<landing::PageRecord> records, run.ReadManifest());

  DeclaredTypes types;
  for (const landing::PageRecord& record : records) {
    if (record.kind != "hubspot.properties") continue;
    SPRINTETL_ASSIGN_OR_RETURN(std::string body, run.ReadPage(record));
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    Result<std::vector<PropertyInfo>> properties = ParsePropertyList(parsed);
    if (!properties.ok()) {
      return properties.status().WithContext("page " + record.file + " of " + landing_path);
    }
    auto object_type = record.context.find("object_type");
    if (object_type == record.context.end()) continue;
    auto& by_name = types[object_type->second];
    for (const PropertyInfo& property : *properties) by_name[property.name] = property.type;
  }
  return types;
}

std::vector<PropertyTypeChange> FindTypeChanges(const std::string& object_type,
                                                const std::vector<std::string>& names,
                                                const std::vector<PropertyInfo>& current,
                                                const DeclaredTypes& previous) {
  std::vector<PropertyTypeChange> changes;
  auto previous_type = previous.find(object_type);
  if (previous_type == previous.end()) return changes;

  for (const std::string& name : names) {
    auto old_type = previous_type->second.find(name);
    if (old_type == previous_type->second.end()) continue;
    for (const PropertyInfo& property : current) {
      if (property.name != name || property.type == old_type->second) continue;
      changes.push_back({object_type, name, old_type->second, property.type});
    }
  }
  return changes;
}

std::string DescribeTypeChange(const PropertyTypeChange& change) {
  return "HubSpot " + change.object_type + " property " + change.property +
         " changed its declared type from " + change.old_type + " to " + change.new_type +
         " since the previous successful run; its values are now read as " + change.new_type +
         ", so check the reports and models that use it";
}

}  // namespace sprintetl::sources
