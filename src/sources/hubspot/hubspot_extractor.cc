#include "sources/hubspot/hubspot_extractor.h"

#include <chrono>
#include <set>
#include <vector>

#include "core/log.h"
#include "core/progress.h"
#include "sources/hubspot/hubspot_associations.h"
#include "sources/hubspot/hubspot_paging.h"
#include "sources/hubspot/hubspot_search.h"
#include "sources/hubspot/property_catalog.h"
#include "sources/page_fetcher.h"

namespace sprintetl::sources {
namespace {

using nlohmann::json;

// One object type to list: its path segment, manifest kind, configured
// properties and the config key that names them (for error messages).
struct ObjectType {
  std::string name;
  std::string kind;
  const std::vector<std::string>& properties;
  std::string config_key;
};

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::vector<ObjectType> ObjectTypes(const config::HubSpot& config) {
  std::vector<ObjectType> types = {
      {"companies", "hubspot.companies", config.company_properties, "hubspot.company_properties"},
      {"deals", "hubspot.deals", config.deal_properties, "hubspot.deal_properties"},
      {"line_items", "hubspot.line_items", config.line_item_properties,
       "hubspot.line_item_properties"},
      {"products", "hubspot.products", config.product_properties, "hubspot.product_properties"},
  };
  for (const std::string& custom : config.custom_objects) {
    types.push_back({custom, "hubspot.custom_objects", config.custom_object_properties,
                     "hubspot.custom_object_properties"});
  }
  return types;
}

// Lands the declared properties of `type` and checks the configured names
// against them before any record is read.
Status FetchAndCheckProperties(const config::HubSpot& config, PageFetcher& fetcher,
                               const ObjectType& type) {
  PageRequest request;
  request.http.path = config.properties_path + "/" + type.name;
  request.http.query = "archived=false";
  request.kind = "hubspot.properties";
  request.context = {{"object_type", type.name}};
  SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<PropertyInfo> known, ParsePropertyList(body));
  return CheckConfiguredProperties(type.name, type.config_key, type.properties, known);
}

// Lists every live record of `type`, or with `archived` only the archived
// ones (HubSpot never returns both in one listing); appends their ids.
Status ListObjects(const config::HubSpot& config, PageFetcher& fetcher, const ObjectType& type,
                   bool archived, std::vector<std::string>& ids) {
  PageRequest first;
  first.http.path = config.objects_path + "/" + type.name;
  first.http.query = "limit=" + std::to_string(config.page_size) +
                     (archived ? "&archived=true" : "&archived=false");
  if (!type.properties.empty()) {
    first.http.query += "&properties=" + http::UrlEncode(Join(type.properties, ","));
  }
  first.kind = type.kind;
  first.context = {{"object_type", type.name}};
  if (archived) first.context["archived"] = "true";

  return FetchAllPages(fetcher, first, type.name, [&](const json& body) {
    for (const auto& record : body.at("results")) ids.push_back(record.at("id").get<std::string>());
    return Status::Ok();
  });
}

Status ListOwners(const config::HubSpot& config, PageFetcher& fetcher, long long& count) {
  PageRequest first;
  first.http.path = config.owners_path;
  first.http.query = "limit=" + std::to_string(config.page_size) + "&archived=false";
  first.kind = "hubspot.owners";
  return FetchAllPages(fetcher, first, "owners", [&](const json& body) {
    count += static_cast<long long>(body.at("results").size());
    return Status::Ok();
  });
}

Status FetchDealPipelines(const config::HubSpot& config, PageFetcher& fetcher, long long& count) {
  PageRequest request;
  request.http.path = config.pipelines_path + "/deals";
  request.kind = "hubspot.pipelines";
  request.context = {{"object_type", "deals"}};
  SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
  count = static_cast<long long>(body.at("results").size());
  return Status::Ok();
}

// Without a base run, lists every record of `type`. With one, copies the base
// run's pages of the type and then lands the records changed since, so the
// later copy of a record wins in the transform. Custom objects are always
// listed, because HubSpot's documentation disagrees on whether search
// supports them.
Status ReadObjects(const config::HubSpot& config, PageFetcher& fetcher, landing::RunFolder& run,
                   SearchPacer& pacer, const std::optional<IncrementalSource>& incremental,
                   const ObjectType& type, std::vector<std::string>& ids, HubSpotSummary& summary) {
  if (!incremental || type.kind == "hubspot.custom_objects") {
    return ListObjects(config, fetcher, type, false, ids);
  }
  // NOTE: search never returns archived or deleted records, so deals, line items and products
  // archived since the base run stay in the merged state until a --full-refresh run.
  SPRINTETL_ASSIGN_OR_RETURN(long long copied, CopyBasePages(*incremental, run, type.kind, ids));
  summary.base_pages += copied;
  std::vector<std::string> changed;
  SearchQuery query{type.name, type.kind, type.properties, incremental->modified_since_ms};
  SPRINTETL_RETURN_IF_ERROR(SearchModifiedSince(config, fetcher, pacer, query, changed));
  summary.changed[type.name] = static_cast<long long>(changed.size());
  ids.insert(ids.end(), changed.begin(), changed.end());

  std::set<std::string> unique;
  std::vector<std::string> kept;
  for (std::string& id : ids) {
    if (unique.insert(id).second) kept.push_back(std::move(id));
  }
  ids = std::move(kept);
  return Status::Ok();
}

Status Walk(const config::HubSpot& config, PageFetcher& fetcher, landing::RunFolder& run,
            const std::optional<IncrementalSource>& incremental, HubSpotSummary& summary) {
  const std::vector<ObjectType> types = ObjectTypes(config);
  // One properties page and one records page per type, owners, pipelines,
  // the archived companies and one association batch per pair, at least.
  progress::ExpectPages(static_cast<long long>(3 * types.size() + 3));

  for (const ObjectType& type : types) {
    SPRINTETL_RETURN_IF_ERROR(FetchAndCheckProperties(config, fetcher, type));
  }

  std::map<std::string, std::vector<std::string>> ids;
  SearchPacer pacer(config.search_requests_per_second);
  for (const ObjectType& type : types) {
    SPRINTETL_RETURN_IF_ERROR(ReadObjects(config, fetcher, run, pacer, incremental, type,
                                          ids[type.name], summary));
    summary.records[type.name] = static_cast<long long>(ids[type.name].size());
  }
  std::vector<std::string> archived_companies;
  SPRINTETL_RETURN_IF_ERROR(ListObjects(config, fetcher, types[0], true, archived_companies));
  summary.records["archived_companies"] = static_cast<long long>(archived_companies.size());
  SPRINTETL_RETURN_IF_ERROR(ListOwners(config, fetcher, summary.records["owners"]));
  SPRINTETL_RETURN_IF_ERROR(FetchDealPipelines(config, fetcher, summary.records["pipelines"]));

  SPRINTETL_RETURN_IF_ERROR(FetchAssociations(config, fetcher, "deals", "companies", ids["deals"],
                                              summary.association_pages));
  SPRINTETL_RETURN_IF_ERROR(FetchAssociations(config, fetcher, "line_items", "deals",
                                              ids["line_items"], summary.association_pages));
  for (const std::string& custom : config.custom_objects) {
    SPRINTETL_RETURN_IF_ERROR(FetchAssociations(config, fetcher, "companies", custom,
                                                ids["companies"], summary.association_pages));
  }
  return Status::Ok();
}

}  // namespace

// NOTE: only the 10-second headers pace requests. X-HubSpot-RateLimit-Daily-Remaining is not
// read, and a 429 for the daily limit is retried like a 10-second one.
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
                                      landing::RunFolder& run,
                                      const std::optional<IncrementalSource>& incremental) {
  auto started = std::chrono::steady_clock::now();
  PageFetcher fetcher("hubspot", "HUBSPOT_ACCESS_TOKEN", client, run);
  HubSpotSummary summary;

  if (incremental) {
    log::Get("extract")->info("extract.incremental source=hubspot base_run={} since_ms={}",
                              incremental->base_run_id, incremental->modified_since_ms);
  }
  SPRINTETL_RETURN_IF_ERROR(
      RunWalk("HubSpot", [&] { return Walk(config, fetcher, run, incremental, summary); }));

  summary.pages = fetcher.stats().pages;
  summary.bytes = fetcher.stats().bytes;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  log::Get("extract")->info(
      "extract.done source=hubspot companies={} archived_companies={} deals={} line_items={} "
      "products={} owners={} pipelines={} association_pages={} pages={} bytes={} ms={}",
      summary.records["companies"], summary.records["archived_companies"],
      summary.records["deals"], summary.records["line_items"], summary.records["products"],
      summary.records["owners"], summary.records["pipelines"], summary.association_pages,
      summary.pages, summary.bytes, ms);
  return summary;
}

}  // namespace sprintetl::sources
