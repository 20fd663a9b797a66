#include "sources/hubspot/hubspot_extractor.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "core/log.h"
#include "core/progress.h"
#include "sources/hubspot/hubspot_associations.h"
#include "sources/hubspot/hubspot_paging.h"
#include "sources/hubspot/hubspot_search.h"
#include "sources/concurrent_reads.h"
#include "sources/hubspot/property_catalog.h"
#include "sources/hubspot/property_type_changes.h"
#include "sources/resuming_fetcher.h"

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
  // Properties listed with their change history; empty lists none.
  std::vector<std::string> history_properties = {};
};

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// HubSpot caps a listing with propertiesWithHistory at this many records per page.
constexpr int kHistoryPageSize = 50;

std::vector<ObjectType> ObjectTypes(const config::HubSpot& config, bool seed_history) {
  std::vector<ObjectType> types = {
      {"companies", "hubspot.companies", config.company_properties, "hubspot.company_properties",
       seed_history ? config::TrackedCompanyProperties(config) : std::vector<std::string>()},
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

// Lands the declared properties of `type`, checks the configured names
// against them before any record is read, and warns about each configured
// property whose declared type differs from `previous`.
Status FetchAndCheckProperties(const config::HubSpot& config, ResumingFetcher& fetcher,
                               const ObjectType& type, const DeclaredTypes& previous,
                               std::vector<std::string>& warnings) {
  PageRequest request;
  request.http.path = config.properties_path + "/" + type.name;
  request.http.query = "archived=false";
  request.kind = "hubspot.properties";
  request.context = {{"object_type", type.name}};
  SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<PropertyInfo> known, ParsePropertyList(body));
  SPRINTETL_RETURN_IF_ERROR(
      CheckConfiguredProperties(type.name, type.config_key, type.properties, known));

  for (const PropertyTypeChange& change :
       FindTypeChanges(type.name, type.properties, known, previous)) {
    log::Get("extract")->warn(
        "extract.property_type_changed source=hubspot object={} property={} old_type={} "
        "new_type={}",
        change.object_type, change.property, change.old_type, change.new_type);
    warnings.push_back(DescribeTypeChange(change));
  }
  return Status::Ok();
}

// The declared types landed by the previous run, or none (with a warning) when its folder
// cannot be read: the run goes on without the comparison.
DeclaredTypes PreviousDeclaredTypes(const std::string& previous_run_path,
                                    std::vector<std::string>& warnings) {
  if (previous_run_path.empty()) return {};
  Result<DeclaredTypes> previous = ReadLandedDeclaredTypes(previous_run_path);
  if (previous.ok()) return *previous;
  log::Get("extract")->warn("extract.property_types_not_compared source=hubspot error=\"{}\"",
                            previous.status().ToString());
  warnings.push_back("HubSpot property types were not compared with the previous run: " +
                     previous.status().message());
  return {};
}

// Lists every live record of `type`, or with `archived` only the archived
// ones (HubSpot never returns both in one listing), calling `on_id` with each
// record id. Stops early once `reads` has stopped.
Status ListObjects(const config::HubSpot& config, ResumingFetcher& fetcher, const ObjectType& type,
                   bool archived, const ConcurrentReads& reads,
                   const std::function<Status(const std::string&)>& on_id) {
  // Archived records are read for their closing only, so they come without history.
  bool history = !archived && !type.history_properties.empty();
  int page_size = history ? std::min(config.page_size, kHistoryPageSize) : config.page_size;

  PageRequest first;
  first.http.path = config.objects_path + "/" + type.name;
  first.http.query = "limit=" + std::to_string(page_size) +
                     (archived ? "&archived=true" : "&archived=false");
  if (!type.properties.empty()) {
    first.http.query += "&properties=" + http::UrlEncode(Join(type.properties, ","));
  }
  if (history) {
    first.http.query +=
        "&propertiesWithHistory=" + http::UrlEncode(Join(type.history_properties, ","));
  }
  first.kind = type.kind;
  first.context = {{"object_type", type.name}};
  if (archived) first.context["archived"] = "true";
  if (history) first.context["history"] = "true";

  return FetchAllPages(fetcher, first, type.name, [&](const json& body) {
    if (reads.stopped()) return ConcurrentReads::StoppedEarly();
    for (const auto& record : body.at("results")) {
      SPRINTETL_RETURN_IF_ERROR(on_id(record.at("id").get<std::string>()));
    }
    return Status::Ok();
  });
}

Status ListOwners(const config::HubSpot& config, ResumingFetcher& fetcher, long long& count) {
  PageRequest first;
  first.http.path = config.owners_path;
  first.http.query = "limit=" + std::to_string(config.page_size) + "&archived=false";
  first.kind = "hubspot.owners";
  return FetchAllPages(fetcher, first, "owners", [&](const json& body) {
    count += static_cast<long long>(body.at("results").size());
    return Status::Ok();
  });
}

Status FetchDealPipelines(const config::HubSpot& config, ResumingFetcher& fetcher, long long& count) {
  PageRequest request;
  request.http.path = config.pipelines_path + "/deals";
  request.kind = "hubspot.pipelines";
  request.context = {{"object_type", "deals"}};
  SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
  count = static_cast<long long>(body.at("results").size());
  return Status::Ok();
}

// The association pairs read from the records of `type`: deals to companies, line items to
// deals, and companies to each configured custom object.
std::vector<std::string> AssociationTargets(const config::HubSpot& config,
                                            const std::string& type) {
  if (type == "deals") return {"companies"};
  if (type == "line_items") return {"deals"};
  if (type == "companies") return config.custom_objects;
  return {};
}

// With a base run, copies the base run's pages of `type` and then lands the
// records changed since, so the later copy of a record wins in the transform.
// Returns every id once.
Result<std::vector<std::string>> ReadChangedObjects(const config::HubSpot& config,
                                                    ResumingFetcher& fetcher, landing::RunFolder& run,
                                                    SearchPacer& pacer,
                                                    const IncrementalSource& incremental,
                                                    const ObjectType& type,
                                                    HubSpotSummary& summary) {
  // NOTE: search never returns archived or deleted records, so deals, line items and products
  // archived since the base run stay in the merged state until a --full-refresh run.
  std::vector<std::string> ids;
  SPRINTETL_ASSIGN_OR_RETURN(long long copied, CopyBasePages(incremental, run, type.kind, ids));
  summary.base_pages += copied;
  std::vector<std::string> changed;
  SearchQuery query{type.name, type.kind, type.properties, incremental.modified_since_ms};
  SPRINTETL_RETURN_IF_ERROR(SearchModifiedSince(config, fetcher, pacer, query, changed));
  summary.changed[type.name] = static_cast<long long>(changed.size());
  ids.insert(ids.end(), changed.begin(), changed.end());

  std::set<std::string> unique;
  std::vector<std::string> kept;
  for (std::string& id : ids) {
    if (unique.insert(id).second) kept.push_back(std::move(id));
  }
  return kept;
}

// Reads the records of `type` and their associations into `summary`. A full
// read lists the records and feeds each page's ids to the association
// readers, so no id list of the whole type is kept. An incremental read
// (custom objects excepted, because HubSpot's documentation disagrees on
// whether search supports them) merges the base run with a search.
Status ReadObjectsAndAssociations(const config::HubSpot& config, ResumingFetcher& fetcher,
                                  landing::RunFolder& run, SearchPacer& pacer,
                                  const std::optional<IncrementalSource>& incremental,
                                  const ConcurrentReads& reads, const ObjectType& type,
                                  HubSpotSummary& summary) {
  std::vector<std::unique_ptr<AssociationReader>> readers;
  for (const std::string& target : AssociationTargets(config, type.name)) {
    readers.push_back(std::make_unique<AssociationReader>(config, fetcher, type.name, target));
  }
  long long& count = summary.records[type.name];
  auto on_id = [&](const std::string& id) {
    ++count;
    for (auto& reader : readers) SPRINTETL_RETURN_IF_ERROR(reader->Add(id));
    return Status::Ok();
  };

  if (!incremental || type.kind == "hubspot.custom_objects") {
    SPRINTETL_RETURN_IF_ERROR(ListObjects(config, fetcher, type, false, reads, on_id));
  } else {
    SPRINTETL_ASSIGN_OR_RETURN(
        std::vector<std::string> ids,
        ReadChangedObjects(config, fetcher, run, pacer, *incremental, type, summary));
    for (const std::string& id : ids) SPRINTETL_RETURN_IF_ERROR(on_id(id));
  }
  for (auto& reader : readers) {
    SPRINTETL_RETURN_IF_ERROR(reader->Finish());
    summary.association_pages += reader->pages();
  }
  return Status::Ok();
}

// Archived companies, owners and deal pipelines: a few pages, read on one thread.
Status ReadReferenceData(const config::HubSpot& config, ResumingFetcher& fetcher,
                         const ConcurrentReads& reads, const ObjectType& companies,
                         HubSpotSummary& summary) {
  long long& archived = summary.records["archived_companies"];
  SPRINTETL_RETURN_IF_ERROR(ListObjects(config, fetcher, companies, true, reads,
                                        [&](const std::string&) {
                                          ++archived;
                                          return Status::Ok();
                                        }));
  SPRINTETL_RETURN_IF_ERROR(ListOwners(config, fetcher, summary.records["owners"]));
  return FetchDealPipelines(config, fetcher, summary.records["pipelines"]);
}

void AddSummary(const HubSpotSummary& part, HubSpotSummary& total) {
  for (const auto& [name, count] : part.records) total.records[name] += count;
  for (const auto& [name, count] : part.changed) total.changed[name] += count;
  total.base_pages += part.base_pages;
  total.association_pages += part.association_pages;
}

Status Walk(const config::HubSpot& config, ResumingFetcher& fetcher, landing::RunFolder& run,
            const std::optional<IncrementalSource>& incremental,
            const std::string& previous_run_path, bool seed_history, HubSpotSummary& summary) {
  const std::vector<ObjectType> types = ObjectTypes(config, seed_history);
  // One properties page and one records page per type, owners, pipelines,
  // the archived companies and one association batch per pair, at least.
  progress::ExpectPages(static_cast<long long>(3 * types.size() + 3));

  DeclaredTypes previous = PreviousDeclaredTypes(previous_run_path, summary.warnings);
  for (const ObjectType& type : types) {
    SPRINTETL_RETURN_IF_ERROR(
        FetchAndCheckProperties(config, fetcher, type, previous, summary.warnings));
  }

  // Each object type is paged by its own cursor, so the types are read side by side. Every
  // read keeps its own summary until all have ended.
  SearchPacer pacer(config.search_requests_per_second);
  ConcurrentReads reads;
  std::vector<HubSpotSummary> parts(types.size() + 1);
  for (size_t i = 0; i < types.size(); ++i) {
    reads.Add([&, i] {
      return RunWalk("HubSpot", [&] {
        return ReadObjectsAndAssociations(config, fetcher, run, pacer, incremental, reads,
                                          types[i], parts[i]);
      });
    });
  }
  reads.Add([&] {
    return RunWalk("HubSpot", [&] {
      return ReadReferenceData(config, fetcher, reads, types[0], parts.back());
    });
  });
  SPRINTETL_RETURN_IF_ERROR(reads.Run());
  for (const HubSpotSummary& part : parts) AddSummary(part, summary);
  return Status::Ok();
}

// Returns the message for a 429 whose policy is the daily limit: retrying cannot succeed
// before midnight in the portal's time zone. Other policies (TEN_SECONDLY_ROLLING, SECONDLY)
// return nullopt and are retried after the window.
std::optional<std::string> DailyLimitMessage(const http::Response& response) {
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || body.value("policyName", json()) != "DAILY") return std::nullopt;
  return "the HubSpot daily request limit is used up (policy DAILY: \"" +
         body.value("message", std::string()) +
         "\"); it resets at midnight in the portal's time zone, so run again after that";
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
  options.rate_headers.secondly_limit = "x-hubspot-ratelimit-secondly";
  options.rate_headers.secondly_remaining = "x-hubspot-ratelimit-secondly-remaining";
  options.rate_headers.daily_limit = "x-hubspot-ratelimit-daily";
  options.rate_headers.daily_remaining = "x-hubspot-ratelimit-daily-remaining";
  options.rate_headers.rolling_window = true;
  options.final_rate_limit_message = DailyLimitMessage;
  return options;
}

Result<HubSpotSummary> ExtractHubSpot(const config::HubSpot& config, http::HttpClient& client,
                                      landing::RunFolder& run, const HubSpotReadPlan& plan) {
  auto started = std::chrono::steady_clock::now();
  PageFetcher pages("hubspot", "HUBSPOT_ACCESS_TOKEN", client, run);
  SPRINTETL_ASSIGN_OR_RETURN(ResumingFetcher fetcher, ResumingFetcher::Create(pages, run));
  HubSpotSummary summary;
  const std::optional<IncrementalSource>& incremental = plan.incremental;
  std::string previous = plan.previous_run_path;
  if (previous.empty() && incremental) previous = incremental->base_landing_path;
  summary.seeded_history = plan.seed_history && !incremental &&
                           !config::TrackedCompanyProperties(config).empty();

  if (incremental) {
    log::Get("extract")->info("extract.incremental source=hubspot base_run={} since_ms={}",
                              incremental->base_run_id, incremental->modified_since_ms);
  }
  if (summary.seeded_history) {
    log::Get("extract")->info("extract.history source=hubspot object=companies properties={}",
                              Join(config::TrackedCompanyProperties(config), ","));
  }
  SPRINTETL_RETURN_IF_ERROR(RunWalk("HubSpot", [&] {
    return Walk(config, fetcher, run, incremental, previous, summary.seeded_history, summary);
  }));

  summary.pages = pages.stats().pages;
  summary.bytes = pages.stats().bytes;
  summary.reused_pages = fetcher.reused_pages();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  log::Get("extract")->info(
      "extract.done source=hubspot companies={} archived_companies={} deals={} line_items={} "
      "products={} owners={} pipelines={} association_pages={} pages={} reused_pages={} "
      "bytes={} ms={}",
      summary.records["companies"], summary.records["archived_companies"],
      summary.records["deals"], summary.records["line_items"], summary.records["products"],
      summary.records["owners"], summary.records["pipelines"], summary.association_pages,
      summary.pages, summary.reused_pages, summary.bytes, ms);
  return summary;
}

}  // namespace sprintetl::sources
