// A PageFetcher front that skips pages a resumed run already landed.
//
// A run that died during extraction is resumed in the same landing folder. Its manifest
// lists every page fetched before the failure, so a request with the same kind, endpoint,
// query and page number is served from that file, after its size and checksum are checked
// against the manifest, instead of being sent again. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "landing/run_folder.h"
#include "sources/page_fetcher.h"

namespace sprintetl::sources {

class ResumingFetcher {
 public:
  // Reads `run`'s manifest. Fails when the manifest cannot be read.
  static Result<ResumingFetcher> Create(PageFetcher& fetcher, landing::RunFolder& run);

  ResumingFetcher(ResumingFetcher&& other) noexcept;

  // Returns the landed copy of `request` when the run folder contains an intact one, else
  // fetches it with PageFetcher::Fetch (same errors).
  Result<nlohmann::json> Fetch(const PageRequest& request);

  // Pages served from the run folder so far.
  long long reused_pages() const;

 private:
  ResumingFetcher(PageFetcher& fetcher, landing::RunFolder& run) : fetcher_(fetcher), run_(run) {}

  PageFetcher& fetcher_;
  landing::RunFolder& run_;
  std::map<std::string, landing::PageRecord> landed_;  // by PageKey()
  mutable std::mutex mutex_;
  long long reused_pages_ = 0;
};

}  // namespace sprintetl::sources
