// The sprintetl configuration: one TOML file, read once at start-up.
//
// Secrets never live here: tokens come from the environment (see secrets.h).
// Every API base URL is configurable so tests and demos point at loopback
// fakes. The structs are plain values, safe to copy and to read from any
// thread once loaded.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace sprintetl::config {

// The rule that finds a task's customer: the option name of a drop-down field
// compared with HubSpot company names (normalised for case, accents, quotes
// and spaces), or by a text field that contains the HubSpot company id.
enum class CustomerMatch { kCompanyName, kCompanyId };

// Whether sprint names are written "M/D - M/D" or "D/M - D/M".
enum class DateOrder { kMonthDay, kDayMonth };

// A rule that gives a task its category. The first rule whose set conditions
// all match wins. A rule with no condition matches every task.
struct CategoryRule {
  std::string category;
  std::string tag;          // the task has this tag (case-insensitive)
  std::string status_type;  // open, custom, done or closed
  std::string name_regex;   // ECMAScript regex searched in the task name
};

struct Squad {
  std::string id;             // natural key, the HubSpot company `squad` value
  std::string name;           // display name
  std::string clickup_group;  // ClickUp user group name holding its members
  double capacity_points = 0;
};

struct ClickUp {
  std::string base_url = "https://api.clickup.com/api";
  std::string team_id;  // empty: every workspace the token can see
  std::string sprint_folder = "Sprint Folder";
  std::string sprint_name_pattern =
      R"(^Sprint\s+(\d+)\s*\((\d{1,2})/(\d{1,2})\s*-\s*(\d{1,2})/(\d{1,2})\)\s*$)";
  DateOrder sprint_date_order = DateOrder::kMonthDay;
  std::string customer_field = "Customer";
  CustomerMatch customer_match = CustomerMatch::kCompanyName;
  std::string service_field = "Service";
  std::map<std::string, std::string> status_labels;  // ClickUp status -> label
  std::vector<CategoryRule> category_rules;
  std::string default_category = "other";
  int max_attempts = 5;        // HTTP tries per request before failing
  int timeout_seconds = 60;    // per HTTP request
  int workers = 4;             // lists whose task pages are read at the same time
  // Incremental runs ask for tasks updated since the base run's start minus this window, so
  // edits made while the base run was reading are not missed.
  int incremental_overlap_minutes = 60;
  // Every Nth run reads every task again, which drops deleted tasks; 1 reads all every run.
  int full_read_every_runs = 7;
};

struct HubSpot {
  std::string base_url = "https://api.hubapi.com";
  std::string objects_path = "/crm/v3/objects";
  std::string associations_path = "/crm/v4/associations";
  std::string owners_path = "/crm/v3/owners";
  std::string pipelines_path = "/crm/v3/pipelines";
  std::string properties_path = "/crm/v3/properties";
  int page_size = 100;
  std::vector<std::string> company_properties;
  std::vector<std::string> deal_properties;
  std::vector<std::string> line_item_properties;
  std::vector<std::string> product_properties;
  // Custom object type ids ("2-1234567") or names ("p1234567_squad") to list,
  // each with custom_object_properties and its company associations.
  std::vector<std::string> custom_objects;
  std::vector<std::string> custom_object_properties;
  std::string squad_property = "squad";
  std::string services_property = "services";
  std::string contracted_points_property = "contracted_points";
  std::string product_service_property = "service";
  // Service given to line items without a product; empty skips them with a warning.
  std::string default_service;
  int max_attempts = 5;
  int timeout_seconds = 60;
  // Incremental runs: records modified since the last ok run's start minus
  // this window are searched again, because the search index lags writes.
  int incremental_overlap_minutes = 60;
  int search_page_size = 200;       // HubSpot's maximum
  int search_result_cap = 10000;    // results HubSpot returns for one search query
  double search_requests_per_second = 4;  // HubSpot allows 5 per second per account
  // On the first run (an empty dim_customer), read the change history of the company
  // properties dim_customer tracks, so customers start with their past versions.
  bool seed_history = false;
};

// The configured company properties whose changes make a new dim_customer version: name,
// domain, lifecyclestage, hubspot_owner_id and the squad, contracted points and services
// properties, in that order.
std::vector<std::string> TrackedCompanyProperties(const HubSpot& hubspot);

struct Points {
  // Contracted points are stated per this many days and prorated to a
  // sprint's length; 30.4375 is an average month.
  double contracted_period_days = 30.4375;
  std::string unassigned_service = "unassigned";  // service of tasks without one
};

// Where a BigQuery warehouse lives and how to reach it. Used when
// warehouse.kind is "bigquery"; every base URL can point at a local fake.
struct BigQuery {
  std::string project;
  std::string dataset;
  std::string location = "US";
  std::string api_base_url = "https://bigquery.googleapis.com";
  std::string token_url = "https://oauth2.googleapis.com/token";
  // Service-account key file; empty: the GOOGLE_APPLICATION_CREDENTIALS variable.
  std::string credentials_file;
  // The VM's metadata server is asked for a token only when this is set.
  bool use_metadata_server = false;
  std::string metadata_base_url = "http://metadata.google.internal";
  // File format of stage load jobs: "ndjson" or "parquet".
  std::string load_format = "ndjson";
  // On-demand query price in US dollars per TiB processed, for `run --dry-run`
  // estimates; set it to your region's list price.
  double price_per_tib_usd = 6.25;
};

struct Warehouse {
  std::string kind = "duckdb";
  std::string path = "sprintetl.duckdb";
  BigQuery bigquery;
};

struct Model {
  // Dimensions kept historied (SCD type 2): any of "customer", "squad",
  // "service", "member" and "task". Customer and squad are historied whether
  // listed or not; the others unlisted are kept type 1 (changed in place).
  std::vector<std::string> historied = {"customer", "squad"};
};

struct Report {
  std::string path = "report/sprint-report.html";
  std::string locale = "en-US";
  int sprints_shown = 8;
};

// The place a Sprint History copy keeps the link to its original task.
enum class ArchiveLink { kDescription, kCustomField };

struct Archive {
  bool enabled = true;
  std::string space_id;  // empty: the space of the sprint folder
  std::string folder_name = "Sprint History";
  // Source status -> history list status; keys are lower-cased when read, so
  // they match case-insensitively. Unmapped statuses keep their name when the
  // history list has it, else fall back.
  std::map<std::string, std::string> status_map;
  std::string fallback_status;  // empty: the history list's first status
  ArchiveLink link_mode = ArchiveLink::kDescription;
  // With link_mode custom_field: the name of a url or text field on the history list.
  std::string link_field;
};

struct Landing {
  // Landing folders of successful runs to keep; older ones are deleted after
  // a successful run. Folders of failed or unfinished runs are always kept.
  // 0 keeps every folder.
  int keep_runs = 10;
};

struct Operations {
  // Runs power_off_command after a run that closed a sprint without error,
  // for a VM that an instance schedule starts only for the run.
  bool power_off_after_success = false;
  std::string power_off_command = "systemctl poweroff";
  std::string run_time = "06:00";  // local time (HH:MM) of the daily systemd timer and cron line
};

struct Config {
  std::string source_path;  // the file it was read from, for messages
  std::string timezone;     // empty: the ClickUp user's time zone
  std::string landing_root = "landing";
  ClickUp clickup;
  HubSpot hubspot;
  std::map<std::string, std::string> service_aliases;  // ClickUp label -> service id
  std::vector<Squad> squads;
  Points points;
  Warehouse warehouse;
  Model model;
  Report report;
  Archive archive;
  Landing landing;
  Operations operations;
  // Keys that ApplyEnvironmentOverrides replaced, e.g. "clickup.base_url" ->
  // "SPRINTETL_CLICKUP_BASE_URL", so messages can name where a value came from.
  std::map<std::string, std::string> environment_overrides;
};

// Reads and validates the TOML file at `path`. Relative paths inside it
// (landing root, warehouse file, report) are resolved against the file's folder.
// Fails with kInvalidArgument naming the key and the fix, or kNotFound.
Result<Config> LoadConfig(const std::string& path);

// Parses TOML text; `origin` names it in messages and anchors relative paths.
Result<Config> ParseConfig(const std::string& toml_text, const std::string& origin);

// Maps a ClickUp service label to its service id: the alias when configured,
// else the label lower-cased with spaces and dashes turned into underscores.
std::string ServiceIdForLabel(const Config& config, const std::string& label);

}  // namespace sprintetl::config

namespace sprintetl::config {

// Applies SPRINTETL_CLICKUP_BASE_URL and SPRINTETL_HUBSPOT_BASE_URL when set,
// so a scheduler or the demo can point one config file at other endpoints.
// Fails with kInvalidArgument when a value is not an http(s) URL.
Status ApplyEnvironmentOverrides(Config& config);

// Where the value of `key` (e.g. "clickup.base_url") came from, for messages:
// "environment variable SPRINTETL_CLICKUP_BASE_URL" when an override set it,
// else "clickup.base_url in <config file>".
std::string SettingSource(const Config& config, const std::string& key);

}  // namespace sprintetl::config
