// The CRM search endpoint of the fake HubSpot server: filters, one sort, offset paging up to
// a cap on results per query, and a request limit of its own.
#include <algorithm>

#include "fakes/fake_hubspot.h"

namespace sprintetl::fakes {
namespace {

// A property value as a comparable number: epoch ms for ISO times, the number for numeric
// text; nullopt for other text.
std::optional<double> Comparable(const Json& value) {
  if (!value.is_string()) return value.is_number() ? std::optional<double>(value.get<double>())
                                                   : std::nullopt;
  const std::string text = value.get<std::string>();
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    std::tm parts{};
    parts.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    parts.tm_mon = std::stoi(text.substr(5, 2)) - 1;
    parts.tm_mday = std::stoi(text.substr(8, 2));
    int millis = 0;
    if (text.size() >= 19) {
      parts.tm_hour = std::stoi(text.substr(11, 2));
      parts.tm_min = std::stoi(text.substr(14, 2));
      parts.tm_sec = std::stoi(text.substr(17, 2));
      if (text.size() >= 23 && text[19] == '.') millis = std::stoi(text.substr(20, 3));
    }
    return static_cast<double>(timegm(&parts)) * 1000.0 + millis;
  }
  try {
    size_t used = 0;
    double number = std::stod(text, &used);
    if (used == text.size()) return number;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::optional<double> PropertyValue(const Json& record, const std::string& name) {
  if (name == "hs_object_id") return Comparable(record["id"]);
  const Json& properties = record["properties"];
  if (!properties.contains(name)) return std::nullopt;
  return Comparable(properties[name]);
}

bool Matches(const Json& record, const Json& filter) {
  std::optional<double> value = PropertyValue(record, filter.value("propertyName", ""));
  std::optional<double> bound = Comparable(filter.value("value", Json()));
  if (!value || !bound) return false;
  const std::string op = filter.value("operator", "");
  if (op == "EQ") return *value == *bound;
  if (op == "GT") return *value > *bound;
  if (op == "GTE") return *value >= *bound;
  if (op == "LT") return *value < *bound;
  if (op == "LTE") return *value <= *bound;
  return false;
}

}  // namespace

Reply FakeHubSpot::SearchObjects(const std::string& type_name, const httplib::Request& request) {
  int64_t now = NowUnixMs();
  if (now >= search_window_end_ms_) {
    search_used_ = 0;
    search_window_end_ms_ = now + options_.search_rate_window.count();
  }
  if (++search_used_ > options_.search_rate_limit) {
    ++search_rejected_;
    return JsonReply(429, Json{{"status", "error"},
                               {"message", "You have reached your secondly limit."},
                               {"errorType", "RATE_LIMIT"},
                               {"policyName", "SECONDLY"}});
  }

  std::optional<std::string> type = CanonicalType(type_name);
  if (!type) {
    return HubSpotError(400, "VALIDATION_ERROR", "Unable to infer object type from: " + type_name);
  }
  std::optional<Json> body = ParseObject(request.body);
  if (!body) return HubSpotError(400, "VALIDATION_ERROR", "the search body must be a JSON object");

  int limit = (*body).value("limit", 10);
  if (limit < 1 || limit > 200) {
    return HubSpotError(400, "VALIDATION_ERROR", "limit must be between 1 and 200");
  }
  const Json& after_value = (*body).value("after", Json("0"));
  std::string after_text = after_value.is_string() ? after_value.get<std::string>()
                                                   : after_value.dump();
  bool digits = !after_text.empty() && after_text.size() < 10 &&
                std::all_of(after_text.begin(), after_text.end(), ::isdigit);
  if (!digits) return HubSpotError(400, "VALIDATION_ERROR", "after must be a number");
  size_t offset = std::stoul(after_text);
  if (offset >= static_cast<size_t>(options_.search_result_cap)) {
    std::string error;
    std::optional<Json> capped = dirs_.ReadJson("error_400_search_past_10000.json", &error);
    return JsonReply(400, capped.value_or(Json{{"status", "error"},
                                               {"category", "VALIDATION_ERROR"}}));
  }

  // Search never returns archived records. Filter groups are OR-ed, their filters AND-ed.
  std::vector<Json> matched;
  const Json groups = (*body).value("filterGroups", Json::array());
  for (const Json& record : records_[*type]) {
    if (record.value("archived", false)) continue;
    bool any = groups.empty();
    for (const Json& group : groups) {
      bool all = true;
      for (const Json& filter : group.value("filters", Json::array())) {
        all = all && Matches(record, filter);
      }
      any = any || all;
    }
    if (any) matched.push_back(record);
  }

  // One sort. Ties go by id so that offset paging is stable; HubSpot does not document its
  // tie order.
  const Json sorts = (*body).value("sorts", Json::array());
  std::string sort_by = sorts.empty() ? "hs_object_id" : sorts[0].value("propertyName", "");
  bool descending = !sorts.empty() && sorts[0].value("direction", "") == "DESCENDING";
  std::stable_sort(matched.begin(), matched.end(), [&](const Json& a, const Json& b) {
    double left = PropertyValue(a, sort_by).value_or(0);
    double right = PropertyValue(b, sort_by).value_or(0);
    if (left != right) return descending ? left > right : left < right;
    return PropertyValue(a, "hs_object_id").value_or(0) <
           PropertyValue(b, "hs_object_id").value_or(0);
  });

  httplib::Request shape_request;
  std::string names;
  for (const Json& name : (*body).value("properties", Json::array())) {
    names += (names.empty() ? "" : ",") + name.get<std::string>();
  }
  if (!names.empty()) shape_request.params.emplace("properties", names);

  Json results = Json::array();
  size_t end = std::min(matched.size(), offset + static_cast<size_t>(limit));
  for (size_t i = offset; i < end; ++i) {
    results.push_back(ShapeRecord(*type, matched[i], shape_request));
  }
  Json reply = {{"total", matched.size()}, {"results", results}};
  if (end < matched.size()) reply["paging"] = {{"next", {{"after", std::to_string(end)}}}};
  return JsonReply(200, reply);
}

}  // namespace sprintetl::fakes
