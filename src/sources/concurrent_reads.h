// Runs independent reads of one API on their own threads, so that while one
// read waits for its response the others use the rate budget.
//
// The reads share the API's HttpClient (its RateBudget paces them all) and the
// PageFetcher; both are thread-safe. The first read to fail sets a flag the
// others check between pages, so the run stops soon after the first error.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "core/status.h"

namespace sprintetl::sources {

class ConcurrentReads {
 public:
  // Adds a read. `read` should return early once stopped() is true.
  void Add(std::function<Status()> read) { reads_.push_back(std::move(read)); }

  // Runs every read on its own thread and waits for all. Returns Ok, or the
  // error of the read that failed first.
  Status Run();

  // True once a read has failed.
  bool stopped() const { return stopped_; }

  // The error a read returns when it stopped because another read failed;
  // Run() never returns it.
  static Status StoppedEarly();

 private:
  std::vector<std::function<Status()>> reads_;
  std::atomic<bool> stopped_{false};
};

}  // namespace sprintetl::sources
