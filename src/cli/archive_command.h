// `sprintetl archive`: copies (or with --dry-run plans the copy of) an
// ended sprint into ClickUp's Sprint History from a run's landing folder.
#pragma once

#include <string>

#include "cli/commands.h"

namespace sprintetl::cli {

struct ArchiveArgs {
  std::string run_id;  // empty: the latest run whose load step succeeded
  std::string sprint;  // empty: the sprint that run closed (run.json)
  bool dry_run = false;
  bool repair = false;
};

// Prints one line per folder, list, task and value not copied, then the
// counts. Returns kExitOk when every task is copied (or planned), kExitFailed
// when a task was not copied or ClickUp failed, kExitUsage for a bad run id,
// sprint, config or token.
int ArchiveCommand(const GlobalOptions& global, const ArchiveArgs& args);

}  // namespace sprintetl::cli
