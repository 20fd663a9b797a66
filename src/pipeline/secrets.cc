#include "pipeline/secrets.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sprintetl::pipeline {

Result<std::string> ReadSecret(const std::string& variable) {
  std::string value;
  if (const char* direct = std::getenv(variable.c_str())) value = direct;

  std::string file_variable = variable + "_FILE";
  if (value.empty()) {
    if (const char* file = std::getenv(file_variable.c_str()); file && *file) {
      std::ifstream in(file);
      if (!in) {
        return Unauthenticated(file_variable + " names " + file + ", which cannot be read; "
                               "fix the path or its permissions");
      }
      std::ostringstream text;
      text << in.rdbuf();
      value = text.str();
    }
  }
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' ')) {
    value.pop_back();
  }
  if (value.empty()) {
    return Unauthenticated(variable + " is not set; export " + variable + "=<token> (or put the "
                           "token in a file and set " + file_variable + " to its path)");
  }
  return value;
}

}  // namespace sprintetl::pipeline
