#include "fakes/fixture_dirs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sprintetl::fakes {

namespace fs = std::filesystem;

std::string TestDataDir() { return SPRINTETL_TEST_DATA_DIR; }

std::optional<std::string> FixtureDirs::Find(const std::string& name) const {
  for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) {
    fs::path candidate = fs::path(*it) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return std::nullopt;
}

std::optional<std::string> FixtureDirs::ReadText(const std::string& name) const {
  std::optional<std::string> path = Find(name);
  if (!path) return std::nullopt;
  std::ifstream in(*path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<nlohmann::ordered_json> FixtureDirs::ReadJson(const std::string& name,
                                                            std::string* error) const {
  std::optional<std::string> path = Find(name);
  if (!path) return std::nullopt;
  std::optional<std::string> text = ReadText(name);
  if (!text) {
    *error = "cannot read fixture " + *path + "; check its permissions";
    return std::nullopt;
  }
  nlohmann::ordered_json parsed =
      nlohmann::ordered_json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    *error = "fixture " + *path + " is not valid JSON; fix or remove it";
    return std::nullopt;
  }
  return parsed;
}

std::vector<std::string> FixtureDirs::ListFiles(const std::string& prefix,
                                                const std::string& suffix) const {
  std::set<std::string> names;
  for (const std::string& dir : dirs_) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.size() >= prefix.size() + suffix.size() && name.starts_with(prefix) &&
          name.ends_with(suffix)) {
        names.insert(name);
      }
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace sprintetl::fakes
