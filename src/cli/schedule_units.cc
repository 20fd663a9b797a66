#include "cli/schedule_units.h"

#include <filesystem>
#include <fstream>

namespace sprintetl::cli {
namespace {
namespace fs = std::filesystem;

// Quotes a path for a systemd command line or a shell when it contains a space.
std::string Quoted(const std::string& text) {
  if (text.find_first_of(" \t\"'\\$") == std::string::npos) return text;
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted.push_back(c);
    }
  }
  return quoted + "'";
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Unavailable("cannot write " + path.string() + "; run as root or pass --root");
  return Status::Ok();
}

}  // namespace

ScheduleFiles RenderSchedule(const config::Config& config, const ScheduleParams& params) {
  std::string command = Quoted(params.binary) + " --config " + Quoted(params.config_path) + " run";
  ScheduleFiles files;

  files.service =
      "[Unit]\n"
      "Description=sprintetl: close the sprint that ended since the last run\n"
      "Wants=network-online.target\n"
      "After=network-online.target\n"
      "\n"
      "[Service]\n"
      "Type=oneshot\n"
      "User=" + params.user + "\n"
      "# CLICKUP_API_TOKEN=... and HUBSPOT_ACCESS_TOKEN=..., readable by root only.\n"
      "EnvironmentFile=" + params.env_file + "\n"
      "ExecStart=" + command + "\n"
      "# Exit codes: 0 ok or nothing to do, 1 the run failed, 2 usage or config error.\n"
      "TimeoutStartSec=6h\n";

  std::string zone = config.timezone.empty() ? "" : " " + config.timezone;
  files.timer =
      "[Unit]\n"
      "Description=Daily sprintetl run; it exits quickly unless a sprint has ended\n"
      "\n"
      "[Timer]\n"
      "OnCalendar=*-*-* " + config.operations.run_time + ":00" + zone + "\n"
      "Persistent=true\n"
      "Unit=" + params.unit_name + ".service\n"
      "\n"
      "[Install]\n"
      "WantedBy=timers.target\n";

  std::string hour = config.operations.run_time.substr(0, 2);
  std::string minute = config.operations.run_time.substr(3, 2);
  auto strip = [](std::string part) { return part[0] == '0' ? part.substr(1) : part; };
  files.cron_line = (config.timezone.empty() ? "" : "CRON_TZ=" + config.timezone + "\n") +
                    strip(minute) + " " + strip(hour) + " * * * set -a && . " +
                    Quoted(params.env_file) + " && set +a && " + command +
                    " >>/var/log/sprintetl.log 2>&1";
  return files;
}

Result<std::string> InstallSchedule(const ScheduleFiles& files, const ScheduleParams& params,
                                    const std::string& root) {
  fs::path dir = fs::path(root.empty() ? "/" : root) / "etc" / "systemd" / "system";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Unavailable("cannot create " + dir.string() + ": " + ec.message());
  SPRINTETL_RETURN_IF_ERROR(WriteFile(dir / (params.unit_name + ".service"), files.service));
  SPRINTETL_RETURN_IF_ERROR(WriteFile(dir / (params.unit_name + ".timer"), files.timer));
  return dir.string();
}

}  // namespace sprintetl::cli
