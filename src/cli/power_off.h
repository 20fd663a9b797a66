// Powering the machine off after a successful run, for a VM that a cloud
// instance schedule starts only for sprintetl (operations.power_off_*).
#pragma once

#include <string>

#include "core/status.h"

namespace sprintetl::cli {

// Runs `command` through /bin/sh. Fails with kUnavailable naming the command
// and its exit status when it cannot be started or exits non-zero.
Status RunPowerOffCommand(const std::string& command);

}  // namespace sprintetl::cli
