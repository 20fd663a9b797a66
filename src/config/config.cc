#include "config/config.h"

#include "config/known_keys.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace sprintetl::config {
namespace {
namespace fs = std::filesystem;

// Reads optional keys of one TOML table into a struct, collecting the first
// type error so the message can name the exact key.
class TableReader {
 public:
  TableReader(const toml::table* table, std::string prefix, std::string origin)
      : table_(table), prefix_(std::move(prefix)), origin_(std::move(origin)) {}

  void String(const char* key, std::string& out) { Read<std::string>(key, out, "a string"); }
  void Int(const char* key, int& out) {
    int64_t value = out;
    Read<int64_t>(key, value, "an integer");
    out = static_cast<int>(value);
  }
  void Bool(const char* key, bool& out) { Read<bool>(key, out, "true or false"); }
  void Double(const char* key, double& out) {
    if (!table_ || !table_->contains(key)) return;
    if (auto v = (*table_)[key].value<double>()) {
      out = *v;
    } else {
      Fail(key, "a number");
    }
  }

  void StringList(const char* key, std::vector<std::string>& out) {
    if (!table_ || !table_->contains(key)) return;
    const toml::array* array = (*table_)[key].as_array();
    if (!array) return Fail(key, "an array of strings");
    out.clear();
    for (const auto& item : *array) {
      auto value = item.value<std::string>();
      if (!value) return Fail(key, "an array of strings");
      out.push_back(*value);
    }
  }

  void StringMap(const char* key, std::map<std::string, std::string>& out) {
    if (!table_ || !table_->contains(key)) return;
    const toml::table* map = (*table_)[key].as_table();
    if (!map) return Fail(key, "a table of strings");
    for (const auto& [name, node] : *map) {
      auto value = node.value<std::string>();
      if (!value) return Fail((std::string(key) + "." + std::string(name.str())).c_str(), "a string");
      out[std::string(name.str())] = *value;
    }
  }

  Status status() const { return status_; }

 private:
  template <typename T>
  void Read(const char* key, T& out, const char* expected) {
    if (!table_ || !table_->contains(key)) return;
    if (auto v = (*table_)[key].value<T>()) {
      out = *v;
    } else {
      Fail(key, expected);
    }
  }

  void Fail(const std::string& key, const char* expected) {
    if (!status_.ok()) return;
    status_ = InvalidArgument(origin_ + ": " + prefix_ + key + " must be " + expected);
  }

  const toml::table* table_;
  std::string prefix_;
  std::string origin_;
  Status status_;
};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Lower-cases the status map's keys and checks the link settings.
Status ApplyArchiveChoices(const std::map<std::string, std::string>& status_map,
                           const std::string& link_mode, const std::string& origin,
                           Archive& archive) {
  for (const auto& [source, target] : status_map) {
    std::string key = Lower(source);
    if (archive.status_map.count(key) && archive.status_map[key] != target) {
      return InvalidArgument(origin + ": archive.status_map maps \"" + key +
                             "\" twice with different targets; keep one");
    }
    if (target.empty()) {
      return InvalidArgument(origin + ": archive.status_map.\"" + source +
                             "\" is empty; name a status of the history list");
    }
    archive.status_map[key] = target;
  }

  if (link_mode == "description") {
    archive.link_mode = ArchiveLink::kDescription;
  } else if (link_mode == "custom_field") {
    archive.link_mode = ArchiveLink::kCustomField;
    if (archive.link_field.empty()) {
      return InvalidArgument(origin + ": archive.link_mode \"custom_field\" needs "
                             "archive.link_field, the name of a url or text field on the "
                             "history list");
    }
  } else {
    return InvalidArgument(origin + ": archive.link_mode must be \"description\" or "
                           "\"custom_field\", got \"" + link_mode + "\"");
  }
  return Status::Ok();
}

std::string ResolvePath(const std::string& path, const std::string& origin) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  fs::path base = fs::path(origin).parent_path();
  return (base / path).lexically_normal().string();
}

Status ReadClickUp(const toml::table* t, const std::string& origin, ClickUp& c) {
  TableReader r(t, "clickup.", origin);
  r.String("base_url", c.base_url);
  r.String("team_id", c.team_id);
  r.String("sprint_folder", c.sprint_folder);
  r.String("sprint_name_pattern", c.sprint_name_pattern);
  r.String("customer_field", c.customer_field);
  r.String("service_field", c.service_field);
  r.String("default_category", c.default_category);
  r.StringMap("status_labels", c.status_labels);
  r.Int("max_attempts", c.max_attempts);
  r.Int("timeout_seconds", c.timeout_seconds);
  r.Int("workers", c.workers);
  r.Int("incremental_overlap_minutes", c.incremental_overlap_minutes);
  r.Int("full_read_every_runs", c.full_read_every_runs);

  std::string order = c.sprint_date_order == DateOrder::kMonthDay ? "month_day" : "day_month";
  r.String("sprint_date_order", order);
  std::string match = c.customer_match == CustomerMatch::kCompanyName ? "company_name" : "company_id";
  r.String("customer_match", match);
  SPRINTETL_RETURN_IF_ERROR(r.status());

  if (order != "month_day" && order != "day_month") {
    return InvalidArgument(origin + ": clickup.sprint_date_order must be \"month_day\" or "
                           "\"day_month\", got \"" + order + "\"");
  }
  c.sprint_date_order = order == "month_day" ? DateOrder::kMonthDay : DateOrder::kDayMonth;
  if (match != "company_name" && match != "company_id") {
    return InvalidArgument(origin + ": clickup.customer_match must be \"company_name\" or "
                           "\"company_id\", got \"" + match + "\"");
  }
  c.customer_match = match == "company_name" ? CustomerMatch::kCompanyName
                                             : CustomerMatch::kCompanyId;

  try {
    std::regex check(c.sprint_name_pattern);
    if (check.mark_count() < 5) {
      return InvalidArgument(origin + ": clickup.sprint_name_pattern needs 5 groups: number, "
                             "start day parts and end day parts");
    }
  } catch (const std::regex_error& e) {
    return InvalidArgument(origin + ": clickup.sprint_name_pattern is not a valid regex: " +
                           e.what());
  }

  if (t && t->contains("category_rules")) {
    const toml::array* rules = (*t)["category_rules"].as_array();
    if (!rules) return InvalidArgument(origin + ": clickup.category_rules must be [[...]] tables");
    for (size_t i = 0; i < rules->size(); ++i) {
      std::string prefix = "clickup.category_rules[" + std::to_string(i) + "].";
      TableReader rule_reader((*rules)[i].as_table(), prefix, origin);
      CategoryRule rule;
      rule_reader.String("category", rule.category);
      rule_reader.String("tag", rule.tag);
      rule_reader.String("status_type", rule.status_type);
      rule_reader.String("name_regex", rule.name_regex);
      SPRINTETL_RETURN_IF_ERROR(rule_reader.status());
      if (rule.category.empty()) return InvalidArgument(origin + ": " + prefix + "category is missing");
      if (!rule.name_regex.empty()) {
        try {
          std::regex check(rule.name_regex);
        } catch (const std::regex_error& e) {
          return InvalidArgument(origin + ": " + prefix + "name_regex is invalid: " + e.what());
        }
      }
      c.category_rules.push_back(rule);
    }
  }
  return Status::Ok();
}

Status ReadHubSpot(const toml::table* t, const std::string& origin, HubSpot& h) {
  TableReader r(t, "hubspot.", origin);
  r.String("base_url", h.base_url);
  r.String("objects_path", h.objects_path);
  r.String("associations_path", h.associations_path);
  r.String("owners_path", h.owners_path);
  r.String("pipelines_path", h.pipelines_path);
  r.String("properties_path", h.properties_path);
  r.Int("page_size", h.page_size);
  r.StringList("company_properties", h.company_properties);
  r.StringList("deal_properties", h.deal_properties);
  r.StringList("line_item_properties", h.line_item_properties);
  r.StringList("product_properties", h.product_properties);
  r.StringList("custom_objects", h.custom_objects);
  r.StringList("custom_object_properties", h.custom_object_properties);
  r.String("squad_property", h.squad_property);
  r.String("services_property", h.services_property);
  r.String("contracted_points_property", h.contracted_points_property);
  r.String("product_service_property", h.product_service_property);
  r.String("default_service", h.default_service);
  r.Int("max_attempts", h.max_attempts);
  r.Int("timeout_seconds", h.timeout_seconds);
  r.Int("incremental_overlap_minutes", h.incremental_overlap_minutes);
  r.Int("search_page_size", h.search_page_size);
  r.Int("search_result_cap", h.search_result_cap);
  r.Double("search_requests_per_second", h.search_requests_per_second);
  r.Bool("seed_history", h.seed_history);
  SPRINTETL_RETURN_IF_ERROR(r.status());
  if (h.search_page_size < 1 || h.search_page_size > 200 ||
      h.search_result_cap < h.search_page_size || h.search_requests_per_second <= 0 ||
      h.incremental_overlap_minutes < 0) {
    return InvalidArgument(origin + ": hubspot.search_page_size must be 1 to 200, "
                           "search_result_cap at least search_page_size, "
                           "search_requests_per_second positive and "
                           "incremental_overlap_minutes not negative");
  }
  if (h.page_size < 1 || h.page_size > 100) {
    return InvalidArgument(origin + ": hubspot.page_size must be between 1 and 100 (HubSpot's "
                           "maximum), got " + std::to_string(h.page_size));
  }
  return Status::Ok();
}

Status ReadSquads(const toml::array* array, bool present, const std::string& origin,
                  std::vector<Squad>& squads) {
  if (!present) return Status::Ok();
  if (!array) return InvalidArgument(origin + ": squads must be [[squads]] tables");
  for (size_t i = 0; i < array->size(); ++i) {
    std::string prefix = "squads[" + std::to_string(i) + "].";
    TableReader r((*array)[i].as_table(), prefix, origin);
    Squad squad;
    r.String("id", squad.id);
    r.String("name", squad.name);
    r.String("clickup_group", squad.clickup_group);
    r.Double("capacity_points", squad.capacity_points);
    SPRINTETL_RETURN_IF_ERROR(r.status());
    if (squad.id.empty()) return InvalidArgument(origin + ": " + prefix + "id is missing");
    if (squad.name.empty()) squad.name = squad.id;
    if (squad.clickup_group.empty()) squad.clickup_group = squad.name;
    if (squad.capacity_points < 0) {
      return InvalidArgument(origin + ": " + prefix + "capacity_points must not be negative");
    }
    squads.push_back(squad);
  }
  return Status::Ok();
}

bool IsValidUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

}  // namespace

Result<Config> ParseConfig(const std::string& toml_text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return InvalidArgument(origin + ":" + std::to_string(where.line) + ":" +
                           std::to_string(where.column) + ": " + std::string(e.description()));
  }

  SPRINTETL_RETURN_IF_ERROR(CheckKeys(root, "", origin));

  Config config;
  config.source_path = origin;

  TableReader top(&root, "", origin);
  top.String("timezone", config.timezone);
  top.String("landing_root", config.landing_root);
  top.StringMap("service_aliases", config.service_aliases);
  SPRINTETL_RETURN_IF_ERROR(top.status());

  SPRINTETL_RETURN_IF_ERROR(ReadClickUp(root["clickup"].as_table(), origin, config.clickup));
  SPRINTETL_RETURN_IF_ERROR(ReadHubSpot(root["hubspot"].as_table(), origin, config.hubspot));
  SPRINTETL_RETURN_IF_ERROR(ReadSquads(root["squads"].as_array(), root.contains("squads"), origin, config.squads));

  TableReader points(root["points"].as_table(), "points.", origin);
  points.Double("contracted_period_days", config.points.contracted_period_days);
  points.String("unassigned_service", config.points.unassigned_service);
  SPRINTETL_RETURN_IF_ERROR(points.status());

  TableReader warehouse(root["warehouse"].as_table(), "warehouse.", origin);
  warehouse.String("kind", config.warehouse.kind);
  warehouse.String("path", config.warehouse.path);
  SPRINTETL_RETURN_IF_ERROR(warehouse.status());

  BigQuery& bigquery = config.warehouse.bigquery;
  TableReader bq(root["warehouse"]["bigquery"].as_table(), "warehouse.bigquery.", origin);
  bq.String("project", bigquery.project);
  bq.String("dataset", bigquery.dataset);
  bq.String("location", bigquery.location);
  bq.String("api_base_url", bigquery.api_base_url);
  bq.String("token_url", bigquery.token_url);
  bq.String("credentials_file", bigquery.credentials_file);
  bq.Bool("use_metadata_server", bigquery.use_metadata_server);
  bq.String("metadata_base_url", bigquery.metadata_base_url);
  bq.String("load_format", bigquery.load_format);
  bq.Double("price_per_tib_usd", bigquery.price_per_tib_usd);
  SPRINTETL_RETURN_IF_ERROR(bq.status());
  if (bigquery.load_format != "ndjson" && bigquery.load_format != "parquet") {
    return InvalidArgument(origin + ": warehouse.bigquery.load_format '" + bigquery.load_format +
                           "' is not supported; use 'ndjson' or 'parquet'");
  }

  TableReader model(root["model"].as_table(), "model.", origin);
  model.StringList("historied", config.model.historied);
  SPRINTETL_RETURN_IF_ERROR(model.status());
  for (const std::string& dimension : config.model.historied) {
    if (dimension != "customer" && dimension != "squad" && dimension != "service" &&
        dimension != "member" && dimension != "task") {
      return InvalidArgument(origin + ": model.historied contains unknown dimension \"" +
                             dimension + "\"; use customer, squad, service, member or task");
    }
  }

  TableReader report(root["report"].as_table(), "report.", origin);
  report.String("path", config.report.path);
  report.String("locale", config.report.locale);
  report.Int("sprints_shown", config.report.sprints_shown);
  SPRINTETL_RETURN_IF_ERROR(report.status());

  TableReader archive(root["archive"].as_table(), "archive.", origin);
  archive.Bool("enabled", config.archive.enabled);
  archive.String("space_id", config.archive.space_id);
  archive.String("folder_name", config.archive.folder_name);
  archive.String("fallback_status", config.archive.fallback_status);
  std::map<std::string, std::string> status_map;
  archive.StringMap("status_map", status_map);
  std::string link_mode = "description";
  archive.String("link_mode", link_mode);
  archive.String("link_field", config.archive.link_field);
  SPRINTETL_RETURN_IF_ERROR(archive.status());
  SPRINTETL_RETURN_IF_ERROR(ApplyArchiveChoices(status_map, link_mode, origin, config.archive));

  TableReader landing(root["landing"].as_table(), "landing.", origin);
  landing.Int("keep_runs", config.landing.keep_runs);
  SPRINTETL_RETURN_IF_ERROR(landing.status());
  if (config.landing.keep_runs < 0) {
    return InvalidArgument(origin + ": landing.keep_runs must be 0 (keep all) or more, got " +
                           std::to_string(config.landing.keep_runs));
  }

  TableReader operations(root["operations"].as_table(), "operations.", origin);
  operations.Bool("power_off_after_success", config.operations.power_off_after_success);
  operations.String("power_off_command", config.operations.power_off_command);
  operations.String("run_time", config.operations.run_time);
  SPRINTETL_RETURN_IF_ERROR(operations.status());
  if (!std::regex_match(config.operations.run_time, std::regex(R"(([01]\d|2[0-3]):[0-5]\d)"))) {
    return InvalidArgument(origin + ": operations.run_time must be a 24-hour HH:MM time such as "
                           "\"06:00\", got \"" + config.operations.run_time + "\"");
  }
  if (config.operations.power_off_after_success && config.operations.power_off_command.empty()) {
    return InvalidArgument(origin + ": operations.power_off_command is empty while "
                           "power_off_after_success is true; set a command such as "
                           "\"systemctl poweroff\"");
  }

  if (!IsValidUrl(config.clickup.base_url)) {
    return InvalidArgument(origin + ": clickup.base_url must start with http:// or https://");
  }
  if (!IsValidUrl(config.hubspot.base_url)) {
    return InvalidArgument(origin + ": hubspot.base_url must start with http:// or https://");
  }
  if (config.clickup.workers < 1 || config.clickup.workers > 32) {
    return InvalidArgument(origin + ": clickup.workers must be between 1 and 32, got " +
                           std::to_string(config.clickup.workers));
  }
  if (config.clickup.incremental_overlap_minutes < 0) {
    return InvalidArgument(origin + ": clickup.incremental_overlap_minutes must be 0 or more");
  }
  if (config.clickup.full_read_every_runs < 1) {
    return InvalidArgument(origin + ": clickup.full_read_every_runs must be 1 or more (1 reads "
                           "every task on every run)");
  }
  if (config.points.contracted_period_days <= 0) {
    return InvalidArgument(origin + ": points.contracted_period_days must be positive");
  }

  config.landing_root = ResolvePath(config.landing_root, origin);
  config.warehouse.path = ResolvePath(config.warehouse.path, origin);
  config.report.path = ResolvePath(config.report.path, origin);
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return NotFound("config file " + path + " does not exist; pass --config PATH "
                    "(config/sprintetl.example.toml is a commented starting point)");
  }
  if (fs::is_directory(path, ec)) {
    return InvalidArgument("config path " + path + " is a folder; pass the TOML file itself");
  }
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) return InvalidArgument("cannot read config file " + path);
  if (text.str().find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("config file " + path + " is empty; start from "
                           "config/sprintetl.example.toml");
  }
  std::string absolute = fs::absolute(path).lexically_normal().string();
  return ParseConfig(text.str(), absolute);
}

std::string ServiceIdForLabel(const Config& config, const std::string& label) {
  auto alias = config.service_aliases.find(label);
  if (alias != config.service_aliases.end()) return alias->second;

  std::string id;
  for (unsigned char ch : label) {
    if (ch == ' ' || ch == '-') {
      id.push_back('_');
    } else {
      id.push_back(static_cast<char>(std::tolower(ch)));
    }
  }
  return id;
}

std::vector<std::string> TrackedCompanyProperties(const HubSpot& hubspot) {
  std::vector<std::string> tracked;
  for (const std::string& name :
       {std::string("name"), std::string("domain"), std::string("lifecyclestage"),
        std::string("hubspot_owner_id"), hubspot.squad_property,
        hubspot.contracted_points_property, hubspot.services_property}) {
    bool configured = std::find(hubspot.company_properties.begin(),
                                hubspot.company_properties.end(),
                                name) != hubspot.company_properties.end();
    if (configured) tracked.push_back(name);
  }
  return tracked;
}

}  // namespace sprintetl::config

namespace sprintetl::config {

Status ApplyEnvironmentOverrides(Config& config) {
  struct Override {
    const char* variable;
    const char* key;
    std::string& target;
  };
  for (const Override& entry :
       {Override{"SPRINTETL_CLICKUP_BASE_URL", "clickup.base_url", config.clickup.base_url},
        Override{"SPRINTETL_HUBSPOT_BASE_URL", "hubspot.base_url", config.hubspot.base_url}}) {
    const char* url = std::getenv(entry.variable);
    if (!url || !*url) continue;
    if (!IsValidUrl(url)) {
      return InvalidArgument(std::string(entry.variable) + " must start with http:// or "
                             "https://, got '" + url + "'");
    }
    entry.target = url;
    config.environment_overrides[entry.key] = entry.variable;
  }
  return Status::Ok();
}

std::string SettingSource(const Config& config, const std::string& key) {
  auto variable = config.environment_overrides.find(key);
  if (variable != config.environment_overrides.end()) {
    return "environment variable " + variable->second;
  }
  return key + " in " + (config.source_path.empty() ? "the config" : config.source_path);
}

}  // namespace sprintetl::config
