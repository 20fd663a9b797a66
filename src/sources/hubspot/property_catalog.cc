#include "sources/hubspot/property_catalog.h"

#include <algorithm>
#include <set>

namespace sprintetl::sources {

Result<std::vector<PropertyInfo>> ParsePropertyList(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("results") || !body["results"].is_array()) {
    return DataLoss("a HubSpot properties response has no \"results\" array");
  }
  std::vector<PropertyInfo> properties;
  for (const nlohmann::json& entry : body["results"]) {
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
      return DataLoss("a HubSpot property definition has no string \"name\"");
    }
    auto text = [&](const char* key) {
      const auto found = entry.find(key);
      return found != entry.end() && found->is_string() ? found->get<std::string>() : "";
    };
    properties.push_back({text("name"), text("label"), text("type"), text("fieldType")});
  }
  return properties;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> CloseNames(const std::string& name,
                                    const std::vector<PropertyInfo>& known, size_t max_count) {
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const PropertyInfo& property : known) {
    size_t distance = EditDistance(name, property.name);
    bool contains = !name.empty() && property.name.find(name) != std::string::npos;
    if (distance <= limit || contains) scored.emplace_back(distance, property.name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> names;
  for (const auto& [distance, candidate] : scored) {
    if (names.size() == max_count) break;
    names.push_back(candidate);
  }
  return names;
}

Status CheckConfiguredProperties(const std::string& object_type, const std::string& config_key,
                                 const std::vector<std::string>& configured,
                                 const std::vector<PropertyInfo>& known) {
  std::set<std::string> names;
  for (const PropertyInfo& property : known) names.insert(property.name);

  std::string problems;
  for (const std::string& name : configured) {
    if (names.contains(name)) continue;
    std::vector<std::string> close = CloseNames(name, known);
    std::string hint = "no similar name exists";
    if (!close.empty()) {
      hint = "did you mean";
      for (size_t i = 0; i < close.size(); ++i) hint += (i == 0 ? " '" : ", '") + close[i] + "'";
      hint += "?";
    }
    problems += (problems.empty() ? "" : "; ") + ("'" + name + "' (" + hint + ")");
  }
  if (problems.empty()) return Status::Ok();
  return InvalidArgument(config_key + " names properties that HubSpot " + object_type +
                         " do not have: " + problems +
                         ". Fix the names; `sprintetl discover hubspot` lists every property");
}

}  // namespace sprintetl::sources
