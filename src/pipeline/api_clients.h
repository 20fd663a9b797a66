// HTTP client options for the ClickUp and HubSpot APIs as every command
// builds them: the source's own settings plus where the config or the
// environment set its base URL, so errors that ask to check the URL name it.
#pragma once

#include <string>

#include "config/config.h"
#include "http/http_client.h"

namespace sprintetl::pipeline {

// sources::ClickUpClientOptions with base_url_source set from `config`.
http::ClientOptions ClickUpApiOptions(const config::Config& config, const std::string& token);

// sources::HubSpotClientOptions with base_url_source set from `config`.
http::ClientOptions HubSpotApiOptions(const config::Config& config, const std::string& token);

}  // namespace sprintetl::pipeline
