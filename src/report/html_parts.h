// Small HTML pieces the report's sections share. Internal to the report stage.
// Every function escapes the text it is given.
#pragma once

#include <string>

#include "report/locale_format.h"

namespace sprintetl::report {

// The squad_id the models give tasks without a squad.
inline constexpr char kNoSquadId[] = "(none)";

// The units the report counts in, for FormatQuantity.
inline const UnitName kPointUnit{"point", "points"};
inline const UnitName kTaskUnit{"task", "tasks"};

// Returns a note shown in place of an empty section's chart or table.
std::string EmptyNote(const std::string& test_id, const std::string& text);

// Opens a <section> with its <h2> heading.
std::string OpenSection(const std::string& heading);

// Returns a right-aligned table cell, highlighted when `negative`.
std::string NumberCell(const std::string& text, bool negative = false);

}  // namespace sprintetl::report
