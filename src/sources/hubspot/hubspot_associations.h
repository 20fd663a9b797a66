// Complete v4 batch association reads
// (POST {associations_path}/{from}/{to}/batch/read).
//
// A request takes at most 1,000 input ids. A result whose record has more
// targets than one response contains carries its own `paging.next.after`; that
// id is sent again with the cursor in a later batch until no result pages.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"
#include "sources/resuming_fetcher.h"

namespace sprintetl::sources {

// Reads the associations of records as a listing finds them: ids are queued
// and sent in batches of 1,000, so memory keeps one batch of ids, not the
// whole listing. Lands every page with manifest kind hubspot.associations
// (context from_type and to_type). Not thread-safe: one listing feeds it.
class AssociationReader {
 public:
  AssociationReader(const config::HubSpot& config, ResumingFetcher& fetcher, std::string from_type,
                    std::string to_type);

  // Queues `id`, sending a batch once 1,000 ids wait. Fails with the
  // fetcher's error, or kDataLoss naming the record when its cursor repeats.
  Status Add(const std::string& id);

  // Sends every queued id and the further pages of their targets; fails as Add().
  Status Finish();

  // Requests sent so far.
  long long pages() const { return pages_; }

 private:
  struct PendingInput {
    std::string id;
    std::string after;  // empty for the first page of this record's targets
  };

  Status SendBatch();

  const config::HubSpot& config_;
  ResumingFetcher& fetcher_;
  std::string from_type_;
  std::string to_type_;
  std::deque<PendingInput> pending_;
  std::map<std::string, std::set<std::string>> seen_cursors_;  // only records with paged targets
  long long pages_ = 0;
};

// Lands every association page from `from_type` records `ids` to `to_type`
// and adds the number of requests to `pages`; fails as AssociationReader.
Status FetchAssociations(const config::HubSpot& config, ResumingFetcher& fetcher,
                         const std::string& from_type, const std::string& to_type,
                         const std::vector<std::string>& ids, long long& pages);

}  // namespace sprintetl::sources
