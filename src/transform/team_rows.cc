#include "transform/team_rows.h"

#include <set>

#include "transform/json_fields.h"
#include "transform/task_labels.h"

namespace sprintetl::transform {
namespace {

Status AppendMembers(const LandingPages& pages, const config::Config& config, StageRows& rows) {
  std::set<std::string> seen;
  for (const LandingPage& page : pages.OfKind("clickup.teams")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* teams, PageArray(page, "teams"));
    for (const nlohmann::json& team : *teams) {
      std::optional<std::string> team_id = TextOf(Member(team, "id"));
      if (!config.clickup.team_id.empty() && team_id != config.clickup.team_id) continue;
      const nlohmann::json* members = Member(team, "members");
      if (members == nullptr || !members->is_array()) continue;

      for (const nlohmann::json& member : *members) {
        const nlohmann::json* user = Member(member, "user");
        std::optional<std::string> id = user ? TextOf(Member(*user, "id")) : std::nullopt;
        if (!id) return ShapeError(page.record, "a team member has no \"user.id\"");
        if (!seen.insert(*id).second) continue;
        rows["stg_member"].push_back({
            {"source_page", page.record.file},
            {"member_id", *id},
            {"username", JsonOrNull(TextOf(Member(*user, "username")))},
            {"initials", JsonOrNull(TextOf(Member(*user, "initials")))},
        });
      }
    }
  }
  return Status::Ok();
}

struct FoundGroup {
  const LandingPage* page = nullptr;
  const nlohmann::json* group = nullptr;
};

// The group named `name`: an exact match first, else one equal ignoring ASCII case.
FoundGroup FindGroup(const std::vector<FoundGroup>& groups, const std::string& name) {
  for (const FoundGroup& found : groups) {
    if (TextOf(Member(*found.group, "name")) == name) return found;
  }
  for (const FoundGroup& found : groups) {
    std::optional<std::string> group_name = TextOf(Member(*found.group, "name"));
    if (group_name && AsciiLower(*group_name) == AsciiLower(name)) return found;
  }
  return {};
}

}  // namespace

Result<SquadOfMember> BuildTeamRows(const LandingPages& pages, const config::Config& config,
                                    StageRows& rows, WarningList& warnings) {
  SPRINTETL_RETURN_IF_ERROR(AppendMembers(pages, config, rows));

  std::vector<FoundGroup> groups;
  for (const LandingPage& page : pages.OfKind("clickup.groups")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* page_groups, PageArray(page, "groups"));
    for (const nlohmann::json& group : *page_groups) groups.push_back({&page, &group});
  }

  SquadOfMember squad_of_member;
  for (const config::Squad& squad : config.squads) {
    FoundGroup found;
    if (!squad.clickup_group.empty()) found = FindGroup(groups, squad.clickup_group);
    if (found.group == nullptr) {
      if (!squad.clickup_group.empty()) {
        warnings.Add("squad '" + squad.id + "' names ClickUp group '" + squad.clickup_group +
                     "', which does not exist; create the group or fix squads.clickup_group");
      }
      rows["stg_squad"].push_back({
          {"source_page", "derived"},
          {"squad_id", squad.id},
          {"name", squad.name},
          {"clickup_group_id", nullptr},
          {"capacity_points", squad.capacity_points},
          {"member_count", nullptr},
      });
      continue;
    }

    std::vector<std::string> member_ids;
    const nlohmann::json* members = Member(*found.group, "members");
    if (members != nullptr && members->is_array()) {
      for (const nlohmann::json& member : *members) {
        std::optional<std::string> id = TextOf(Member(member, "id"));
        if (id) member_ids.push_back(*id);
      }
    }
    rows["stg_squad"].push_back({
        {"source_page", found.page->record.file},
        {"squad_id", squad.id},
        {"name", squad.name},
        {"clickup_group_id", JsonOrNull(TextOf(Member(*found.group, "id")))},
        {"capacity_points", squad.capacity_points},
        {"member_count", static_cast<long long>(member_ids.size())},
    });
    for (const std::string& member_id : member_ids) {
      rows["stg_squad_member"].push_back({
          {"source_page", found.page->record.file},
          {"squad_id", squad.id},
          {"member_id", member_id},
      });
      squad_of_member.emplace(member_id, squad.id);
    }
  }
  return squad_of_member;
}

}  // namespace sprintetl::transform
