#include "pipeline/sql_paths.h"

#include <cstdlib>
#include <filesystem>

#include "build_info.h"

namespace sprintetl::pipeline {

std::string SqlDir() {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("SPRINTETL_SQL_DIR"); dir && *dir) return dir;

  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "sprintetl" / "sql";
    if (fs::exists(installed / "models", ec)) return installed.string();
  }
  return std::string(SPRINTETL_SOURCE_DIR) + "/sql";
}

}  // namespace sprintetl::pipeline
