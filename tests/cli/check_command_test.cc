#include "cli/check_command.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace sprintetl::cli {
namespace {

using testing::PipelineHarness;

// The results of RunChecks with `clickup_url` and the harness's fake HubSpot as base URLs,
// both set through their environment variables.
std::vector<CheckResult> ChecksWithClickUpUrl(PipelineHarness& harness, const std::string& config,
                                              const std::string& clickup_url) {
  setenv("SPRINTETL_CLICKUP_BASE_URL", clickup_url.c_str(), 1);
  setenv("SPRINTETL_HUBSPOT_BASE_URL", harness.hubspot().base_url().c_str(), 1);
  auto results = RunChecks(config);
  unsetenv("SPRINTETL_CLICKUP_BASE_URL");
  unsetenv("SPRINTETL_HUBSPOT_BASE_URL");
  return results;
}

// The results of RunChecks with the harness's fakes as base URLs.
std::vector<CheckResult> Checks(PipelineHarness& harness, const std::string& config) {
  return ChecksWithClickUpUrl(harness, config, harness.clickup().base_url());
}

const CheckResult* Find(const std::vector<CheckResult>& results, const std::string& name) {
  for (const auto& result : results) {
    if (result.name == name) return &result;
  }
  return nullptr;
}

TEST(CheckCommandTest, AllChecksPass) {
  PipelineHarness harness;
  auto results = Checks(harness, testing::WriteHarnessConfig(harness));
  for (const char* name : {"config", "warehouse", "landing", "report", "CLICKUP_API_TOKEN",
                           "HUBSPOT_ACCESS_TOKEN", "clickup", "hubspot"}) {
    const CheckResult* result = Find(results, name);
    ASSERT_NE(result, nullptr) << name;
    EXPECT_TRUE(result->ok) << name << ": " << result->detail;
  }
  // One request each: the user, and one company.
  ASSERT_EQ(harness.clickup().request_count(), 1u);
  EXPECT_EQ(harness.clickup().requests()[0].path, "/api/v2/user");
  ASSERT_EQ(harness.hubspot().request_count(), 1u);
  EXPECT_EQ(harness.hubspot().requests()[0].path, "/crm/v3/objects/companies");
  EXPECT_EQ(harness.hubspot().requests()[0].query, "limit=1");
}

TEST(CheckCommandTest, BaseUrlFromEnvironmentIsNamed) {
  PipelineHarness harness;
  std::string config = testing::WriteHarnessConfig(harness);
  // A path prefix the fake does not serve, so ClickUp's check gets a 404.
  auto results = ChecksWithClickUpUrl(harness, config, harness.clickup().base_url() + "/wrong");

  const CheckResult* clickup = Find(results, "clickup");
  ASSERT_NE(clickup, nullptr);
  EXPECT_FALSE(clickup->ok);
  EXPECT_NE(clickup->detail.find("404"), std::string::npos) << clickup->detail;
  EXPECT_NE(clickup->detail.find("set by environment variable SPRINTETL_CLICKUP_BASE_URL"),
            std::string::npos)
      << clickup->detail;
}

TEST(CheckCommandTest, WrongClickUpTokenIsNamed) {
  PipelineHarness harness;
  setenv("CLICKUP_API_TOKEN", "pk_wrong", 1);
  auto results = Checks(harness, testing::WriteHarnessConfig(harness));
  const CheckResult* clickup = Find(results, "clickup");
  ASSERT_NE(clickup, nullptr);
  EXPECT_FALSE(clickup->ok);
  EXPECT_NE(clickup->detail.find("401"), std::string::npos) << clickup->detail;
  EXPECT_NE(clickup->detail.find("CLICKUP_API_TOKEN"), std::string::npos) << clickup->detail;
  EXPECT_EQ(clickup->detail.find("pk_wrong"), std::string::npos);
  EXPECT_TRUE(Find(results, "hubspot")->ok);
}

TEST(CheckCommandTest, WrongHubSpotTokenIsNamed) {
  PipelineHarness harness;
  setenv("HUBSPOT_ACCESS_TOKEN", "pat-wrong", 1);
  auto results = Checks(harness, testing::WriteHarnessConfig(harness));
  const CheckResult* hubspot = Find(results, "hubspot");
  ASSERT_NE(hubspot, nullptr);
  EXPECT_FALSE(hubspot->ok);
  EXPECT_NE(hubspot->detail.find("HUBSPOT_ACCESS_TOKEN"), std::string::npos) << hubspot->detail;
  EXPECT_TRUE(Find(results, "clickup")->ok);
}

TEST(CheckCommandTest, MissingTokenIsNamed) {
  PipelineHarness harness;
  unsetenv("HUBSPOT_ACCESS_TOKEN");
  auto results = Checks(harness, testing::WriteHarnessConfig(harness));
  const CheckResult* token = Find(results, "HUBSPOT_ACCESS_TOKEN");
  ASSERT_NE(token, nullptr);
  EXPECT_FALSE(token->ok);
  EXPECT_NE(token->detail.find("HUBSPOT_ACCESS_TOKEN is not set"), std::string::npos);
  EXPECT_EQ(Find(results, "hubspot"), nullptr) << "no request without a token";
}

TEST(CheckCommandTest, UnreachableBaseUrlIsNamed) {
  PipelineHarness harness;
  std::string config = testing::WriteHarnessConfig(harness);
  // Port 1 on loopback: nothing listens there, so the connection is refused.
  auto results = ChecksWithClickUpUrl(harness, config, "http://127.0.0.1:1/api");
  const CheckResult* clickup = Find(results, "clickup");
  ASSERT_NE(clickup, nullptr);
  EXPECT_FALSE(clickup->ok);
  EXPECT_NE(clickup->detail.find("/v2/user"), std::string::npos) << clickup->detail;
  EXPECT_TRUE(Find(results, "hubspot")->ok);
}

TEST(CheckCommandTest, InvalidConfigStopsChecks) {
  PipelineHarness harness;
  auto results = Checks(harness, testing::WriteHarnessConfig(
                                     harness, {{"keep_runs = 10", "keep_runs = -1"}}));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].ok);
  EXPECT_NE(results[0].detail.find("landing.keep_runs"), std::string::npos) << results[0].detail;
  EXPECT_EQ(harness.clickup().request_count(), 0u);
}

TEST(CheckCommandTest, BinaryPrintsOneLinePerCheck) {
  PipelineHarness harness;
  setenv("CLICKUP_API_TOKEN", "pk_wrong", 1);
  auto result = testing::RunSprintetl(harness, testing::WriteHarnessConfig(harness), "check");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.out.find("ok     hubspot"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("FAILED clickup"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace sprintetl::cli
