// Runs the sprintetl binary against a PipelineHarness: a copy of the demo
// config whose landing root, warehouse and report live in the harness's
// temporary folder, and the fakes' base URLs in the environment.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "pipeline/pipeline_harness.h"

namespace sprintetl::testing {

struct BinaryResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Writes <harness dir>/sprintetl.toml from config/demo.toml with its paths
// moved into the harness folder, then each (old text, new text) replacement
// applied. Returns the file's path.
std::string WriteHarnessConfig(PipelineHarness& harness,
                               const std::vector<std::pair<std::string, std::string>>& edits = {});

// Runs a shell command; returns its exit code and stdout (stderr goes where the command
// sends it).
BinaryResult RunShell(const std::string& command);

// Runs `sprintetl --config <config> <args>` with `env` (e.g. "A=1 B=2")
// added to the environment, which contains the harness's tokens and base URLs.
BinaryResult RunSprintetl(PipelineHarness& harness, const std::string& config,
                          const std::string& args, const std::string& env = "");

}  // namespace sprintetl::testing
