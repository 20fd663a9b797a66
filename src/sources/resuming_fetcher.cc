#include "sources/resuming_fetcher.h"

#include "core/log.h"

namespace sprintetl::sources {
namespace {

// A request with a body (a POST) is matched by the body's hash, else by its query.
std::string PageKey(const std::string& kind, const std::string& endpoint,
                    const std::string& query_or_body_hash, int page) {
  return kind + '\n' + endpoint + '\n' + query_or_body_hash + '\n' + std::to_string(page);
}

std::string RecordKey(const landing::PageRecord& record) {
  auto body_hash = record.context.find(kRequestSha256);
  return PageKey(record.kind, record.endpoint,
                 body_hash != record.context.end() ? body_hash->second : record.query, record.page);
}

std::string RequestKey(const PageRequest& request) {
  return PageKey(request.kind, request.http.path,
                 request.http.body.empty() ? request.http.query
                                           : landing::Sha256Hex(request.http.body),
                 request.page);
}

}  // namespace

Result<ResumingFetcher> ResumingFetcher::Create(PageFetcher& fetcher, landing::RunFolder& run) {
  ResumingFetcher resuming(fetcher, run);
  SPRINTETL_ASSIGN_OR_RETURN(auto records, run.ReadManifest());
  for (landing::PageRecord& record : records) {
    // Carried and copied pages come from an earlier run and match no request of this one.
    if (record.context.count("carried_from") > 0 || record.context.count("base_run") > 0) {
      continue;
    }
    std::string key = RecordKey(record);
    resuming.landed_.insert_or_assign(std::move(key), std::move(record));
  }
  return resuming;
}

ResumingFetcher::ResumingFetcher(ResumingFetcher&& other) noexcept
    : fetcher_(other.fetcher_),
      run_(other.run_),
      landed_(std::move(other.landed_)),
      reused_pages_(other.reused_pages_) {}

Result<nlohmann::json> ResumingFetcher::Fetch(const PageRequest& request) {
  const landing::PageRecord* landed = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = landed_.find(RequestKey(request));
    if (found != landed_.end()) landed = &found->second;
  }
  if (landed != nullptr) {
    Result<std::string> body = run_.ReadPage(*landed);
    if (body.ok()) {
      try {
        nlohmann::json parsed = nlohmann::json::parse(*body);
        std::lock_guard<std::mutex> lock(mutex_);
        ++reused_pages_;
        return parsed;
      } catch (const nlohmann::json::exception&) {
        // Only bodies that parsed were landed, so this file changed on disk; fetch again.
      }
    }
    log::Get("extract")->warn("extract.refetch path={} page={} reason=\"landed copy is damaged\"",
                              request.http.path, request.page);
    // The new page names the damaged one, so the manifest's readers leave that one out.
    PageRequest again = request;
    again.context[landing::kReplacesContext] = landed->file;
    return fetcher_.Fetch(again);
  }
  return fetcher_.Fetch(request);
}

long long ResumingFetcher::reused_pages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reused_pages_;
}

}  // namespace sprintetl::sources
