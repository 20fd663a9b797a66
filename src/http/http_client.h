// HTTP for the API sources and the Sprint History write-back: a libcurl
// wrapper with retries, backoff with jitter and rate-limit pacing.
//
// One HttpClient per API (ClickUp, HubSpot); it owns its RateBudget, so every
// request to that API, from extraction or archiving, draws on one budget.
// Send() is thread-safe: each call uses its own curl handle.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "http/rate_budget.h"

namespace sprintetl::http {

struct Request {
  std::string method = "GET";
  std::string path;   // appended to the base URL, e.g. "/v2/team"
  std::string query;  // without '?', already URL-encoded
  std::string body;   // sent as application/json when not empty
};

struct Response {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  int attempts = 0;  // tries it took
};

struct ClientOptions {
  std::string name;      // "clickup" or "hubspot", for logs and messages
  std::string base_url;  // e.g. "http://127.0.0.1:18080/api"
  // The config key or environment variable that set base_url, named in errors
  // that ask to check it, e.g. "environment variable SPRINTETL_CLICKUP_BASE_URL".
  // Empty names none.
  std::string base_url_source;
  // Authorization header value, e.g. "Bearer ..."; never logged.
  std::string authorization;
  int max_attempts = 5;
  std::chrono::milliseconds timeout{60000};
  std::chrono::milliseconds backoff_base{250};
  std::chrono::milliseconds backoff_max{30000};
  RateHeaders rate_headers;  // which response headers carry the budget
  // Reads a 429 reply: returns a message when retrying is pointless (e.g. a
  // daily limit), so Send() fails at once with it; nullopt retries as usual.
  std::function<std::optional<std::string>(const Response&)> final_rate_limit_message;
};

class HttpClient {
 public:
  explicit HttpClient(ClientOptions options);
  ~HttpClient();

  // Sends `request`, waiting for the rate budget first. Retries transport
  // errors, timeouts, 429 (after the reset the server states) and 5xx with
  // backoff and jitter, at most max_attempts tries in all. A 429 that
  // final_rate_limit_message rejects, or a budget whose daily count is used
  // up, fails at once with kUnavailable. Any other status
  // is returned as a Response for the caller to judge. Fails with
  // kUnavailable naming the API, method, path and last error after the last try.
  Result<Response> Send(const Request& request);

  RateBudget& budget() { return budget_; }
  const ClientOptions& options() const { return options_; }

 private:
  ClientOptions options_;
  RateBudget budget_;
};

// Percent-encodes `text` for use in a query string.
std::string UrlEncode(const std::string& text);

// The base URL for messages, with where it was set when known:
// "http://host/api (set by environment variable SPRINTETL_CLICKUP_BASE_URL)".
std::string DescribeBaseUrl(const ClientOptions& options);

}  // namespace sprintetl::http
