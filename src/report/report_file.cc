// WriteReport, declared in html_report.h.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "report/html_report.h"

namespace sprintetl::report {

namespace {

Status WriteFailed(const std::string& path, const std::string& operation, int error) {
  return Unavailable("cannot write report " + path + ": " + operation + " failed (" +
                     std::strerror(error) + "); check that the folder is writable and has space");
}

// Writes all of `html` to `fd` and flushes it to disk.
Status WriteAll(int fd, const std::string& html, const std::string& path) {
  size_t written = 0;
  while (written < html.size()) {
    ssize_t n = ::write(fd, html.data() + written, html.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return WriteFailed(path, "write", errno);
    written += static_cast<size_t>(n);
  }
  // The data must be on disk before the rename makes it visible.
  if (::fsync(fd) != 0) return WriteFailed(path, "fsync", errno);
  return Status::Ok();
}

}  // namespace

Status WriteReport(const std::string& path, const std::string& html) {
  namespace fs = std::filesystem;
  if (path.empty()) return InvalidArgument("report path is empty; pass a file path");

  fs::path target(path);
  std::error_code error;
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), error);
    if (error) {
      return Unavailable("cannot create the folder of report " + path + ": " + error.message());
    }
  }

  // mkstemp gives a name no other writer uses, in the same folder so the
  // rename stays on one file system and is atomic. It replaces the six
  // trailing X characters of its template.
  std::string temp = path + ".tmp-" + std::string(6, 'X');
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return WriteFailed(path, "creating a temporary file", errno);

  Status status = WriteAll(fd, html, path);
  // mkstemp creates the file with mode 0600, but other users read reports too.
  if (status.ok() && ::fchmod(fd, 0644) != 0) status = WriteFailed(path, "chmod", errno);
  if (::close(fd) != 0 && status.ok()) status = WriteFailed(path, "close", errno);
  if (status.ok() && std::rename(temp.c_str(), path.c_str()) != 0) {
    status = WriteFailed(path, "rename from " + temp, errno);
  }
  if (!status.ok()) ::unlink(temp.c_str());
  return status;
}

}  // namespace sprintetl::report
