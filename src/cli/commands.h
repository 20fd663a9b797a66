// The sprintetl subcommands, called by main() after argument parsing.
// Each returns the process exit code.
#pragma once

#include <optional>
#include <string>

namespace sprintetl::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIdle = 3;  // only with run --exit-code-when-idle

struct GlobalOptions {
  std::string config_path = "sprintetl.toml";
  std::string log_level = "info";
  std::string log_format = "text";
};

struct RunArgs {
  std::string now;  // empty: the system clock
  std::string sprint;
  bool no_archive = false;
  bool force = false;                 // skip sprint-end detection
  std::optional<std::string> resume;  // run id; empty: the latest failed run
  bool exit_code_when_idle = false;   // exit 3 instead of 0 when nothing is due
  bool full_refresh = false;          // extract everything, not only what changed
  bool dry_run = false;               // BigQuery only: print bytes and cost, run nothing
};

struct ScheduleArgs {
  bool install = false;
  std::string root = "/";
  std::string user = "sprintetl";
  std::string env_file = "/etc/sprintetl/sprintetl.env";
  std::string binary;  // empty: this binary
};

int RunCommand(const GlobalOptions& global, const RunArgs& args);
int ReportCommand(const GlobalOptions& global, const std::string& sprint);
int StatusCommand(const GlobalOptions& global, int limit);
int CheckCommand(const GlobalOptions& global);
int ScheduleCommand(const GlobalOptions& global, const ScheduleArgs& args);

}  // namespace sprintetl::cli
