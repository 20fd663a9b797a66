#include "transform/hubspot_reference_rows.h"

#include "transform/hubspot_values.h"
#include "transform/json_fields.h"

namespace sprintetl::transform {
namespace {

// The team marked primary, else the first; nullptr when there is none.
const nlohmann::json* PrimaryTeam(const nlohmann::json& owner) {
  const nlohmann::json* teams = Member(owner, "teams");
  if (teams == nullptr || !teams->is_array() || teams->empty()) return nullptr;
  for (const nlohmann::json& team : *teams) {
    if (BoolOf(Member(team, "primary")).value_or(false)) return &team;
  }
  return &teams->front();
}

std::optional<double> MetadataNumber(const nlohmann::json& stage, std::string_view key) {
  std::optional<std::string> text = TextOf(Member(stage, "metadata", key));
  return text ? ParseHubSpotNumber(*text) : std::nullopt;
}

std::optional<bool> MetadataBool(const nlohmann::json& stage, std::string_view key) {
  std::optional<std::string> text = TextOf(Member(stage, "metadata", key));
  return text ? ParseHubSpotBool(*text) : std::nullopt;
}

}  // namespace

Status BuildOwnerRows(const LandingPages& pages, StageRows& rows) {
  for (const LandingPage& page : pages.OfKind("hubspot.owners")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* results, PageArray(page, "results"));
    for (const nlohmann::json& owner : *results) {
      std::optional<std::string> id = TextOf(Member(owner, "id"));
      if (!id) return ShapeError(page.record, "an owner has no \"id\"");
      const nlohmann::json* team = PrimaryTeam(owner);
      rows["stg_owner"].push_back({
          {"source_page", page.record.file},
          {"owner_id", *id},
          {"email", JsonOrNull(TextOf(Member(owner, "email")))},
          {"first_name", JsonOrNull(TextOf(Member(owner, "firstName")))},
          {"last_name", JsonOrNull(TextOf(Member(owner, "lastName")))},
          {"user_id", JsonOrNull(TextOf(Member(owner, "userId")))},
          {"primary_team_id", JsonOrNull(team ? TextOf(Member(*team, "id")) : std::nullopt)},
          {"primary_team_name", JsonOrNull(team ? TextOf(Member(*team, "name")) : std::nullopt)},
          {"is_archived", BoolOf(Member(owner, "archived")).value_or(false)},
      });
    }
  }
  return Status::Ok();
}

Status BuildDealStageRows(const LandingPages& pages, StageRows& rows) {
  for (const LandingPage& page : pages.OfKind("hubspot.pipelines")) {
    SPRINTETL_ASSIGN_OR_RETURN(const nlohmann::json* results, PageArray(page, "results"));
    for (const nlohmann::json& pipeline : *results) {
      std::optional<std::string> pipeline_id = TextOf(Member(pipeline, "id"));
      if (!pipeline_id) return ShapeError(page.record, "a deal pipeline has no \"id\"");
      const nlohmann::json* stages = Member(pipeline, "stages");
      if (stages == nullptr || !stages->is_array()) continue;
      bool pipeline_archived = BoolOf(Member(pipeline, "archived")).value_or(false);

      for (const nlohmann::json& stage : *stages) {
        std::optional<std::string> stage_id = TextOf(Member(stage, "id"));
        if (!stage_id) {
          return ShapeError(page.record, "a stage of pipeline " + *pipeline_id + " has no \"id\"");
        }
        bool stage_archived = BoolOf(Member(stage, "archived")).value_or(false);
        rows["stg_deal_stage"].push_back({
            {"source_page", page.record.file},
            {"pipeline_id", *pipeline_id},
            {"pipeline_label", JsonOrNull(TextOf(Member(pipeline, "label")))},
            {"stage_id", *stage_id},
            {"stage_label", JsonOrNull(TextOf(Member(stage, "label")))},
            {"display_order", JsonOrNull(IntegerOf(Member(stage, "displayOrder")))},
            {"is_closed", JsonOrNull(MetadataBool(stage, "isClosed"))},
            {"probability", JsonOrNull(MetadataNumber(stage, "probability"))},
            {"is_archived", pipeline_archived || stage_archived},
        });
      }
    }
  }
  return Status::Ok();
}

}  // namespace sprintetl::transform
