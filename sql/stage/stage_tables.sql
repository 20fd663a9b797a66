-- Stage tables: the transform's typed rows, one NDJSON file per table in the
-- run's landing folder (stage/<table>.ndjson), loaded as they are.
-- Every row carries the run that produced it and the landing page it came from.
-- Instants are UTC ISO-8601 strings in the files and TIMESTAMP here; calendar
-- days are DATE taken in the workspace's time zone; lists are JSON arrays.
-- Stage tables are internal and may change between versions.

CREATE TABLE IF NOT EXISTS stg_list (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  list_id VARCHAR NOT NULL, name VARCHAR, folder_id VARCHAR, folder_name VARCHAR,
  space_id VARCHAR, is_archived BOOLEAN,
  is_sprint BOOLEAN, sprint_number INTEGER, start_date DATE, end_date DATE
);

CREATE TABLE IF NOT EXISTS stg_task (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  task_id VARCHAR NOT NULL, custom_id VARCHAR, name VARCHAR,
  parent_task_id VARCHAR, home_list_id VARCHAR, space_id VARCHAR,
  status VARCHAR, status_type VARCHAR, status_label VARCHAR, category VARCHAR,
  priority INTEGER,
  customer_raw VARCHAR,          -- the customer field's value as shown in ClickUp
  customer_id VARCHAR,           -- the matched HubSpot company id, NULL when none matched
  assignee_squad_id VARCHAR,     -- squad of the first assignee that belongs to one
  points DOUBLE, time_estimate_ms BIGINT, time_spent_ms BIGINT,
  created_at TIMESTAMP, updated_at TIMESTAMP, start_at TIMESTAMP, due_at TIMESTAMP,
  due_date DATE, due_has_time BOOLEAN, done_at TIMESTAMP, closed_at TIMESTAMP,
  is_archived BOOLEAN, url VARCHAR,
  assignee_ids VARCHAR[], tags VARCHAR[], service_ids VARCHAR[]
);

-- A task's membership of a list: its home list and every other list it sits in.
CREATE TABLE IF NOT EXISTS stg_task_list (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  task_id VARCHAR NOT NULL, list_id VARCHAR NOT NULL, is_home BOOLEAN
);

-- One typed custom field value of a task; exactly the column matching the
-- field's type is set, value_json always keeps the raw value.
CREATE TABLE IF NOT EXISTS stg_task_field (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  task_id VARCHAR NOT NULL, field_id VARCHAR NOT NULL, field_name VARCHAR, field_type VARCHAR,
  value_text VARCHAR, value_number DOUBLE, value_at TIMESTAMP, value_bool BOOLEAN,
  value_list VARCHAR[], value_json VARCHAR
);

CREATE TABLE IF NOT EXISTS stg_member (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  member_id VARCHAR NOT NULL, username VARCHAR, initials VARCHAR
);

CREATE TABLE IF NOT EXISTS stg_squad (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  squad_id VARCHAR NOT NULL, name VARCHAR, clickup_group_id VARCHAR,
  capacity_points DOUBLE, member_count INTEGER
);

CREATE TABLE IF NOT EXISTS stg_squad_member (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  squad_id VARCHAR NOT NULL, member_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS stg_customer (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  customer_id VARCHAR NOT NULL, name VARCHAR, domain VARCHAR, squad_id VARCHAR,
  lifecycle_stage VARCHAR, owner_id VARCHAR, contracted_points DOUBLE,
  services VARCHAR[], merged_into_id VARCHAR, is_archived BOOLEAN,
  source_updated_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS stg_deal (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  deal_id VARCHAR NOT NULL, name VARCHAR, stage VARCHAR, pipeline VARCHAR,
  is_closed_won BOOLEAN, amount DOUBLE, currency VARCHAR, close_at TIMESTAMP,
  customer_id VARCHAR
);

CREATE TABLE IF NOT EXISTS stg_line_item (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  line_item_id VARCHAR NOT NULL, deal_id VARCHAR, product_id VARCHAR, service_id VARCHAR,
  name VARCHAR, quantity DOUBLE, price DOUBLE, amount DOUBLE,
  billing_frequency VARCHAR,     -- monthly, quarterly, annually, ... or NULL for one-off
  recurring_revenue DOUBLE,      -- per month
  contracted_points DOUBLE       -- per contracted period (a month by default)
);

CREATE TABLE IF NOT EXISTS stg_product (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  product_id VARCHAR NOT NULL, name VARCHAR, service_id VARCHAR
);

-- Per customer, service and ended sprint: the transform's sums of the
-- closed-won line items and of the points delivered in the sprint window.
CREATE TABLE IF NOT EXISTS stg_customer_service (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  sprint_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, service_id VARCHAR NOT NULL,
  contract_value DOUBLE, recurring_revenue DOUBLE, contracted_points DOUBLE,
  delivered_points DOUBLE
);

-- HubSpot owners, so hubspot_owner_id values can be shown by name.
CREATE TABLE IF NOT EXISTS stg_owner (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  owner_id VARCHAR NOT NULL, email VARCHAR, first_name VARCHAR, last_name VARCHAR,
  user_id VARCHAR, primary_team_id VARCHAR, primary_team_name VARCHAR, is_archived BOOLEAN
);

-- One row per stage of each HubSpot deal pipeline; stg_deal.stage and
-- stg_deal.pipeline hold the ids these rows label.
CREATE TABLE IF NOT EXISTS stg_deal_stage (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  pipeline_id VARCHAR NOT NULL, pipeline_label VARCHAR, stage_id VARCHAR NOT NULL,
  stage_label VARCHAR, display_order INTEGER, is_closed BOOLEAN,
  probability DOUBLE,            -- 0.0 to 1.0
  is_archived BOOLEAN
);

-- Records of the configured HubSpot custom objects; properties is a JSON
-- object whose values are typed by each property's declared type.
CREATE TABLE IF NOT EXISTS stg_custom_object (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  object_type VARCHAR NOT NULL, record_id VARCHAR NOT NULL, properties VARCHAR,
  is_archived BOOLEAN, source_updated_at TIMESTAMP
);

-- Company -> custom object associations, merged companies mapped to the survivor.
CREATE TABLE IF NOT EXISTS stg_customer_custom_object (
  run_id VARCHAR NOT NULL, source_page VARCHAR,
  customer_id VARCHAR NOT NULL, object_type VARCHAR NOT NULL, record_id VARCHAR NOT NULL
);
