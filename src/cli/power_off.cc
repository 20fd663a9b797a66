#include "cli/power_off.h"

#include <sys/wait.h>

#include <cstdlib>

#include "core/log.h"

namespace sprintetl::cli {

Status RunPowerOffCommand(const std::string& command) {
  log::Get("run")->info("run.power_off command=\"{}\"", command);
  int status = std::system(command.c_str());
  if (status == -1) {
    return Unavailable("cannot start operations.power_off_command '" + command + "'");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return Unavailable("operations.power_off_command '" + command + "' exited with status " +
                       std::to_string(code) + "; the machine stays on. Check that the service "
                       "user may run it (for systemctl poweroff: a polkit rule or sudo)");
  }
  return Status::Ok();
}

}  // namespace sprintetl::cli
