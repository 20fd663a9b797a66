// The tiny template language of the SQL model files: `{{ name }}` stands for
// a parameter and is replaced by that value as a quoted SQL string literal.
// It exists for the few places where backends differ; it has no logic.
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace sprintetl::warehouse {

// Returns `text` with every `{{ name }}` replaced by QuoteLiteral(values[name]).
// Blanks inside the braces are ignored. Fails with kInvalidArgument naming
// `origin`, the line and the placeholder when a name is unknown or a `{{` is
// never closed.
Result<std::string> RenderModelTemplate(const std::string& text,
                                        const std::map<std::string, std::string>& values,
                                        const std::string& origin);

}  // namespace sprintetl::warehouse
