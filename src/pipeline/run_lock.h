// One sprintetl run at a time per warehouse: an exclusive flock(2) on
// <warehouse file>.lock, held for the whole run.
//
// The lock file stores the holder's pid, host name and start time so that a
// second invocation can name who holds it. The kernel releases a flock when
// its holder exits, even on SIGKILL, so a lock file left by a dead run holds
// no lock and the next run takes it over. The file itself is never deleted:
// removing a lock file while another process waits on it would let two runs
// lock two different files.
//
// DuckDB also locks its database file, but only while a connection is open,
// and a run opens and closes it more than once. Warehouses on a server
// (PostgreSQL, BigQuery) will need a lock on the server side as well.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"

namespace sprintetl::pipeline {

// The holder of a run lock, as written in the lock file.
struct LockHolder {
  long pid = 0;
  std::string host;
  std::string since;  // UTC ISO-8601
};

class RunLock {
 public:
  // Takes the lock on `lock_path` without waiting. Fails with
  // kFailedPrecondition "another sprintetl run (pid N on HOST) has held the
  // lock PATH since TIME" when another open file description holds it, or
  // kUnavailable when the file cannot be created.
  static Result<RunLock> Acquire(const std::string& lock_path);

  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&& other) = delete;
  RunLock(const RunLock&) = delete;
  ~RunLock();

  const std::string& path() const { return path_; }

 private:
  RunLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_ = -1;
};

// The lock file that guards the warehouse file `warehouse_path`.
std::string LockPathFor(const std::string& warehouse_path);

// Reads the holder recorded in `lock_path` when a live process holds the
// lock; nullopt when the lock is free or the file does not exist.
std::optional<LockHolder> CurrentLockHolder(const std::string& lock_path);

}  // namespace sprintetl::pipeline
