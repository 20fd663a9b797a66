// Synthetic warehouse contents for report tests. The real models create the
// schema and rpt_* views in a StarHarness warehouse, then SQL fills the dim
// and fact tables directly, so a test can ask for any number of customers
// without building stage rows.
#pragma once

#include <string>

#include "core/status.h"
#include "warehouse/star_harness.h"

namespace sprintetl::testing {

// The sprint FillSyntheticSprint reports on, and the one before it.
inline constexpr char kSyntheticSprintId[] = "sp-42";
inline constexpr char kSyntheticPreviousSprintId[] = "sp-41";

// Runs the models once on no stage rows (creating the views), then inserts
// sprints 41 and 42, three squads, `customers` customers with two services
// each and two tasks each in both sprints. Every tenth customer gets a second
// dim_customer version inside sprint 42 that moves it to the next squad and
// adds 5 contracted points. With `customers` = 0 only the sprints exist.
Status FillSyntheticSprint(StarHarness& star, int customers);

}  // namespace sprintetl::testing
