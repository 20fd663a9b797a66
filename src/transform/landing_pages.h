// The parsed raw pages of one run folder, grouped by manifest kind.
//
// Every page is read (checksum-verified by RunFolder) and parsed before any
// row is built, so a malformed page stops the transform before a stage file
// is written. All bodies stay in memory for the transform's duration; a run
// of a few thousand 100-task pages fits easily.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "landing/run_folder.h"

namespace sprintetl::transform {

struct LandingPage {
  landing::PageRecord record;
  nlohmann::json body;
};

class LandingPages {
 public:
  // Reads the manifest and every page it lists. Fails with kDataLoss naming
  // the endpoint, page number and file when a body is not valid JSON or does
  // not match its checksum, and passes on the manifest's read errors.
  static Result<LandingPages> Read(const landing::RunFolder& run);

  // Builds the collection from pages already in memory (for tests).
  static LandingPages FromPages(std::vector<LandingPage> pages);

  // Pages of `kind` (e.g. "clickup.tasks") in manifest order; empty when none.
  const std::vector<LandingPage>& OfKind(const std::string& kind) const;

 private:
  std::map<std::string, std::vector<LandingPage>> by_kind_;
};

// "clickup /v2/list/901/task page 1 (raw/clickup/000012.json)".
std::string DescribePage(const landing::PageRecord& record);

// A kDataLoss status: "<page> lacks the expected shape: <problem>".
Status ShapeError(const landing::PageRecord& record, const std::string& problem);

// The array member `key` of the page's top-level object. Fails with
// ShapeError() when the body is not an object or the member is not an array.
Result<const nlohmann::json*> PageArray(const LandingPage& page, std::string_view key);

}  // namespace sprintetl::transform
