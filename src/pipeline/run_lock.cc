#include "pipeline/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/time_format.h"

namespace sprintetl::pipeline {
namespace {

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "unknown host";
  return name;
}

std::string ReadAll(int fd) {
  std::string text;
  char buffer[512];
  if (lseek(fd, 0, SEEK_SET) < 0) return text;
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

LockHolder ParseHolder(const std::string& text) {
  LockHolder holder;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return holder;
  holder.pid = json.value("pid", 0L);
  holder.host = json.value("host", "");
  holder.since = json.value("since", "");
  return holder;
}

Status WriteHolder(int fd, const LockHolder& holder) {
  std::string text = nlohmann::json{{"pid", holder.pid}, {"host", holder.host},
                                    {"since", holder.since}}.dump() + "\n";
  if (ftruncate(fd, 0) != 0 || pwrite(fd, text.data(), text.size(), 0) !=
                                   static_cast<ssize_t>(text.size())) {
    return Unavailable(std::string("cannot write the run lock file: ") + std::strerror(errno));
  }
  return Status::Ok();
}

std::string DescribeHolder(const LockHolder& holder) {
  std::string pid = holder.pid > 0 ? std::to_string(holder.pid) : "unknown";
  std::string host = holder.host.empty() ? "an unknown host" : holder.host;
  std::string since = holder.since.empty() ? "an unknown time" : holder.since;
  return "(pid " + pid + " on " + host + ") has held the lock since " + since;
}

}  // namespace

std::string LockPathFor(const std::string& warehouse_path) { return warehouse_path + ".lock"; }

Result<RunLock> RunLock::Acquire(const std::string& lock_path) {
  // The warehouse's folder may not exist before the first run creates the file.
  std::error_code ec;
  std::filesystem::path folder = std::filesystem::path(lock_path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);

  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Unavailable("cannot open the run lock file " + lock_path + ": " +
                       std::strerror(errno) + "; check that its folder exists and is writable");
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    LockHolder holder = ParseHolder(ReadAll(fd));
    close(fd);
    if (error == EWOULDBLOCK) {
      return FailedPrecondition("another sprintetl run " + DescribeHolder(holder) + " (" +
                                lock_path + "); wait for it to finish, or check it with "
                                "`sprintetl status`");
    }
    return Unavailable("cannot lock " + lock_path + ": " + std::strerror(error));
  }

  LockHolder self{static_cast<long>(getpid()), HostName(),
                  FormatUtcMillis(std::chrono::system_clock::now())};
  Status written = WriteHolder(fd, self);
  if (!written.ok()) {
    close(fd);
    return written.WithContext(lock_path);
  }
  return RunLock(lock_path, fd);
}

RunLock::RunLock(RunLock&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) {
  other.fd_ = -1;
}

RunLock::~RunLock() {
  if (fd_ < 0) return;
  // An empty file means no run has the lock. The kernel
  // releases the flock itself when the descriptor closes.
  if (ftruncate(fd_, 0) != 0) {
    // Harmless: the next holder rewrites the file, and a reader only trusts
    // its contents while the flock is held.
  }
  close(fd_);
}

std::optional<LockHolder> CurrentLockHolder(const std::string& lock_path) {
  int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<LockHolder> holder;
  if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    holder = ParseHolder(ReadAll(fd));
  } else {
    flock(fd, LOCK_UN);
  }
  close(fd);
  return holder;
}

}  // namespace sprintetl::pipeline
