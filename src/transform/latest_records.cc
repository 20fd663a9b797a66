#include "transform/latest_records.h"

#include <map>

#include "transform/json_fields.h"

namespace sprintetl::transform {

Result<std::vector<LandedRecord>> LatestRecords(const LandingPages& pages, const std::string& kind,
                                                const std::string& noun) {
  std::vector<LandedRecord> records;
  std::map<std::string, size_t> position;  // id -> index in records
  for (const LandingPage& page : pages.OfKind(kind)) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* results, PageArray(page, "results"));
    for (const nlohmann::json& record : *results) {
      std::optional<std::string> id = TextOf(Member(record, "id"));
      if (!id) return ShapeError(page.record, "a " + noun + " has no \"id\"");
      auto [found, added] = position.emplace(*id, records.size());
      if (added) {
        records.push_back({&page, &record, *id});
      } else {
        records[found->second] = {&page, &record, *id};
      }
    }
  }
  return records;
}

}  // namespace sprintetl::transform
