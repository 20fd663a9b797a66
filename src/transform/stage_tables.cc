#include "transform/stage_tables.h"

namespace sprintetl::transform {

const std::vector<StageTable>& StageTables() {
  static const std::vector<StageTable> kTables = {
      {"stg_list",
       {"run_id", "source_page", "list_id", "name", "folder_id", "folder_name", "space_id",
        "is_archived", "is_sprint", "sprint_number", "start_date", "end_date"}},
      {"stg_task", {"run_id",       "source_page",      "task_id",       "custom_id",
                    "name",         "parent_task_id",   "home_list_id",  "space_id",
                    "status",       "status_type",      "status_label",  "category",
                    "priority",     "customer_raw",     "customer_id",   "assignee_squad_id",
                    "points",       "time_estimate_ms", "time_spent_ms", "created_at",
                    "updated_at",   "start_at",         "due_at",        "due_date",
                    "due_has_time", "done_at",          "closed_at",     "is_archived",
                    "url",          "assignee_ids",     "tags",          "service_ids"}},
      {"stg_task_list", {"run_id", "source_page", "task_id", "list_id", "is_home"}},
      {"stg_task_field",
       {"run_id", "source_page", "task_id", "field_id", "field_name", "field_type", "value_text",
        "value_number", "value_at", "value_bool", "value_list", "value_json"}},
      {"stg_member", {"run_id", "source_page", "member_id", "username", "initials"}},
      {"stg_squad",
       {"run_id", "source_page", "squad_id", "name", "clickup_group_id", "capacity_points",
        "member_count"}},
      {"stg_squad_member", {"run_id", "source_page", "squad_id", "member_id"}},
      {"stg_customer",
       {"run_id", "source_page", "customer_id", "name", "domain", "squad_id", "lifecycle_stage",
        "owner_id", "contracted_points", "services", "merged_into_id", "is_archived",
        "source_updated_at"}},
      {"stg_deal",
       {"run_id", "source_page", "deal_id", "name", "stage", "pipeline", "is_closed_won", "amount",
        "currency", "close_at", "customer_id"}},
      {"stg_line_item",
       {"run_id", "source_page", "line_item_id", "deal_id", "product_id", "service_id", "name",
        "quantity", "price", "amount", "billing_frequency", "recurring_revenue",
        "contracted_points"}},
      {"stg_product", {"run_id", "source_page", "product_id", "name", "service_id"}},
      {"stg_customer_service",
       {"run_id", "source_page", "sprint_id", "customer_id", "service_id", "contract_value",
        "recurring_revenue", "contracted_points", "delivered_points"}},
      {"stg_owner",
       {"run_id", "source_page", "owner_id", "email", "first_name", "last_name", "user_id",
        "primary_team_id", "primary_team_name", "is_archived"}},
      {"stg_deal_stage",
       {"run_id", "source_page", "pipeline_id", "pipeline_label", "stage_id", "stage_label",
        "display_order", "is_closed", "probability", "is_archived"}},
      {"stg_custom_object",
       {"run_id", "source_page", "object_type", "record_id", "properties", "is_archived",
        "source_updated_at"}},
      {"stg_customer_custom_object",
       {"run_id", "source_page", "customer_id", "object_type", "record_id"}},
  };
  return kTables;
}

const StageTable* FindStageTable(const std::string& name) {
  for (const StageTable& table : StageTables()) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

}  // namespace sprintetl::transform
