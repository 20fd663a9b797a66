// Landing zone housekeeping: how many run folders to keep, and emptying a
// folder's raw pages so a failed extract can start again in it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace sprintetl::landing {

// Run ids of the folders under `root` that hold a manifest, oldest first.
// Run ids sort by their clock; "-2", "-3"... suffixes sort numerically.
std::vector<std::string> ListRunFolders(const std::string& root);

// Deletes the oldest folders of finished runs so that at most `keep` of them
// remain. `finished_ok(run_id)` returns whether a run finished ok. Any other
// folder (failed, still running, unknown) is never deleted and does not
// count towards `keep`. keep <= 0 keeps every folder. Returns the deleted
// run ids; fails with kUnavailable naming the folder that could not be
// removed (folders deleted before it stay deleted).
Result<std::vector<std::string>> PruneRunFolders(
    const std::string& root, int keep, const std::function<bool(const std::string&)>& finished_ok);

}  // namespace sprintetl::landing
