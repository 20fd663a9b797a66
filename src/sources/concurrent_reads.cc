#include "sources/concurrent_reads.h"

#include <mutex>
#include <optional>
#include <thread>

namespace sprintetl::sources {

Status ConcurrentReads::StoppedEarly() {
  return Internal("read stopped because another read of the same API failed");
}

Status ConcurrentReads::Run() {
  std::mutex mutex;
  std::optional<Status> first_error;
  std::vector<std::thread> threads;
  threads.reserve(reads_.size());
  for (auto& read : reads_) {
    threads.emplace_back([&, read] {
      Status status = read();
      if (status.ok()) return;
      std::lock_guard<std::mutex> lock(mutex);
      if (!first_error) first_error = status;
      stopped_ = true;
    });
  }
  for (std::thread& thread : threads) thread.join();
  return first_error ? *first_error : Status::Ok();
}

}  // namespace sprintetl::sources
