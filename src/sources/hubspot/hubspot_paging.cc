#include "sources/hubspot/hubspot_paging.h"

#include <set>

#include "http/http_client.h"

namespace sprintetl::sources {

Status FetchAllPages(ResumingFetcher& fetcher, const PageRequest& first, const std::string& what,
                     const std::function<Status(const nlohmann::json&)>& on_page) {
  std::set<std::string> seen_cursors;
  std::string after;
  for (int page = 0;; ++page) {
    PageRequest request = first;
    request.page = page;
    if (!after.empty()) {
      request.http.query += (request.http.query.empty() ? "after=" : "&after=") +
                            http::UrlEncode(after);
    }
    SPRINTETL_ASSIGN_OR_RETURN(nlohmann::json body, fetcher.Fetch(request));
    SPRINTETL_RETURN_IF_ERROR(on_page(body));

    const nlohmann::json* next = nullptr;
    if (body.contains("paging") && body["paging"].contains("next")) next = &body["paging"]["next"];
    if (next == nullptr) return Status::Ok();
    // Search responses send the offset cursor as a string, some portals as a number.
    const nlohmann::json& cursor = next->at("after");
    after = cursor.is_string() ? cursor.get<std::string>() : cursor.dump();
    if (!seen_cursors.insert(after).second) {
      return DataLoss("hubspot " + what + " (" + request.http.path + ") page " +
                      std::to_string(page) + " returned the paging cursor '" + after +
                      "' a second time; stopped instead of looping. Retry later; if it "
                      "persists the portal's index is inconsistent");
    }
  }
}

}  // namespace sprintetl::sources
