// The status label and the category of a task, both from configuration.
//
// TaskLabeler compiles the category rules' regexes once; it is immutable
// afterwards and safe to share between threads.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/status.h"

namespace sprintetl::transform {

// The task attributes that category rules test.
struct TaskTraits {
  std::string name;
  std::string status;
  std::string status_type;  // open, custom, done or closed
  std::vector<std::string> tags;
};

class TaskLabeler {
 public:
  // Fails with kInvalidArgument naming the rule when a name_regex is invalid.
  static Result<TaskLabeler> Create(const config::ClickUp& clickup);

  // clickup.status_labels[status], the key compared case-insensitively, else
  // the status itself.
  std::string StatusLabel(const std::string& status) const;

  // The category of the first rule whose set conditions are all met, else
  // clickup.default_category. The tag must be present and name_regex must
  // match part of the name, both ignoring case, and status_type must be equal.
  std::string Category(const TaskTraits& task) const;

 private:
  struct CompiledRule {
    config::CategoryRule rule;
    bool has_regex = false;
    std::regex name_regex;
  };

  std::vector<std::pair<std::string, std::string>> status_labels_;  // lower-case key
  std::vector<CompiledRule> rules_;
  std::string default_category_;
};

// `text` with ASCII letters lower-cased; other bytes unchanged.
std::string AsciiLower(const std::string& text);

}  // namespace sprintetl::transform
