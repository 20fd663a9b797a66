#include "transform/task_labels.h"

#include <cctype>

namespace sprintetl::transform {

std::string AsciiLower(const std::string& text) {
  std::string lower = text;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower;
}

Result<TaskLabeler> TaskLabeler::Create(const config::ClickUp& clickup) {
  TaskLabeler labeler;
  for (const auto& [status, label] : clickup.status_labels) {
    labeler.status_labels_.emplace_back(AsciiLower(status), label);
  }
  for (size_t i = 0; i < clickup.category_rules.size(); ++i) {
    CompiledRule compiled;
    compiled.rule = clickup.category_rules[i];
    if (!compiled.rule.name_regex.empty()) {
      try {
        compiled.name_regex =
            std::regex(compiled.rule.name_regex, std::regex::ECMAScript | std::regex::icase);
      } catch (const std::regex_error& e) {
        return InvalidArgument("clickup.category_rules[" + std::to_string(i) +
                               "].name_regex is invalid: " + e.what());
      }
      compiled.has_regex = true;
    }
    labeler.rules_.push_back(std::move(compiled));
  }
  labeler.default_category_ = clickup.default_category;
  return labeler;
}

std::string TaskLabeler::StatusLabel(const std::string& status) const {
  std::string key = AsciiLower(status);
  for (const auto& [known, label] : status_labels_) {
    if (known == key) return label;
  }
  return status;
}

std::string TaskLabeler::Category(const TaskTraits& task) const {
  for (const CompiledRule& compiled : rules_) {
    const config::CategoryRule& rule = compiled.rule;
    if (!rule.tag.empty()) {
      std::string expected_tag = AsciiLower(rule.tag);
      bool tagged = false;
      for (const std::string& tag : task.tags) tagged = tagged || AsciiLower(tag) == expected_tag;
      if (!tagged) continue;
    }
    if (!rule.status_type.empty() && AsciiLower(rule.status_type) != AsciiLower(task.status_type)) {
      continue;
    }
    if (compiled.has_regex && !std::regex_search(task.name, compiled.name_regex)) continue;
    return rule.category;
  }
  return default_category_;
}

}  // namespace sprintetl::transform
