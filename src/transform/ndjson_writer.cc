#include "transform/ndjson_writer.h"

#include <filesystem>
#include <fstream>

namespace sprintetl::transform {
namespace {

namespace fs = std::filesystem;

void RemoveQuietly(const std::vector<fs::path>& paths) {
  std::error_code ignored;
  for (const fs::path& path : paths) fs::remove(path, ignored);
}

Status WriteTempFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) return Unavailable("cannot write stage file " + path.string() + "; check disk space");
  return Status::Ok();
}

}  // namespace

Result<std::string> FormatStageLine(const StageTable& table, const std::string& run_id,
                                    const nlohmann::json& row) {
  if (!row.is_object()) return Internal("a " + table.name + " row is not a JSON object");
  for (const auto& [key, value] : row.items()) {
    bool known = false;
    for (const std::string& column : table.columns) known = known || column == key;
    if (!known) return Internal(table.name + " has no column named " + key);
  }

  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  for (const std::string& column : table.columns) {
    if (column == "run_id") {
      line[column] = run_id;
      continue;
    }
    auto found = row.find(column);
    line[column] = found == row.end() ? nlohmann::ordered_json() : nlohmann::ordered_json(*found);
  }
  // Source text with broken UTF-8 must not stop the run; U+FFFD marks the spot.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status WriteStageFiles(const landing::RunFolder& run, const StageRows& rows) {
  for (const auto& [name, table_rows] : rows) {
    if (FindStageTable(name) == nullptr) return Internal("no stage table named " + name);
  }

  std::vector<fs::path> temp_paths;
  std::vector<fs::path> final_paths;
  for (const StageTable& table : StageTables()) {
    std::string text;
    auto found = rows.find(table.name);
    if (found != rows.end()) {
      for (const nlohmann::json& row : found->second) {
        Result<std::string> line = FormatStageLine(table, run.run_id(), row);
        if (!line.ok()) {
          RemoveQuietly(temp_paths);
          return line.status();
        }
        text += *line;
        text += '\n';
      }
    }

    fs::path final_path = run.StagePath(table.name);
    fs::path temp_path = final_path;
    temp_path += ".tmp";
    std::error_code ec;
    fs::create_directories(final_path.parent_path(), ec);
    temp_paths.push_back(temp_path);
    Status written = WriteTempFile(temp_path, text);
    if (!written.ok()) {
      RemoveQuietly(temp_paths);
      return written;
    }
    final_paths.push_back(final_path);
  }

  for (size_t i = 0; i < temp_paths.size(); ++i) {
    std::error_code ec;
    fs::rename(temp_paths[i], final_paths[i], ec);
    if (ec) {
      RemoveQuietly(temp_paths);
      return Unavailable("cannot rename " + temp_paths[i].string() + " to " +
                         final_paths[i].string() + ": " + ec.message());
    }
  }
  return Status::Ok();
}

}  // namespace sprintetl::transform
