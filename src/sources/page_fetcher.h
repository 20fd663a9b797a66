// PageFetcher sends one API request, checks the answer and lands the raw body.
//
// Shared by the ClickUp and HubSpot extractors: it turns HTTP statuses into
// Status values that name the API and what to do, re-requests pages whose
// body is not valid JSON (a truncated transfer), and writes each accepted
// body unchanged to the landing folder with its manifest record.
// Thread-safe when the HttpClient and RunFolder are (both are).
#pragma once

#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/http_client.h"
#include "landing/run_folder.h"

namespace sprintetl::sources {

// Manifest context key of the SHA-256 (hex) of a request body, set for requests that have one.
inline constexpr char kRequestSha256[] = "request_sha256";

struct PageRequest {
  http::Request http;
  std::string kind;  // manifest kind, e.g. "clickup.tasks"
  int page = 0;
  std::map<std::string, std::string> context;
};

struct FetchStats {
  long long pages = 0;
  long long bytes = 0;
};

class PageFetcher {
 public:
  // `source` is "clickup" or "hubspot"; `token_variable` names the secret's
  // environment variable in authentication errors.
  PageFetcher(std::string source, std::string token_variable, http::HttpClient& client,
              landing::RunFolder& run);

  // Fetches, validates and lands one page; returns the parsed body.
  // Fails with kUnauthenticated (401), kPermissionDenied (403), kNotFound
  // (404), kInvalidArgument (other 4xx), kUnavailable (retries exhausted) or
  // kDataLoss (body still not JSON after every try), each naming the endpoint
  // and page.
  Result<nlohmann::json> Fetch(const PageRequest& request);

  FetchStats stats() const;

 private:
  Status StatusForHttpError(const PageRequest& request, const http::Response& response) const;

  std::string source_;
  std::string token_variable_;
  http::HttpClient& client_;
  landing::RunFolder& run_;
  mutable std::mutex mutex_;
  FetchStats stats_;
};

// Runs an extractor's `walk` over an API, turning a JSON type error (a page
// that parsed but lacks a key the walk reads) into kDataLoss naming `api`.
Status RunWalk(const std::string& api, const std::function<Status()>& walk);

// "GET /v2/list/901/task page 2", for messages.
std::string DescribeRequest(const std::string& source, const PageRequest& request);

}  // namespace sprintetl::sources
