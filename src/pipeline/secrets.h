// Secrets come only from the environment: the variable itself, or a file
// named by <VARIABLE>_FILE (for systemd credentials and mounted secrets).
// Values are never logged or written to the landing zone.
#pragma once

#include <string>

#include "core/status.h"

namespace sprintetl::pipeline {

// Returns the secret in `variable` (or the file named by `variable`_FILE,
// trailing newline removed). Fails with kUnauthenticated naming the variable
// and how to set it when neither is set or the value is empty.
Result<std::string> ReadSecret(const std::string& variable);

}  // namespace sprintetl::pipeline
