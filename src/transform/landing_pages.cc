#include "transform/landing_pages.h"

namespace sprintetl::transform {

Result<LandingPages> LandingPages::Read(const landing::RunFolder& run) {
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<landing::PageRecord> records, run.ReadManifest());

  std::vector<LandingPage> pages;
  pages.reserve(records.size());
  for (landing::PageRecord& record : records) {
    Result<std::string> body = run.ReadPage(record);
    if (!body.ok()) return body.status().WithContext(DescribePage(record));

    nlohmann::json parsed;
    try {
      parsed = nlohmann::json::parse(*body);
    } catch (const nlohmann::json::exception& e) {
      return DataLoss(DescribePage(record) + " is not valid JSON: " + e.what() +
                      "; extract the run again");
    }
    pages.push_back({std::move(record), std::move(parsed)});
  }
  return FromPages(std::move(pages));
}

LandingPages LandingPages::FromPages(std::vector<LandingPage> pages) {
  LandingPages result;
  for (LandingPage& page : pages) {
    std::string kind = page.record.kind;
    result.by_kind_[kind].push_back(std::move(page));
  }
  return result;
}

const std::vector<LandingPage>& LandingPages::OfKind(const std::string& kind) const {
  static const std::vector<LandingPage> kNone;
  auto found = by_kind_.find(kind);
  return found == by_kind_.end() ? kNone : found->second;
}

std::string DescribePage(const landing::PageRecord& record) {
  return record.source + " " + record.endpoint + " page " + std::to_string(record.page) + " (" +
         record.file + ")";
}

Status ShapeError(const landing::PageRecord& record, const std::string& problem) {
  return DataLoss(DescribePage(record) + " lacks the expected shape: " + problem);
}

Result<const nlohmann::json*> PageArray(const LandingPage& page, std::string_view key) {
  if (!page.body.is_object()) return ShapeError(page.record, "the body is not a JSON object");
  auto found = page.body.find(key);
  if (found == page.body.end() || !found->is_array()) {
    return ShapeError(page.record, "no \"" + std::string(key) + "\" array");
  }
  return &*found;
}

}  // namespace sprintetl::transform
