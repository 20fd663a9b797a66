// Single API requests outside extraction: sprint-end detection and
// `sprintetl check` read a few small responses without landing them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/http_client.h"

namespace sprintetl::pipeline {

// Sends `request` and parses the JSON body of a 2xx response. Fails with
// kUnauthenticated naming `token_variable` (401), kPermissionDenied (403),
// kNotFound (404), kInvalidArgument (other 4xx), kUnavailable when the server
// cannot be reached or keeps failing, or kDataLoss for a body that is not
// JSON; each message names the API and the path.
Result<nlohmann::json> GetJson(http::HttpClient& client, const std::string& token_variable,
                               const http::Request& request);

}  // namespace sprintetl::pipeline
