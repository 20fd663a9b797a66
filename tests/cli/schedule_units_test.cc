#include "cli/schedule_units.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace sprintetl::cli {
namespace {

ScheduleParams Params() {
  ScheduleParams params;
  params.binary = "/opt/sprintetl/bin/sprintetl";
  params.config_path = "/etc/sprintetl/sprintetl.toml";
  return params;
}

TEST(ScheduleUnitsTest, TimerRunsDailyAndCatchesUp) {
  config::Config config;
  config.operations.run_time = "06:30";
  ScheduleFiles files = RenderSchedule(config, Params());
  EXPECT_NE(files.timer.find("OnCalendar=*-*-* 06:30:00\n"), std::string::npos) << files.timer;
  EXPECT_NE(files.timer.find("Persistent=true\n"), std::string::npos);
  EXPECT_NE(files.timer.find("Unit=sprintetl.service\n"), std::string::npos);
  EXPECT_NE(files.timer.find("WantedBy=timers.target"), std::string::npos);
}

TEST(ScheduleUnitsTest, ServiceRunsConfiguredCommand) {
  config::Config config;
  ScheduleFiles files = RenderSchedule(config, Params());
  EXPECT_NE(files.service.find("Type=oneshot\n"), std::string::npos);
  EXPECT_NE(files.service.find("ExecStart=/opt/sprintetl/bin/sprintetl --config "
                               "/etc/sprintetl/sprintetl.toml run\n"),
            std::string::npos)
      << files.service;
  EXPECT_NE(files.service.find("EnvironmentFile=/etc/sprintetl/sprintetl.env\n"),
            std::string::npos);
  EXPECT_NE(files.service.find("User=sprintetl\n"), std::string::npos);
}

TEST(ScheduleUnitsTest, TimeZoneGoesToTimerAndCron) {
  config::Config config;
  config.timezone = "America/New_York";
  config.operations.run_time = "07:05";
  ScheduleFiles files = RenderSchedule(config, Params());
  EXPECT_NE(files.timer.find("OnCalendar=*-*-* 07:05:00 America/New_York\n"), std::string::npos);
  EXPECT_EQ(files.cron_line.rfind("CRON_TZ=America/New_York\n5 7 * * * ", 0), 0u)
      << files.cron_line;
  EXPECT_NE(files.cron_line.find("/opt/sprintetl/bin/sprintetl --config "
                                 "/etc/sprintetl/sprintetl.toml run"),
            std::string::npos);
}

TEST(ScheduleUnitsTest, PathsWithSpacesAreQuoted) {
  config::Config config;
  ScheduleParams params = Params();
  params.config_path = "/srv/my configs/sprintetl.toml";
  ScheduleFiles files = RenderSchedule(config, params);
  EXPECT_NE(files.service.find("--config '/srv/my configs/sprintetl.toml' run"),
            std::string::npos)
      << files.service;
}

TEST(ScheduleUnitsTest, InstallWritesUnitsUnderRoot) {
  testing::PipelineHarness harness;
  std::string config = testing::WriteHarnessConfig(harness);
  std::string root = (harness.dir() / "root").string();
  auto result = testing::RunSprintetl(harness, config,
                                      "schedule --install --root " + root + " --user etl");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto dir = std::filesystem::path(root) / "etc" / "systemd" / "system";
  std::ifstream service(dir / "sprintetl.service");
  std::stringstream text;
  text << service.rdbuf();
  EXPECT_NE(text.str().find("User=etl\n"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("--config " + config + " run"), std::string::npos) << text.str();
  EXPECT_TRUE(std::filesystem::exists(dir / "sprintetl.timer"));
  EXPECT_NE(result.out.find("systemctl enable --now sprintetl.timer"), std::string::npos);
}

TEST(ScheduleUnitsTest, PrintShowsUnitsAndCronLine) {
  testing::PipelineHarness harness;
  auto result = testing::RunSprintetl(harness, testing::WriteHarnessConfig(harness), "schedule");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("# /etc/systemd/system/sprintetl.service"), std::string::npos);
  EXPECT_NE(result.out.find("# /etc/systemd/system/sprintetl.timer"), std::string::npos);
  EXPECT_NE(result.out.find("0 6 * * * set -a"), std::string::npos) << result.out;
  EXPECT_FALSE(std::filesystem::exists(harness.dir() / "root"));
}

}  // namespace
}  // namespace sprintetl::cli
