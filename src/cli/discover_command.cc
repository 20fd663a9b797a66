#include "cli/discover_command.h"

#include <algorithm>
#include <array>
#include <iostream>

#include "cli/command_support.h"
#include "pipeline/api_clients.h"
#include "pipeline/api_probe.h"
#include "pipeline/secrets.h"
#include "sources/hubspot/hubspot_extractor.h"

namespace sprintetl::cli {

Result<std::vector<DiscoveredObject>> DiscoverHubSpot(const config::HubSpot& config,
                                                      http::HttpClient& client) {
  std::vector<std::pair<std::string, const std::vector<std::string>*>> types = {
      {"companies", &config.company_properties},
      {"deals", &config.deal_properties},
      {"line_items", &config.line_item_properties},
      {"products", &config.product_properties},
  };
  for (const std::string& custom : config.custom_objects) {
    types.emplace_back(custom, &config.custom_object_properties);
  }

  std::vector<DiscoveredObject> objects;
  for (const auto& [type, configured] : types) {
    http::Request request;
    request.path = config.properties_path + "/" + type;
    request.query = "archived=false";
    SPRINTETL_ASSIGN_OR_RETURN(nlohmann::json body,
                               pipeline::GetJson(client, "HUBSPOT_ACCESS_TOKEN", request));
    auto properties = sources::ParsePropertyList(body);
    if (!properties.ok()) return properties.status().WithContext("reading " + request.path);
    std::sort(properties->begin(), properties->end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    objects.push_back({type, std::move(properties).value(), *configured});
  }
  return objects;
}

std::string FormatPropertyTable(const std::vector<DiscoveredObject>& objects) {
  using Row = std::array<std::string, 6>;
  std::vector<Row> table = {{"object", "property", "type", "field_type", "configured", "label"}};
  for (const DiscoveredObject& object : objects) {
    for (const sources::PropertyInfo& property : object.properties) {
      bool configured = std::find(object.configured.begin(), object.configured.end(),
                                  property.name) != object.configured.end();
      table.push_back({object.object_type, property.name, property.type, property.field_type,
                       configured ? "yes" : "", property.label});
    }
  }

  std::array<size_t, 6> widths{};
  for (const Row& row : table) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const Row& row : table) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

int DiscoverCommand(const GlobalOptions& global, const std::string& source) {
  if (source != "hubspot") {
    return FailWith(InvalidArgument("discover supports only \"hubspot\", got '" + source + "'"),
                    kExitUsage);
  }
  auto config = LoadConfigForCommand(global);
  if (!config.ok()) return FailWith(config.status(), kExitUsage);
  auto token = pipeline::ReadSecret("HUBSPOT_ACCESS_TOKEN");
  if (!token.ok()) return FailWith(token.status(), kExitUsage);

  http::HttpClient client(pipeline::HubSpotApiOptions(*config, *token));
  auto objects = DiscoverHubSpot(config->hubspot, client);
  if (!objects.ok()) return FailWith(objects.status(), kExitFailed);
  std::cout << FormatPropertyTable(*objects);
  return kExitOk;
}

}  // namespace sprintetl::cli
