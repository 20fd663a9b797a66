// Fixture folders of the fake API servers, with later folders overlaying earlier ones.
//
// A fake reads its payloads from an ordered list of folders. When two folders hold a file of
// the same name, the one in the later folder wins, so a scenario folder holding a single
// changed file can sit on top of the full fixture set. Not thread-safe for writes; the fakes
// only read these after construction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sprintetl::fakes {

// Returns the absolute path of the project's test data folder (tests/data).
std::string TestDataDir();

class FixtureDirs {
 public:
  explicit FixtureDirs(std::vector<std::string> dirs) : dirs_(std::move(dirs)) {}

  const std::vector<std::string>& dirs() const { return dirs_; }

  // Returns the path of `name` in the last folder that contains it, or nullopt.
  std::optional<std::string> Find(const std::string& name) const;

  // Parses `name` as JSON. Returns nullopt when no folder contains it, and sets *error when the
  // file exists but cannot be read or parsed, so callers can tell "absent" from "broken".
  std::optional<nlohmann::ordered_json> ReadJson(const std::string& name, std::string* error) const;

  // Reads the file `name` as text, or nullopt when no folder contains it.
  std::optional<std::string> ReadText(const std::string& name) const;

  // Returns the distinct file names starting with `prefix` and ending with `suffix` across all
  // folders, sorted by name.
  std::vector<std::string> ListFiles(const std::string& prefix, const std::string& suffix) const;

 private:
  std::vector<std::string> dirs_;
};

}  // namespace sprintetl::fakes
