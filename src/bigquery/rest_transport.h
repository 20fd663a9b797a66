// One HTTP exchange with a Google API (OAuth token endpoint, metadata server,
// BigQuery REST), over libcurl. It sends any content type, because the token
// endpoint takes a form body and load jobs take multipart/related.
//
// No retries here: BigQuery decides what to retry from the error reason in the
// body (see api_error.h), which a generic HTTP retry loop cannot see.
// Send() is thread-safe: each call uses its own curl handle.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/status.h"

namespace sprintetl::bigquery {

struct RestRequest {
  std::string method = "GET";
  std::string url;           // absolute, query string included
  std::string content_type;  // sent when not empty
  std::string body;
  std::vector<std::string> headers;  // extra "Name: value" lines; may contain secrets, never logged
};

struct RestResponse {
  long status = 0;
  std::string body;
};

// Sends `request` once and returns whatever status came back. Fails with
// kUnavailable naming the method and URL when no response arrived (refused
// connection, timeout, TLS error).
Result<RestResponse> SendRest(const RestRequest& request, std::chrono::milliseconds timeout);

// Percent-encodes every byte of `text` except RFC 3986 unreserved characters.
std::string FormEncode(const std::string& text);

}  // namespace sprintetl::bigquery
