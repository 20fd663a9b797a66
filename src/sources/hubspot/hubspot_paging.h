// Cursor paging of HubSpot list endpoints (objects, owners): each page's
// `paging.next.after` is sent as `after` until a page has no `paging`.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "sources/resuming_fetcher.h"

namespace sprintetl::sources {

// Fetches `first` and every following page, calling `on_page` with each
// parsed body in order. `first.http.query` must not contain `after`.
// `what` names the listed thing in errors ("companies", "owners"). Fails with
// the fetcher's error, the callback's error, or kDataLoss when a cursor
// repeats (the loop would never end).
Status FetchAllPages(ResumingFetcher& fetcher, const PageRequest& first, const std::string& what,
                     const std::function<Status(const nlohmann::json&)>& on_page);

}  // namespace sprintetl::sources
