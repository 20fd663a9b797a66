#include "sources/hubspot/hubspot_associations.h"

namespace sprintetl::sources {
namespace {

using nlohmann::json;

// HubSpot's maximum number of inputs in one batch association read.
constexpr size_t kMaxBatchInputs = 1000;

}  // namespace

AssociationReader::AssociationReader(const config::HubSpot& config, ResumingFetcher& fetcher,
                                     std::string from_type, std::string to_type)
    : config_(config),
      fetcher_(fetcher),
      from_type_(std::move(from_type)),
      to_type_(std::move(to_type)) {}

Status AssociationReader::Add(const std::string& id) {
  pending_.push_back({id, ""});
  if (pending_.size() < kMaxBatchInputs) return Status::Ok();
  return SendBatch();
}

Status AssociationReader::Finish() {
  while (!pending_.empty()) SPRINTETL_RETURN_IF_ERROR(SendBatch());
  return Status::Ok();
}

Status AssociationReader::SendBatch() {
  json inputs = json::array();
  while (!pending_.empty() && inputs.size() < kMaxBatchInputs) {
    json input = {{"id", pending_.front().id}};
    if (!pending_.front().after.empty()) input["after"] = pending_.front().after;
    inputs.push_back(std::move(input));
    pending_.pop_front();
  }

  PageRequest request;
  request.http.method = "POST";
  request.http.path =
      config_.associations_path + "/" + from_type_ + "/" + to_type_ + "/batch/read";
  request.http.body = json{{"inputs", inputs}}.dump();
  request.kind = "hubspot.associations";
  request.page = static_cast<int>(pages_);
  request.context = {{"from_type", from_type_}, {"to_type", to_type_}};
  SPRINTETL_ASSIGN_OR_RETURN(json body, fetcher_.Fetch(request));
  ++pages_;

  // A record with more targets comes back with a cursor and waits for a later batch.
  for (const json& result : body.at("results")) {
    if (!result.contains("paging") || !result["paging"].contains("next")) continue;
    std::string id = result.at("from").at("id").get<std::string>();
    const json& cursor = result["paging"]["next"].at("after");
    std::string after = cursor.is_string() ? cursor.get<std::string>() : cursor.dump();
    if (!seen_cursors_[id].insert(after).second) {
      return DataLoss("hubspot associations " + from_type_ + "->" + to_type_ + " of record " +
                      id + " returned the paging cursor '" + after +
                      "' a second time; stopped instead of looping. Retry later");
    }
    pending_.push_back({id, after});
  }
  return Status::Ok();
}

Status FetchAssociations(const config::HubSpot& config, ResumingFetcher& fetcher,
                         const std::string& from_type, const std::string& to_type,
                         const std::vector<std::string>& ids, long long& pages) {
  AssociationReader reader(config, fetcher, from_type, to_type);
  for (const std::string& id : ids) SPRINTETL_RETURN_IF_ERROR(reader.Add(id));
  Status finished = reader.Finish();
  pages += reader.pages();
  return finished;
}

}  // namespace sprintetl::sources
