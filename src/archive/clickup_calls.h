// The ClickUp requests of the Sprint History copy, with their replies
// parsed as JSON and their failures turned into statuses.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/http_client.h"

namespace sprintetl::archive {

// Sends `request` through `client` (its retries and rate budget) and returns
// the reply body. Fails with kNotFound on HTTP 404, kInvalidArgument on other
// 4xx (ClickUp's "err" text in the message), kDataLoss when a 2xx body is not
// JSON, or the client's error when every try failed.
Result<nlohmann::json> SendJson(http::HttpClient& client, const http::Request& request);

// Serialises a request body. Text that is not valid UTF-8 (possible in old
// task names) is replaced with U+FFFD instead of failing the copy.
std::string BodyText(const nlohmann::json& body);

}  // namespace sprintetl::archive
