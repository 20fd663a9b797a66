#include "sources/hubspot/hubspot_associations.h"

#include <deque>
#include <map>
#include <set>

namespace sprintetl::sources {
namespace {

using nlohmann::json;

// HubSpot's maximum number of inputs in one batch association read.
constexpr size_t kMaxBatchInputs = 1000;

struct PendingInput {
  std::string id;
  std::string after;  // empty for the first page of this record's targets
};

}  // namespace

Status FetchAssociations(const config::HubSpot& config, PageFetcher& fetcher,
                         const std::string& from_type, const std::string& to_type,
                         const std::vector<std::string>& ids, long long& pages) {
  std::deque<PendingInput> pending;
  for (const std::string& id : ids) pending.push_back({id, ""});
  std::map<std::string, std::set<std::string>> seen_cursors;  // record id -> cursors

  for (int page = 0; !pending.empty(); ++page) {
    json inputs = json::array();
    while (!pending.empty() && inputs.size() < kMaxBatchInputs) {
      json input = {{"id", pending.front().id}};
      if (!pending.front().after.empty()) input["after"] = pending.front().after;
      inputs.push_back(std::move(input));
      pending.pop_front();
    }

    PageRequest request;
    request.http.method = "POST";
    request.http.path = config.associations_path + "/" + from_type + "/" + to_type + "/batch/read";
    request.http.body = json{{"inputs", inputs}}.dump();
    request.kind = "hubspot.associations";
    request.page = page;
    request.context = {{"from_type", from_type}, {"to_type", to_type}};
    SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher.Fetch(request));
    ++pages;

    for (const json& result : body.at("results")) {
      if (!result.contains("paging") || !result["paging"].contains("next")) continue;
      std::string id = result.at("from").at("id").get<std::string>();
      const json& cursor = result["paging"]["next"].at("after");
      std::string after = cursor.is_string() ? cursor.get<std::string>() : cursor.dump();
      if (!seen_cursors[id].insert(after).second) {
        return DataLoss("hubspot associations " + from_type + "->" + to_type + " of record " +
                        id + " returned the paging cursor '" + after +
                        "' a second time; stopped instead of looping. Retry later");
      }
      pending.push_back({id, after});
    }
  }
  return Status::Ok();
}

}  // namespace sprintetl::sources
