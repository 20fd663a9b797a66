#include "config/known_keys.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace sprintetl::config {
namespace {

// Every key the config file may contain, per table ("" is the top level).
// A key that is not here is a typo or a setting of another version.
const std::map<std::string, std::set<std::string>>& KnownKeys() {
  static const std::map<std::string, std::set<std::string>> kKeys = {
      {"", {"timezone", "landing_root", "service_aliases", "clickup", "hubspot", "squads",
            "points", "warehouse", "model", "report", "archive", "landing", "operations"}},
      {"clickup", {"base_url", "team_id", "sprint_folder", "sprint_name_pattern",
                   "sprint_date_order", "customer_field", "customer_match", "service_field",
                   "status_labels", "category_rules", "default_category", "max_attempts",
                   "timeout_seconds", "workers", "incremental_overlap_minutes",
                   "full_read_every_runs"}},
      {"clickup.category_rules", {"category", "tag", "status_type", "name_regex"}},
      {"hubspot", {"base_url", "objects_path", "associations_path", "owners_path",
                   "pipelines_path", "properties_path", "page_size", "company_properties",
                   "deal_properties", "line_item_properties", "product_properties",
                   "custom_objects", "custom_object_properties", "squad_property",
                   "services_property", "contracted_points_property", "product_service_property",
                   "default_service", "max_attempts", "timeout_seconds",
                   "incremental_overlap_minutes", "search_page_size", "search_result_cap",
                   "search_requests_per_second", "seed_history"}},
      {"squads", {"id", "name", "clickup_group", "capacity_points"}},
      {"points", {"contracted_period_days", "unassigned_service"}},
      {"landing", {"keep_runs"}},
      {"operations", {"power_off_after_success", "power_off_command", "run_time"}},
      {"warehouse", {"kind", "path", "bigquery"}},
      {"warehouse.bigquery", {"project", "dataset", "location", "api_base_url", "token_url",
                              "credentials_file", "use_metadata_server", "metadata_base_url",
                              "load_format", "price_per_tib_usd"}},
      {"model", {"historied"}},
      {"report", {"path", "locale", "sprints_shown"}},
      {"archive", {"enabled", "space_id", "folder_name", "fallback_status", "status_map",
                   "link_mode", "link_field"}},
  };
  return kKeys;
}

// Number of single-character edits between two short names, for suggestions.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

Status CheckKeys(const toml::table& table, const std::string& path, const std::string& origin) {
  auto known = KnownKeys().find(path);
  if (known == KnownKeys().end()) return Status::Ok();  // free-form tables (maps)
  for (const auto& [key_node, node] : table) {
    std::string key(key_node.str());
    std::string full = path.empty() ? key : path + "." + key;
    if (!known->second.count(key)) {
      std::string hint;
      for (const auto& candidate : known->second) {
        if (EditDistance(key, candidate) <= 2) hint = "; did you mean '" + candidate + "'?";
      }
      return InvalidArgument(origin + ": unknown key " + full + hint);
    }
    if (const toml::table* child = node.as_table()) {
      SPRINTETL_RETURN_IF_ERROR(CheckKeys(*child, full, origin));
    } else if (const toml::array* array = node.as_array()) {
      for (const auto& item : *array) {
        if (const toml::table* child = item.as_table()) {
          SPRINTETL_RETURN_IF_ERROR(CheckKeys(*child, full, origin));
        }
      }
    }
  }
  return Status::Ok();
}


}  // namespace sprintetl::config
