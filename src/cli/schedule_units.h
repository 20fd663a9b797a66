// `sprintetl schedule`: the systemd service and timer, and the equivalent
// cron line, that run `sprintetl run` once a day. Sprint-end detection makes
// a daily run enough: on days when no sprint ended it exits quickly.
#pragma once

#include <string>

#include "config/config.h"
#include "core/status.h"

namespace sprintetl::cli {

struct ScheduleParams {
  std::string unit_name = "sprintetl";  // <name>.service and <name>.timer
  std::string binary;                   // absolute path of the sprintetl binary
  std::string config_path;              // absolute path of the config file
  std::string user = "sprintetl";       // system user the service runs as
  std::string env_file = "/etc/sprintetl/sprintetl.env";  // contains the API tokens
};

struct ScheduleFiles {
  std::string service;    // <name>.service text
  std::string timer;      // <name>.timer text
  std::string cron_line;  // one crontab line doing the same as the timer
};

// Renders the units for `config`: a oneshot service running
// `<binary> --config <config_path> run`, and a timer firing daily at
// operations.run_time (in the config's `timezone` when set, else the
// machine's) with Persistent=true, so a run missed while the machine was off
// happens at the next boot.
ScheduleFiles RenderSchedule(const config::Config& config, const ScheduleParams& params);

// Writes the service and timer under <root>/etc/systemd/system (root "/" for
// the real system). Returns the folder written. Fails with kUnavailable
// naming the file that could not be written.
Result<std::string> InstallSchedule(const ScheduleFiles& files, const ScheduleParams& params,
                                    const std::string& root);

}  // namespace sprintetl::cli
