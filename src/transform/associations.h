// HubSpot v4 batch association pages (POST /crm/v4/associations/{from}/{to}/batch/read).
//
// Each result pairs a `from.id` with `to` entries whose `toObjectId` is a
// JSON number in live responses and a string in HubSpot's SDK models, so both
// are read. Inputs without associations are reported in `errors` and are
// simply absent here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "transform/landing_pages.h"

namespace sprintetl::transform {

struct AssociationTarget {
  std::string to_id;
  std::vector<long long> type_ids;  // associationTypes[].typeId
};

// From-object id -> its targets in page order.
using Associations = std::map<std::string, std::vector<AssociationTarget>>;

// Reads the hubspot.associations pages whose context from_type and to_type
// name `from_type` and `to_type`, e.g. "deals" and "companies". The singular
// names and the object type ids 0-2, 0-3 and 0-8 match too. Fails with
// kDataLoss for a page without "results" or a result without from.id.
Result<Associations> ReadAssociations(const LandingPages& pages, const std::string& from_type,
                                      const std::string& to_type);

// The target carrying `preferred_type_id` when one does, else the first;
// nullopt when there is none.
std::optional<std::string> PickAssociation(const std::vector<AssociationTarget>& targets,
                                           std::optional<long long> preferred_type_id);

}  // namespace sprintetl::transform
