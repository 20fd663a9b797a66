#include "transform/warning_list.h"

namespace sprintetl::transform {

void WarningList::Add(const std::string& message) {
  if (seen_.insert(message).second) messages_.push_back(message);
}

}  // namespace sprintetl::transform
