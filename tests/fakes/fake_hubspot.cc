// Routing, auth, rate headers, object paging and associations of the fake HubSpot server.
#include "fakes/fake_hubspot.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <regex>
#include <sstream>
#include <variant>

namespace sprintetl::fakes {

namespace {

// Properties HubSpot adds to every record of a list read, whatever was requested.
const char* const kAlwaysReturned[] = {"hs_object_id", "createdate", "hs_createdate",
                                       "hs_lastmodifieddate"};

constexpr int kMaxBatchInputs = 1000;

std::string CorrelationId() {
  static std::atomic<int> counter{0};
  char id[40];
  std::snprintf(id, sizeof(id), "0fa4e000-0000-4000-8000-%012d", ++counter);
  return id;
}

std::string IsoNow() {
  std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S.000Z", std::gmtime(&now));
  return text;
}

// Splits the values of a repeatable, comma-separated query parameter.
std::vector<std::string> ListParam(const httplib::Request& request, const char* key) {
  std::vector<std::string> names;
  for (size_t i = 0; i < request.get_param_value_count(key); ++i) {
    std::stringstream values(request.get_param_value(key, i));
    for (std::string name; std::getline(values, name, ',');) {
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

// Returns the raw query without its `after` parameter, to build paging links.
std::string QueryWithoutAfter(const std::string& target) {
  size_t mark = target.find('?');
  if (mark == std::string::npos) return "";
  std::stringstream pairs(target.substr(mark + 1));
  std::string kept;
  for (std::string pair; std::getline(pairs, pair, '&');) {
    if (pair.empty() || pair.starts_with("after=")) continue;
    kept += pair + "&";
  }
  return kept;
}

}  // namespace

Reply HubSpotError(int status, const std::string& category, const std::string& message) {
  return JsonReply(status, Json{{"status", "error"},
                                {"message", message},
                                {"correlationId", CorrelationId()},
                                {"category", category}});
}

FakeHubSpot::FakeHubSpot(FakeHubSpotOptions options)
    : FakeServer(options.rate_limit, options.rate_window),
      options_(std::move(options)),
      dirs_(options_.data_dirs) {
  // NOTE: only the companies default set is documented; the other types return just the
  // properties HubSpot always adds when ?properties= is absent.
  types_ = {
      {"companies",
       {"companies_page", "company", {"name", "domain", "createdate", "hs_lastmodifieddate"}}},
      {"deals", {"deals_page", "deal", {}}},
      {"line_items", {"line_items_page", "line_item", {}}},
      {"products", {"products_page", "product", {}}},
      {"2-9876543", {"custom_objects_squads_page", "p1234567_squad", {}}},
  };
  type_aliases_ = {{"0-2", "companies"},
                   {"0-3", "deals"},
                   {"0-7", "products"},
                   {"0-8", "line_items"},
                   {"p1234567_squad", "2-9876543"}};

  Get(R"(/crm/v3/objects/([^/]+))", [this](const auto& r) { return ListObjects(r.matches[1], r); });
  Post(R"(/crm/v3/objects/([^/]+)/search)",
       [this](const auto& r) { return SearchObjects(r.matches[1], r); });
  Get("/crm/v3/owners/?", [this](const auto& r) { return ListOwners(r); });
  Get("/crm/v3/pipelines/deals",
      [this](const auto&) { return StaticFile("pipelines_deals.json"); });
  Get("/crm/v3/schemas", [this](const auto&) { return StaticFile("schemas_custom_squad.json"); });
  Get(R"(/crm/v3/properties/([^/]+))",
      [this](const auto& r) { return ListProperties(r.matches[1]); });
  Post(R"(/crm/v4/associations/([^/]+)/([^/]+)/batch/read)",
       [this](const auto& r) { return BatchReadAssociations(r.matches[1], r.matches[2], r.body); });
}

FakeHubSpot::~FakeHubSpot() { Stop(); }

std::string FakeHubSpot::base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

std::optional<std::string> FakeHubSpot::CanonicalType(const std::string& name) const {
  if (types_.contains(name)) return name;
  auto alias = type_aliases_.find(name);
  if (alias != type_aliases_.end()) return alias->second;
  return std::nullopt;
}

bool FakeHubSpot::LoadData(std::string* error) {
  std::lock_guard<std::mutex> lock(state_mutex());
  for (auto [name, body] : {std::pair{"error_401.json", &unauthorized_body_},
                            std::pair{"error_429_ten_secondly.json", &rate_limited_body_}}) {
    std::optional<Json> parsed = dirs_.ReadJson(name, error);
    if (!parsed) {
      if (error->empty())
        *error = std::string("fixture ") + name + " is missing from the HubSpot data folders";
      return false;
    }
    *body = parsed->dump();
  }
  return LoadRecords(error) && LoadAssociations(error);
}

bool FakeHubSpot::LoadRecords(std::string* error) {
  auto load_pages = [&](const std::string& prefix, std::vector<Json>* out) {
    // Page files sort by their number, so page10 follows page9.
    std::vector<std::string> files = dirs_.ListFiles(prefix, ".json");
    const std::regex page_file(prefix + R"((\d+)\.json)");
    std::vector<std::pair<int, std::string>> pages;
    for (const std::string& name : files) {
      std::smatch match;
      if (std::regex_match(name, match, page_file)) pages.emplace_back(std::stoi(match[1]), name);
    }
    std::sort(pages.begin(), pages.end());

    for (const auto& [number, name] : pages) {
      std::optional<Json> page = dirs_.ReadJson(name, error);
      if (!page) return false;
      for (Json& record : (*page)["results"]) {
        if (!record.value("id", Json()).is_string()) {
          *error = "a record in fixture " + name + " lacks a string id; add one";
          return false;
        }
        record.erase("associations");  // served from associations.json instead
        auto same_id = [&](const Json& known) { return known["id"] == record["id"]; };
        auto known = std::find_if(out->begin(), out->end(), same_id);
        if (known != out->end()) {
          *known = std::move(record);
        } else {
          out->push_back(std::move(record));
        }
      }
    }
    return true;
  };

  for (const auto& [type, info] : types_) {
    if (!load_pages(info.file_prefix, &records_[type])) return false;
    if (!AttachHistory(info.singular + "_with_history.json", records_[type], error)) return false;
    if (GeneratedCount(type) > 0) {
      if (records_[type].empty()) {
        *error = "generated " + type + " need a fixture record as their template; add one";
        return false;
      }
      templates_[type] = records_[type].front();
    }
  }
  std::optional<Json> owners = dirs_.ReadJson("owners.json", error);
  if (!error->empty()) return false;
  if (owners) {
    for (Json& owner : (*owners)["results"]) owners_.push_back(std::move(owner));
  }
  return true;
}

bool FakeHubSpot::AttachHistory(const std::string& file, std::vector<Json>& records,
                                std::string* error) {
  std::optional<Json> single = dirs_.ReadJson(file, error);
  if (!single) return error->empty();
  auto same_id = [&](const Json& record) { return record["id"] == (*single)["id"]; };
  auto record = std::find_if(records.begin(), records.end(), same_id);
  if (record == records.end()) {
    *error = "fixture " + file + " has the id " + (*single)["id"].dump() +
             ", which no listed record has; add that record to a page file";
    return false;
  }
  (*record)["propertiesWithHistory"] = (*single).value("propertiesWithHistory", Json::object());
  return true;
}

// associations.json: {"inverseTypeIds": {"5": 6, ...}, "associations": {"deals/companies":
// {"<from id>": [{toObjectId, associationTypes}]}}}. Each pair's reverse is derived unless the
// file lists it too; type ids without an inverse are left out of the reverse.
bool FakeHubSpot::LoadAssociations(std::string* error) {
  std::optional<Json> file = dirs_.ReadJson("associations.json", error);
  if (!file) {
    if (error->empty())
      *error = "fixture associations.json is missing from the HubSpot data folders";
    return false;
  }
  const Json& inverse = (*file).value("inverseTypeIds", Json::object());
  const Json& pairs = (*file).value("associations", Json::object());
  for (const auto& [pair, by_id] : pairs.items()) {
    for (const auto& [from_id, targets] : by_id.items()) {
      for (const Json& target : targets) associations_[pair][from_id].push_back(target);
    }
  }
  for (const auto& [pair, by_id] : pairs.items()) {
    size_t slash = pair.find('/');
    if (slash == std::string::npos) {
      *error = "associations.json key \"" + pair + "\" is not fromType/toType; fix it";
      return false;
    }
    std::string reverse = pair.substr(slash + 1) + "/" + pair.substr(0, slash);
    if (pairs.contains(reverse)) continue;
    for (const auto& [from_id, targets] : by_id.items()) {
      for (const Json& target : targets) {
        Json types = Json::array();
        for (const Json& type : target["associationTypes"]) {
          std::string key = std::to_string(type.value("typeId", 0));
          if (!inverse.contains(key)) continue;
          Json flipped = type;
          flipped["typeId"] = inverse[key];
          types.push_back(flipped);
        }
        if (types.empty()) continue;
        std::string to_id = std::to_string(target["toObjectId"].get<int64_t>());
        associations_[reverse][to_id].push_back(
            {{"toObjectId", std::stoll(from_id)}, {"associationTypes", types}});
      }
    }
  }
  return true;
}

std::optional<Reply> FakeHubSpot::CheckAuth(const httplib::Request& request) {
  if (request.get_header_value("Authorization") == "Bearer " + options_.token) return std::nullopt;
  return Reply{401, unauthorized_body_};
}

std::optional<Reply> FakeHubSpot::CheckQuota() {
  if (++daily_used_ > options_.daily_limit) {
    return Reply{429, Json{{"status", "error"},
                           {"message", "You have reached your daily limit."},
                           {"errorType", "RATE_LIMIT"},
                           {"correlationId", CorrelationId()},
                           {"policyName", "DAILY"},
                           {"groupName", "publicapi:private-app-api-calls-daily:1234567"}}
                          .dump()};
  }
  if (options_.secondly_limit <= 0) return std::nullopt;

  std::lock_guard<std::mutex> lock(quota_mutex_);
  int64_t now = NowUnixMs();
  if (now >= second_window_end_ms_) {
    second_used_ = 0;
    second_window_end_ms_ = now + 1000;
  }
  if (second_used_ < options_.secondly_limit) {
    ++second_used_;
    return std::nullopt;
  }
  return Reply{429, Json{{"status", "error"},
                         {"message", "You have reached your secondly limit."},
                         {"errorType", "RATE_LIMIT"},
                         {"correlationId", CorrelationId()},
                         {"policyName", "SECONDLY"}}
                        .dump()};
}

void FakeHubSpot::AddRateHeaders(const RateSnapshot& rate, httplib::Response* response) {
  response->set_header("X-HubSpot-RateLimit-Max", std::to_string(rate.limit));
  response->set_header("X-HubSpot-RateLimit-Remaining", std::to_string(rate.remaining));
  response->set_header("X-HubSpot-RateLimit-Interval-Milliseconds", std::to_string(rate.window_ms));
  if (options_.daily_headers) {
    int64_t used = daily_used_;
    response->set_header("X-HubSpot-RateLimit-Daily", std::to_string(options_.daily_limit));
    response->set_header("X-HubSpot-RateLimit-Daily-Remaining",
                         std::to_string(std::max<int64_t>(0, options_.daily_limit - used)));
  }
  if (options_.secondly_limit > 0) {
    std::lock_guard<std::mutex> lock(quota_mutex_);
    bool in_window = NowUnixMs() < second_window_end_ms_;
    int used = in_window ? second_used_ : 0;
    response->set_header("X-HubSpot-RateLimit-Secondly", std::to_string(options_.secondly_limit));
    response->set_header("X-HubSpot-RateLimit-Secondly-Remaining",
                         std::to_string(std::max(0, options_.secondly_limit - used)));
  }
}

Reply FakeHubSpot::RateLimitedReply() { return {429, rate_limited_body_}; }

Reply FakeHubSpot::ServerErrorReply(int status) {
  // NOTE: invented body; HubSpot's 5xx bodies are not documented.
  return HubSpotError(status, "INTERNAL_ERROR", "internal error, retry the request");
}

std::vector<Json> FakeHubSpot::Records(const std::string& object_type) const {
  std::lock_guard<std::mutex> lock(state_mutex());
  std::optional<std::string> type = CanonicalType(object_type);
  return type ? records_.at(*type) : std::vector<Json>{};
}

std::vector<Json> FakeHubSpot::Associations(const std::string& from_type,
                                            const std::string& to_type,
                                            const std::string& from_id) const {
  std::lock_guard<std::mutex> lock(state_mutex());
  std::optional<std::string> from = CanonicalType(from_type);
  std::optional<std::string> to = CanonicalType(to_type);
  if (!from || !to) return {};
  auto pair = associations_.find(*from + "/" + *to);
  if (pair == associations_.end()) return {};
  auto targets = pair->second.find(from_id);
  return targets == pair->second.end() ? std::vector<Json>{} : targets->second;
}

void FakeHubSpot::PutRecord(const std::string& object_type, Json record) {
  std::lock_guard<std::mutex> lock(state_mutex());
  std::optional<std::string> type = CanonicalType(object_type);
  if (!type) return;
  std::vector<Json>& records = records_[*type];
  auto same_id = [&](const Json& known) { return known["id"] == record["id"]; };
  auto known = std::find_if(records.begin(), records.end(), same_id);
  if (known != records.end()) {
    *known = std::move(record);
  } else {
    records.push_back(std::move(record));
  }
}

Reply FakeHubSpot::StaticFile(const std::string& name) {
  std::string error;
  std::optional<Json> file = dirs_.ReadJson(name, &error);
  if (!file) return HubSpotError(404, "OBJECT_NOT_FOUND", name + " is not in the fake's data");
  return JsonReply(200, *file);
}

Reply FakeHubSpot::ListProperties(const std::string& type_name) {
  std::optional<std::string> type = CanonicalType(type_name);
  if (!type) {
    return HubSpotError(400, "VALIDATION_ERROR", "Unable to infer object type from: " + type_name);
  }
  std::string error;
  if (dirs_.ReadJson("properties_" + *type + ".json", &error)) {
    return StaticFile("properties_" + *type + ".json");
  }
  if (*type == "companies") return StaticFile("properties_companies_subset.json");
  return StaticFile("properties_" + *type + ".json");
}

std::variant<int, Reply> FakeHubSpot::PageLimit(const httplib::Request& request, int max_limit) {
  if (!request.has_param("limit")) return 10;  // HubSpot's default page size
  std::string text = request.get_param_value("limit");
  bool digits =
      !text.empty() && text.size() < 10 && std::all_of(text.begin(), text.end(), ::isdigit);
  int limit = digits ? std::stoi(text) : 0;
  if (limit >= 1 && limit <= max_limit) return limit;
  return HubSpotError(400, "VALIDATION_ERROR",
                      "limit must be an integer from 1 to " + std::to_string(max_limit) +
                          ", got \"" + text + "\"");
}

Reply FakeHubSpot::Page(const std::vector<Json>& items, const httplib::Request& request,
                        int max_limit, const std::function<Json(const Json&)>& shape) {
  std::variant<int, Reply> page_limit = PageLimit(request, max_limit);
  if (const Reply* rejected = std::get_if<Reply>(&page_limit)) return *rejected;
  int limit = std::get<int>(page_limit);

  size_t begin = 0;
  if (request.has_param("after")) {
    std::string after = request.get_param_value("after");
    auto same_id = [&](const Json& item) { return item["id"] == after; };
    auto found = std::find_if(items.begin(), items.end(), same_id);
    if (found == items.end()) {
      return HubSpotError(400, "VALIDATION_ERROR", "after cursor \"" + after + "\" is not valid");
    }
    begin = static_cast<size_t>(found - items.begin());
  }

  size_t end = std::min(items.size(), begin + static_cast<size_t>(limit));
  Json results = Json::array();
  for (size_t i = begin; i < end; ++i) results.push_back(shape(items[i]));
  Json body = {{"results", results}};
  if (end < items.size()) {
    std::string after = items[end]["id"];
    std::string link =
        base_url() + request.path + "?" + QueryWithoutAfter(request.target) + "after=" + after;
    body["paging"] = {{"next", {{"after", after}, {"link", link}}}};
  }
  return JsonReply(200, body);
}

Json FakeHubSpot::ShapeRecord(const std::string& type, const Json& record,
                              const httplib::Request& request) {
  std::vector<std::string> wanted = ListParam(request, "properties");
  if (!request.has_param("properties")) wanted = types_.at(type).default_properties;
  wanted.insert(wanted.end(), std::begin(kAlwaysReturned), std::end(kAlwaysReturned));

  // Names the record does not have are skipped silently, as HubSpot's list endpoint does.
  const Json& stored = record["properties"];
  Json properties = Json::object();
  for (const std::string& name : wanted) {
    if (stored.contains(name)) properties[name] = stored[name];
  }
  Json shaped = {{"id", record["id"]},
                 {"properties", properties},
                 {"createdAt", record.value("createdAt", Json())},
                 {"updatedAt", record.value("updatedAt", Json())},
                 {"archived", record.value("archived", false)}};

  Json inline_associations = Json::object();
  for (const std::string& name : ListParam(request, "associations")) {
    std::optional<std::string> to = CanonicalType(name);
    if (!to) continue;
    auto pair = associations_.find(type + "/" + *to);
    std::string id = record["id"];
    if (pair == associations_.end() || !pair->second.contains(id)) continue;
    Json results = Json::array();
    for (const Json& target : pair->second.at(id)) {
      results.push_back({{"id", std::to_string(target["toObjectId"].get<int64_t>())},
                         {"type", types_.at(type).singular + "_to_" + types_.at(*to).singular}});
    }
    inline_associations[name] = {{"results", results}};
  }
  if (!inline_associations.empty()) shaped["associations"] = inline_associations;

  if (request.has_param("propertiesWithHistory")) {
    shaped["propertiesWithHistory"] = PropertyHistory(record, request);
  }
  return shaped;
}

int FakeHubSpot::MaxListLimit(const httplib::Request& request) {
  return request.has_param("propertiesWithHistory") ? 50 : 100;
}

Json FakeHubSpot::PropertyHistory(const Json& record, const httplib::Request& request) const {
  Json history = Json::object();
  const Json& stored = record.value("propertiesWithHistory", Json::object());
  for (const std::string& name : ListParam(request, "propertiesWithHistory")) {
    if (stored.contains(name)) {
      history[name] = stored[name];
      continue;
    }
    // Without stored history a property has one entry: its value, set when the record was
    // created. A property never set has no entry.
    const Json& value = record["properties"].value(name, Json());
    if (value.is_null()) continue;
    Json at = record.value("createdAt", record.value("updatedAt", Json()));
    history[name] = Json::array(
        {{{"value", value}, {"timestamp", at}, {"sourceType", "CRM_UI"}, {"sourceId", "fake"}}});
  }
  return history;
}

Reply FakeHubSpot::ListObjects(const std::string& type_name, const httplib::Request& request) {
  std::optional<std::string> type = CanonicalType(type_name);
  if (!type) {
    return HubSpotError(400, "VALIDATION_ERROR", "Unable to infer object type from: " + type_name);
  }
  if (GeneratedCount(*type) > 0) return ListGenerated(*type, request);
  // archived=true lists only the recycle bin, never live and archived records together.
  bool archived = request.get_param_value("archived") == "true";
  std::vector<Json> visible;
  for (const Json& record : records_[*type]) {
    if (record.value("archived", false) == archived) visible.push_back(record);
  }
  if (*type == options_.ignore_after_for && request.has_param("after")) {
    httplib::Request first_page = request;
    first_page.params.erase("after");
    return Page(visible, first_page, MaxListLimit(first_page),
                [&](const Json& record) { return ShapeRecord(*type, record, first_page); });
  }
  return Page(visible, request, MaxListLimit(request),
              [&](const Json& record) { return ShapeRecord(*type, record, request); });
}

Reply FakeHubSpot::ListOwners(const httplib::Request& request) {
  return Page(owners_, request, 500, [](const Json& owner) { return owner; });
}

Reply FakeHubSpot::BatchReadAssociations(const std::string& from_name, const std::string& to_name,
                                         const std::string& body) {
  std::optional<std::string> from = CanonicalType(from_name);
  std::optional<std::string> to = CanonicalType(to_name);
  if (!from || !to) {
    return HubSpotError(400, "VALIDATION_ERROR",
                        "Unable to infer object types from: " + from_name + ", " + to_name);
  }
  std::optional<Json> request = ParseObject(body);
  if (!request || !(*request).value("inputs", Json()).is_array()) {
    return HubSpotError(400, "VALIDATION_ERROR", "body must be {\"inputs\": [{\"id\": \"...\"}]}");
  }
  const Json& inputs = (*request)["inputs"];
  if (inputs.size() > kMaxBatchInputs) {
    return HubSpotError(400, "VALIDATION_ERROR",
                        "Too many inputs: " + std::to_string(inputs.size()) + ", the maximum is " +
                            std::to_string(kMaxBatchInputs));
  }

  std::string started = IsoNow();
  const auto& stored_by_id = associations_[*from + "/" + *to];
  // Generated pairs get one map per request, holding only this request's inputs.
  std::map<std::string, std::vector<Json>> generated_by_id;
  for (const Json& input : inputs) {
    if (!input.is_object() || !input.value("id", Json()).is_string()) continue;
    std::string id = input["id"];
    if (auto targets = GeneratedTargets(*from, *to, id)) generated_by_id[id] = std::move(*targets);
  }
  const auto& by_id = generated_by_id.empty() ? stored_by_id : generated_by_id;
  Json results = Json::array();
  Json errors = Json::array();
  for (const Json& input : inputs) {
    if (!input.is_object() || !input.value("id", Json()).is_string()) {
      return HubSpotError(400, "VALIDATION_ERROR", "every input needs a string \"id\"");
    }
    std::string id = input["id"];
    auto targets = by_id.find(id);
    if (targets != by_id.end() && !targets->second.empty()) {
      // The input's `after` is the offset of its next target, as this fake hands it out.
      size_t begin = 0;
      if (input.contains("after")) {
        std::string after = input["after"].is_string() ? input["after"].get<std::string>() : "";
        bool digits = !after.empty() && after.size() < 10 &&
                      std::all_of(after.begin(), after.end(), ::isdigit);
        if (!digits || std::stoul(after) >= targets->second.size()) {
          return HubSpotError(400, "VALIDATION_ERROR",
                              "after cursor \"" + after + "\" of input " + id + " is not valid");
        }
        begin = std::stoul(after);
      }
      size_t end = std::min(targets->second.size(),
                            begin + static_cast<size_t>(options_.association_page_size));
      Json page_targets = Json::array();
      for (size_t i = begin; i < end; ++i) page_targets.push_back(targets->second[i]);
      Json result = {{"from", {{"id", id}}}, {"to", page_targets}};
      if (end < targets->second.size()) {
        result["paging"] = {{"next", {{"after", std::to_string(end)}}}};
      }
      results.push_back(std::move(result));
      continue;
    }
    errors.push_back({{"status", "error"},
                      {"category", "OBJECT_NOT_FOUND"},
                      {"subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND"},
                      {"message", "No " + types_.at(*to).singular + " is associated with " +
                                      types_.at(*from).singular + " " + id + "."},
                      {"context", {{"fromObjectId", Json::array({id})}}},
                      {"errors", Json::array()},
                      {"links", Json::object()}});
  }

  Json response = {{"status", "COMPLETE"}, {"results", results}};
  if (!errors.empty()) {
    response["numErrors"] = errors.size();
    response["errors"] = errors;
  }
  response["startedAt"] = started;
  response["completedAt"] = IsoNow();
  // HubSpot returns 207 Multi-Status when some inputs failed.
  return JsonReply(errors.empty() ? 200 : 207, response);
}

}  // namespace sprintetl::fakes
