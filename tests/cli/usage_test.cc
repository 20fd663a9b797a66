// Usage errors of the binary, as a user sees them after a mistyped subcommand.
#include <string>

#include <gtest/gtest.h>

#include "build_info.h"
#include "cli/cli_harness.h"

namespace sprintetl::cli {
namespace {

using testing::RunShell;

const char* const kSubcommands =
    "run, report, status, archive, check, discover, schedule, test-data";

TEST(UsageTest, UnknownSubcommandIsNamed) {
  auto result = RunShell(std::string(SPRINTETL_BINARY) + " reprot 2>&1");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("unknown subcommand 'reprot'"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(kSubcommands), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("A subcommand is required"), std::string::npos) << result.out;
}

TEST(UsageTest, UnknownSubcommandAfterGlobalOption) {
  auto result = RunShell(std::string(SPRINTETL_BINARY) + " --config x.toml stats --limit 3 2>&1");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("unknown subcommand 'stats'"), std::string::npos) << result.out;
}

TEST(UsageTest, MissingSubcommandIsRequired) {
  auto result = RunShell(std::string(SPRINTETL_BINARY) + " 2>&1");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("A subcommand is required"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace sprintetl::cli
