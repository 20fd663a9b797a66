#include "sources/page_fetcher.h"

#include "core/log.h"
#include "core/progress.h"

namespace sprintetl::sources {
namespace {

// Pulls a short human message out of an API error body: ClickUp sends
// {"err","ECODE"}, HubSpot {"message","category"}.
std::string ErrorDetail(const std::string& body) {
  try {
    auto json = nlohmann::json::parse(body);
    std::string detail;
    if (json.contains("err")) detail = json["err"].get<std::string>();
    if (json.contains("ECODE")) detail += " (" + json["ECODE"].get<std::string>() + ")";
    if (json.contains("message")) detail = json["message"].get<std::string>();
    if (json.contains("category")) detail += " (" + json["category"].get<std::string>() + ")";
    if (!detail.empty()) return detail;
  } catch (const nlohmann::json::exception&) {
    // Not JSON: fall through to the raw text.
  }
  return body.substr(0, 200);
}

}  // namespace

Status RunWalk(const std::string& api, const std::function<Status()>& walk) {
  try {
    return walk();
  } catch (const nlohmann::json::exception& e) {
    return DataLoss("a " + api + " response lacks an expected field (" + e.what() +
                    "); the API changed shape, see the last page in the landing manifest");
  }
}

std::string DescribeRequest(const std::string& source, const PageRequest& request) {
  return source + " " + request.http.method + " " + request.http.path + " page " +
         std::to_string(request.page);
}

PageFetcher::PageFetcher(std::string source, std::string token_variable,
                         http::HttpClient& client, landing::RunFolder& run)
    : source_(std::move(source)),
      token_variable_(std::move(token_variable)),
      client_(client),
      run_(run) {}

Status PageFetcher::StatusForHttpError(const PageRequest& request,
                                       const http::Response& response) const {
  std::string what = DescribeRequest(source_, request);
  std::string detail = ErrorDetail(response.body);
  switch (response.status) {
    case 401:
      return Unauthenticated(what + " was rejected (401: " + detail + "); check that " +
                             token_variable_ + " holds a valid, unexpired token");
    case 403:
      return PermissionDenied(what + " is not allowed (403: " + detail + "); grant the token "
                              "access to it or remove it from the config");
    case 404:
      return NotFound(what + " does not exist (404: " + detail + "); check the ids in the config");
    default:
      return InvalidArgument(what + " failed with HTTP " + std::to_string(response.status) +
                             ": " + detail);
  }
}

Result<nlohmann::json> PageFetcher::Fetch(const PageRequest& request) {
  const int max_tries = std::max(1, client_.options().max_attempts);
  std::string parse_error;

  for (int attempt = 1; attempt <= max_tries; ++attempt) {
    SPRINTETL_ASSIGN_OR_RETURN(http::Response response, client_.Send(request.http));
    if (response.status < 200 || response.status >= 300) {
      return StatusForHttpError(request, response);
    }

    nlohmann::json parsed;
    try {
      parsed = nlohmann::json::parse(response.body);
    } catch (const nlohmann::json::exception& e) {
      // A cut-off transfer looks like this too, so the page is requested again.
      parse_error = e.what();
      log::Get("extract")->warn("extract.retry source={} path={} page={} reason=\"not JSON\" "
                                "attempt={}", source_, request.http.path, request.page, attempt);
      continue;
    }

    landing::PageRecord record;
    record.source = source_;
    record.kind = request.kind;
    record.endpoint = request.http.path;
    record.query = request.http.query.empty() ? request.http.body.substr(0, 200)
                                              : request.http.query;
    record.page = request.page;
    record.context = request.context;
    // The query keeps only the start of a long body, so a resumed run matches requests by the
    // hash of the whole body.
    if (!request.http.body.empty()) {
      record.context[kRequestSha256] = landing::Sha256Hex(request.http.body);
    }
    SPRINTETL_RETURN_IF_ERROR(run_.WritePage(record, response.body));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++stats_.pages;
      stats_.bytes += static_cast<long long>(response.body.size());
    }
    progress::PageLanded(source_, static_cast<long long>(response.body.size()));
    return parsed;
  }
  return DataLoss(DescribeRequest(source_, request) + " returned a body that is not valid JSON " +
                  std::to_string(max_tries) + " times (" + parse_error +
                  "); the API or a proxy is sending broken responses, retry later");
}

FetchStats PageFetcher::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

}  // namespace sprintetl::sources
