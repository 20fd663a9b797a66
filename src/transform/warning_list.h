// The warnings of one transform run: each distinct message once, in the order
// first reported. Not thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace sprintetl::transform {

class WarningList {
 public:
  // Records `message` unless the same text was recorded before.
  void Add(const std::string& message);

  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
  std::set<std::string> seen_;
};

}  // namespace sprintetl::transform
