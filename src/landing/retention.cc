#include "landing/retention.h"

#include <algorithm>
#include <filesystem>

#include "core/log.h"

namespace sprintetl::landing {
namespace fs = std::filesystem;
namespace {

// "r20261117T120000Z-12" -> {"r20261117T120000Z", 12}; no suffix is 1.
std::pair<std::string, long> SortKey(const std::string& run_id) {
  auto dash = run_id.rfind('-');
  if (dash != std::string::npos && dash + 1 < run_id.size() &&
      std::all_of(run_id.begin() + dash + 1, run_id.end(), ::isdigit)) {
    return {run_id.substr(0, dash), std::stol(run_id.substr(dash + 1))};
  }
  return {run_id, 1};
}

}  // namespace

std::vector<std::string> ListRunFolders(const std::string& root) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory() && fs::exists(it->path() / "manifest.jsonl")) {
      ids.push_back(it->path().filename().string());
    }
  }
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
    return SortKey(a) < SortKey(b);
  });
  return ids;
}

Result<std::vector<std::string>> PruneRunFolders(
    const std::string& root, int keep, const std::function<bool(const std::string&)>& finished_ok) {
  std::vector<std::string> deleted;
  if (keep <= 0) return deleted;

  std::vector<std::string> finished;
  for (const std::string& id : ListRunFolders(root)) {
    if (finished_ok(id)) finished.push_back(id);
  }
  if (static_cast<int>(finished.size()) <= keep) return deleted;

  finished.resize(finished.size() - static_cast<size_t>(keep));
  for (const std::string& id : finished) {
    std::error_code ec;
    fs::remove_all(fs::path(root) / id, ec);
    if (ec) {
      return Unavailable("cannot delete old landing folder " + (fs::path(root) / id).string() +
                         ": " + ec.message() + "; check its permissions");
    }
    log::Get("landing")->info("landing.pruned run={} root={}", id, root);
    deleted.push_back(id);
  }
  return deleted;
}

}  // namespace sprintetl::landing
