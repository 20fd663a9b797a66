// Small helpers for SQL text shared by the warehouse backends: splitting a
// script into statements for error messages, and quoting identifiers.
// Pure functions; safe to call from any thread.
#pragma once

#include <string>
#include <vector>

namespace sprintetl::warehouse {

// Splits `sql` at semicolons that sit outside string literals, quoted
// identifiers and comments. Pieces holding only blanks and comments are
// dropped. Used to show which statement of a script failed, not to run them.
std::vector<std::string> SplitSqlStatements(const std::string& sql);

// Returns the first line of `sql` that is neither blank nor a `--` comment,
// trimmed and cut to about 160 characters, for error messages.
std::string FirstSqlLine(const std::string& sql);

// Returns `name` as a double-quoted SQL identifier.
std::string QuoteIdentifier(const std::string& name);

// Returns `text` between two `quote` characters, doubling each `quote` inside.
std::string QuoteWith(const std::string& text, char quote);

}  // namespace sprintetl::warehouse
