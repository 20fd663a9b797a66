#include "warehouse/schema_setup.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sprintetl::warehouse {
namespace {

// Relative to the sql folder, in the order they run.
constexpr const char* kSchemaFiles[] = {"stage/stage_tables.sql", "warehouse/bookkeeping.sql"};

}  // namespace

Status EnsureSchema(Warehouse& warehouse, const std::string& sql_dir) {
  for (const char* relative : kSchemaFiles) {
    std::filesystem::path path = std::filesystem::path(sql_dir) / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return NotFound("schema file '" + path.string() +
                      "' not found; check that the sql folder is installed");
    }
    std::ostringstream text;
    text << in.rdbuf();
    SPRINTETL_RETURN_IF_ERROR(warehouse.Execute(text.str()).WithContext(path.string()));
  }
  return Status::Ok();
}

}  // namespace sprintetl::warehouse
