// Location of the SQL files (stage tables, bookkeeping, models) at run time.
#pragma once

#include <string>

namespace sprintetl::pipeline {

// The sql/ folder: $SPRINTETL_SQL_DIR when set, else <prefix>/share/sprintetl/sql
// next to an installed binary, else the source tree the binary was built from.
std::string SqlDir();

}  // namespace sprintetl::pipeline
