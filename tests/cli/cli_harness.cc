#include "cli/cli_harness.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "build_info.h"

namespace sprintetl::testing {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "demo.toml no longer contains: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
}

}  // namespace

std::string WriteHarnessConfig(PipelineHarness& harness,
                               const std::vector<std::pair<std::string, std::string>>& edits) {
  std::string text = ReadFile(std::string(SPRINTETL_SOURCE_DIR) + "/config/demo.toml");
  Replace(text, "landing_root = \"../demo/landing\"", "landing_root = \"landing\"");
  Replace(text, "path = \"../demo/sprintetl.duckdb\"", "path = \"warehouse.duckdb\"");
  Replace(text, "path = \"../demo/report/sprint-report.html\"",
          "path = \"report/sprint-report.html\"");
  for (const auto& [from, to] : edits) Replace(text, from, to);

  std::string path = (harness.dir() / "sprintetl.toml").string();
  std::ofstream(path) << text;
  return path;
}

BinaryResult RunShell(const std::string& command) {
  BinaryResult result;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 512> buffer;
  while (pipe && fgets(buffer.data(), buffer.size(), pipe)) result.out += buffer.data();
  int status = pipe ? pclose(pipe) : -1;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

BinaryResult RunSprintetl(PipelineHarness& harness, const std::string& config,
                          const std::string& args, const std::string& env) {
  std::string err_path = (harness.dir() / "stderr.txt").string();
  std::string command = "env SPRINTETL_CLICKUP_BASE_URL=" + harness.clickup().base_url() +
                        " SPRINTETL_HUBSPOT_BASE_URL=" + harness.hubspot().base_url() + " " +
                        env + " " + SPRINTETL_BINARY + " --config " + config + " " + args +
                        " 2>" + err_path;
  BinaryResult result = RunShell(command);
  result.err = ReadFile(err_path);
  return result;
}

}  // namespace sprintetl::testing
