#include "sources/clickup/carried_pages.h"

#include <filesystem>

namespace sprintetl::sources {
namespace {

bool IsCarriedKind(const std::string& kind) {
  return kind == "clickup.tasks" || kind == "clickup.fields";
}

void Count(const landing::PageRecord& record, CarriedPages& carried) {
  ++carried.pages;
  carried.bytes += record.bytes;
  auto list = record.context.find("list_id");
  if (record.kind == "clickup.fields" && list != record.context.end()) {
    carried.lists_with_fields.insert(list->second);
  }
}

}  // namespace

Result<CarriedPages> CarryBasePages(const ClickUpBaseRun& base, const std::set<std::string>& lists,
                                    landing::RunFolder& run) {
  CarriedPages carried;
  SPRINTETL_ASSIGN_OR_RETURN(auto landed, run.ReadManifest());
  for (const landing::PageRecord& record : landed) {
    if (record.context.count("carried_from") > 0) Count(record, carried);
  }
  if (carried.pages > 0) return carried;

  std::filesystem::path base_path(base.landing_path);
  SPRINTETL_ASSIGN_OR_RETURN(
      landing::RunFolder base_run,
      landing::RunFolder::Open(base_path.parent_path().string(), base_path.filename().string()));
  SPRINTETL_ASSIGN_OR_RETURN(auto records, base_run.ReadManifest());
  for (const landing::PageRecord& record : records) {
    if (!IsCarriedKind(record.kind)) continue;
    auto list = record.context.find("list_id");
    if (list != record.context.end() && lists.count(list->second) == 0) continue;

    SPRINTETL_ASSIGN_OR_RETURN(std::string body, base_run.ReadPage(record));
    landing::PageRecord copy = record;
    // A page the base itself carried keeps naming the run that fetched it.
    copy.context.try_emplace("carried_from", base.run_id);
    SPRINTETL_RETURN_IF_ERROR(run.WritePage(copy, body));
    Count(copy, carried);
  }
  return carried;
}

}  // namespace sprintetl::sources
