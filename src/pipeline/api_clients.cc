#include "pipeline/api_clients.h"

#include "sources/clickup/clickup_extractor.h"
#include "sources/hubspot/hubspot_extractor.h"

namespace sprintetl::pipeline {

http::ClientOptions ClickUpApiOptions(const config::Config& config, const std::string& token) {
  http::ClientOptions options = sources::ClickUpClientOptions(config.clickup, token);
  options.base_url_source = config::SettingSource(config, "clickup.base_url");
  return options;
}

http::ClientOptions HubSpotApiOptions(const config::Config& config, const std::string& token) {
  http::ClientOptions options = sources::HubSpotClientOptions(config.hubspot, token);
  options.base_url_source = config::SettingSource(config, "hubspot.base_url");
  return options;
}

}  // namespace sprintetl::pipeline
