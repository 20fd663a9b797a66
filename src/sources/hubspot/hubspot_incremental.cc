#include "sources/hubspot/hubspot_incremental.h"

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "core/time_format.h"

namespace sprintetl::sources {
namespace {

// The key shared by a base run page and its copy.
std::string CopyKey(const landing::PageRecord& record) {
  return record.kind + '\n' + record.endpoint + '\n' + record.query + '\n' +
         std::to_string(record.page);
}

}  // namespace

Result<IncrementalSource> MakeIncrementalSource(const std::string& base_run_id,
                                                const std::string& base_landing_path,
                                                const std::string& base_started_at,
                                                int overlap_minutes) {
  std::optional<UtcTime> started = ParseUtc(base_started_at);
  if (!started) {
    return InvalidArgument("run " + base_run_id + " has the start time '" + base_started_at +
                           "', which is not a UTC time; run with --full-refresh");
  }
  IncrementalSource source;
  source.base_run_id = base_run_id;
  source.base_landing_path = base_landing_path;
  source.modified_since_ms =
      (*started - std::chrono::minutes(overlap_minutes)).time_since_epoch().count();
  return source;
}

Result<long long> CopyBasePages(const IncrementalSource& source, landing::RunFolder& run,
                                const std::string& kind, std::vector<std::string>& ids) {
  std::filesystem::path base_path(source.base_landing_path);
  SPRINTETL_ASSIGN_OR_RETURN(
      landing::RunFolder base,
      landing::RunFolder::Open(base_path.parent_path().string(), base_path.filename().string()));
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<landing::PageRecord> records, base.ReadManifest());

  // A resumed run already contains the copies made before it stopped.
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<landing::PageRecord> landed, run.ReadManifest());
  std::set<std::string> copied_before;
  for (const landing::PageRecord& record : landed) {
    auto base_run = record.context.find("base_run");
    if (base_run != record.context.end() && base_run->second == source.base_run_id) {
      copied_before.insert(CopyKey(record));
    }
  }

  long long copied = 0;
  for (const landing::PageRecord& record : records) {
    if (record.kind != kind) continue;
    SPRINTETL_ASSIGN_OR_RETURN(std::string body, base.ReadPage(record));
    try {
      nlohmann::json parsed = nlohmann::json::parse(body);
      for (const nlohmann::json& item : parsed.at("results")) {
        ids.push_back(item.at("id").get<std::string>());
      }
    } catch (const nlohmann::json::exception& e) {
      return DataLoss("page " + record.file + " of run " + source.base_run_id +
                      " is not the JSON it was landed as (" + e.what() +
                      "); run with --full-refresh");
    }
    if (copied_before.count(CopyKey(record)) > 0) continue;
    landing::PageRecord copy = record;
    copy.context["base_run"] = source.base_run_id;
    SPRINTETL_RETURN_IF_ERROR(run.WritePage(copy, body));
    ++copied;
  }
  return copied;
}

}  // namespace sprintetl::sources
