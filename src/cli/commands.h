// The sprintetl subcommands, called by main() after argument parsing.
// Each returns the process exit code.
#pragma once

#include <string>

namespace sprintetl::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

struct GlobalOptions {
  std::string config_path = "sprintetl.toml";
  std::string log_level = "info";
  std::string log_format = "text";
};

struct RunArgs {
  std::string now;  // empty: the system clock
  std::string sprint;
  bool no_archive = false;
};

int RunCommand(const GlobalOptions& global, const RunArgs& args);
int ReportCommand(const GlobalOptions& global, const std::string& sprint);
int StatusCommand(const GlobalOptions& global, int limit);

}  // namespace sprintetl::cli
