// Generated companies, deals and line items of the fake HubSpot server: built from their index
// on each request, so a benchmark portal of 150,000 line items keeps no records in memory.
#include <algorithm>
#include <variant>

#include "fakes/fake_hubspot.h"

namespace sprintetl::fakes {
namespace {

struct GeneratedType {
  const char* type;
  long long first_id;
  const char* name_property;  // set to "<label> <index>" so records differ
  const char* label;
};

constexpr GeneratedType kGeneratedTypes[] = {
    {"companies", 32000000000LL, "name", "Generated company"},
    {"deals", 42000000000LL, "dealname", "Generated deal"},
    {"line_items", 52000000000LL, "name", "Generated line item"},
};

const GeneratedType* FindGenerated(const std::string& type) {
  for (const GeneratedType& generated : kGeneratedTypes) {
    if (type == generated.type) return &generated;
  }
  return nullptr;
}

// The index of `id` among `count` generated records of `generated`, or nullopt.
std::optional<long long> IndexOf(const GeneratedType& generated, long long count,
                                 const std::string& id) {
  bool digits = !id.empty() && id.size() < 19 && std::all_of(id.begin(), id.end(), ::isdigit);
  if (!digits) return std::nullopt;
  long long index = std::stoll(id) - generated.first_id;
  if (index < 0 || index >= count) return std::nullopt;
  return index;
}

Json AssociationTarget(long long to_id, int type_id) {
  Json type = {{"category", "HUBSPOT_DEFINED"}, {"typeId", type_id}, {"label", nullptr}};
  return {{"toObjectId", to_id}, {"associationTypes", Json::array({type})}};
}

}  // namespace

long long FakeHubSpot::GeneratedCount(const std::string& type) const {
  if (type == "companies") return options_.generated.companies;
  if (type == "deals") return options_.generated.deals;
  if (type == "line_items") return options_.generated.line_items;
  return 0;
}

Json FakeHubSpot::GeneratedRecord(const std::string& type, long long index) const {
  const GeneratedType& generated = *FindGenerated(type);
  std::string id = std::to_string(generated.first_id + index);
  Json record = templates_.at(type);
  record["id"] = id;
  record["archived"] = false;
  Json& properties = record["properties"];
  properties["hs_object_id"] = id;
  properties[generated.name_property] = std::string(generated.label) + " " + std::to_string(index);
  return record;
}

std::optional<std::vector<Json>> FakeHubSpot::GeneratedTargets(const std::string& from,
                                                               const std::string& to,
                                                               const std::string& id) const {
  // HubSpot's association type ids: 5 deal to company, 20 line item to deal.
  std::string target_type;
  int type_id = 0;
  if (from == "deals" && to == "companies") {
    target_type = "companies";
    type_id = 5;
  } else if (from == "line_items" && to == "deals") {
    target_type = "deals";
    type_id = 20;
  } else {
    return std::nullopt;
  }
  long long from_count = GeneratedCount(from);
  long long to_count = GeneratedCount(target_type);
  if (from_count == 0 || to_count == 0) return std::nullopt;

  std::optional<long long> index = IndexOf(*FindGenerated(from), from_count, id);
  if (!index) return std::vector<Json>{};
  long long to_id = FindGenerated(target_type)->first_id + *index % to_count;
  return std::vector<Json>{AssociationTarget(to_id, type_id)};
}

Reply FakeHubSpot::ListGenerated(const std::string& type, const httplib::Request& request) {
  const GeneratedType& generated = *FindGenerated(type);
  long long count = GeneratedCount(type);
  // No generated record is archived.
  if (request.get_param_value("archived") == "true") count = 0;

  std::variant<int, Reply> page_limit = PageLimit(request, MaxListLimit(request));
  if (const Reply* rejected = std::get_if<Reply>(&page_limit)) return *rejected;
  int limit = std::get<int>(page_limit);
  long long begin = 0;
  if (request.has_param("after")) {
    std::string after = request.get_param_value("after");
    std::optional<long long> index = IndexOf(generated, count, after);
    if (!index) {
      return HubSpotError(400, "VALIDATION_ERROR", "after cursor \"" + after + "\" is not valid");
    }
    begin = *index;
  }

  long long end = std::min(count, begin + limit);
  Json results = Json::array();
  for (long long i = begin; i < end; ++i) {
    results.push_back(ShapeRecord(type, GeneratedRecord(type, i), request));
  }
  Json body = {{"results", results}};
  if (end < count) {
    std::string after = std::to_string(generated.first_id + end);
    body["paging"] = {{"next", {{"after", after}}}};
  }
  return JsonReply(200, body);
}

}  // namespace sprintetl::fakes
