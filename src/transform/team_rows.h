// Workspace members and squads: stg_member, stg_squad and stg_squad_member.
//
// Squads are configured, and each names the ClickUp user group that contains
// its members, because not every group is a squad ("Delivery Leads" is not).
#pragma once

#include <map>
#include <string>

#include "config/config.h"
#include "core/status.h"
#include "transform/landing_pages.h"
#include "transform/ndjson_writer.h"
#include "transform/warning_list.h"

namespace sprintetl::transform {

// Member id -> the squad id of the first configured squad whose group
// contains the member.
using SquadOfMember = std::map<std::string, std::string>;

// Appends stg_member rows (the members of the clickup.teams pages, once each;
// only the configured team when clickup.team_id is set), one stg_squad row
// per configured squad and its stg_squad_member rows. Warns about a squad
// whose group is not among the clickup.groups pages. Fails with kDataLoss for
// a page without its "teams" or "groups" array.
Result<SquadOfMember> BuildTeamRows(const LandingPages& pages, const config::Config& config,
                                    StageRows& rows, WarningList& warnings);

}  // namespace sprintetl::transform
