// Checks a parsed config file for keys sprintetl does not know, so a typo
// (`enabeld`) is an error instead of a setting silently left at its default.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "core/status.h"

namespace sprintetl::config {

// Fails with kInvalidArgument naming the first unknown key under `table`
// (whose dotted path is `path`, "" for the file's top level) and, when one
// is close, the known key it may have meant. `origin` names the file.
Status CheckKeys(const toml::table& table, const std::string& path, const std::string& origin);

}  // namespace sprintetl::config
