#include "sources/hubspot/hubspot_extractor.h"

#include <chrono>
#include <set>
#include <vector>

#include "core/log.h"
#include "core/progress.h"
#include "sources/page_fetcher.h"

namespace sprintetl::sources {
namespace {

using nlohmann::json;

// The v4 batch association read takes at most this many ids per request.
constexpr size_t kAssociationBatch = 1000;

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Lists every record of one object type; returns their ids in page order.
Result<std::vector<std::string>> ListObjects(const config::HubSpot& config, PageFetcher& fetcher,
                                             const std::string& type,
                                             const std::vector<std::string>& properties) {
  std::vector<std::string> ids;
  std::set<std::string> seen_cursors;
  std::string after;

  for (int page = 0;; ++page) {
    PageRequest request;
    request.http.path = config.objects_path + "/" + type;
    request.http.query = "limit=" + std::to_string(config.page_size) + "&archived=false";
    if (!properties.empty()) {
      request.http.query += "&properties=" + http::UrlEncode(Join(properties, ","));
    }
    if (!after.empty()) request.http.query += "&after=" + http::UrlEncode(after);
    request.kind = "hubspot." + type;
    request.page = page;
    request.context = {{"object_type", type}};

    SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
    for (const auto& record : body.at("results")) ids.push_back(record.at("id").get<std::string>());

    if (!body.contains("paging") || !body["paging"].contains("next")) break;
    after = body["paging"]["next"].at("after").get<std::string>();
    if (!seen_cursors.insert(after).second) {
      return DataLoss("hubspot " + request.http.path + " page " + std::to_string(page) +
                      " returned the paging cursor '" + after + "' a second time; stopping "
                      "instead of looping. Retry later; if it persists the portal's index is "
                      "inconsistent");
    }
  }
  return ids;
}

Status ReadAssociations(const config::HubSpot& config, PageFetcher& fetcher,
                        const std::string& from_type, const std::string& to_type,
                        const std::vector<std::string>& ids, long long& pages) {
  for (size_t start = 0, page = 0; start < ids.size(); start += kAssociationBatch, ++page) {
    json inputs = json::array();
    for (size_t i = start; i < std::min(ids.size(), start + kAssociationBatch); ++i) {
      inputs.push_back({{"id", ids[i]}});
    }
    PageRequest request;
    request.http.method = "POST";
    request.http.path = config.associations_path + "/" + from_type + "/" + to_type + "/batch/read";
    request.http.body = json{{"inputs", inputs}}.dump();
    request.kind = "hubspot.associations";
    request.page = static_cast<int>(page);
    request.context = {{"from_type", from_type}, {"to_type", to_type}};
    SPRINTETL_RETURN_IF_ERROR(fetcher.Fetch(request).status());
    ++pages;
  }
  return Status::Ok();
}

Status Walk(const config::HubSpot& config, PageFetcher& fetcher, HubSpotSummary& summary) {
  struct ObjectType {
    std::string name;
    const std::vector<std::string>& properties;
  };
  const ObjectType types[] = {{"companies", config.company_properties},
                              {"deals", config.deal_properties},
                              {"line_items", config.line_item_properties},
                              {"products", config.product_properties}};

  // At least one page per object type and one association batch per pair.
  progress::ExpectPages(static_cast<long long>(std::size(types)) + 2);
  std::map<std::string, std::vector<std::string>> ids;
  for (const auto& type : types) {
    SPRINTETL_ASSIGN_OR_RETURN(ids[type.name],
                               ListObjects(config, fetcher, type.name, type.properties));
    summary.records[type.name] = static_cast<long long>(ids[type.name].size());
  }

  SPRINTETL_RETURN_IF_ERROR(ReadAssociations(config, fetcher, "deals", "companies", ids["deals"],
                                             summary.association_pages));
  SPRINTETL_RETURN_IF_ERROR(ReadAssociations(config, fetcher, "line_items", "deals",
                                             ids["line_items"], summary.association_pages));
  return Status::Ok();
}

}  // namespace

http::ClientOptions HubSpotClientOptions(const config::HubSpot& config, const std::string& token) {
  http::ClientOptions options;
  options.name = "hubspot";
  options.base_url = config.base_url;
  options.authorization = "Bearer " + token;
  options.max_attempts = config.max_attempts;
  options.timeout = std::chrono::seconds(config.timeout_seconds);
  options.rate_headers.api = "hubspot";
  options.rate_headers.limit = "x-hubspot-ratelimit-max";
  options.rate_headers.remaining = "x-hubspot-ratelimit-remaining";
  options.rate_headers.reset_epoch_seconds = "";
  options.rate_headers.interval_ms = "x-hubspot-ratelimit-interval-milliseconds";
  return options;
}

Result<HubSpotSummary> ExtractHubSpot(const config::HubSpot& config, http::HttpClient& client,
                                      landing::RunFolder& run) {
  auto started = std::chrono::steady_clock::now();
  PageFetcher fetcher("hubspot", "HUBSPOT_ACCESS_TOKEN", client, run);
  HubSpotSummary summary;

  SPRINTETL_RETURN_IF_ERROR(RunWalk("HubSpot", [&] { return Walk(config, fetcher, summary); }));

  summary.pages = fetcher.stats().pages;
  summary.bytes = fetcher.stats().bytes;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  log::Get("extract")->info(
      "extract.done source=hubspot companies={} deals={} line_items={} products={} "
      "association_pages={} pages={} bytes={} ms={}",
      summary.records["companies"], summary.records["deals"], summary.records["line_items"],
      summary.records["products"], summary.association_pages, summary.pages, summary.bytes, ms);
  return summary;
}

}  // namespace sprintetl::sources
