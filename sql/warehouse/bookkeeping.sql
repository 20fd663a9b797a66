-- Bookkeeping tables and the star schema's tables. The SQL models fill the
-- dim/fat tables incrementally (SCD type 2 versions, facts kept per sprint),
-- so the tables are created once here and never dropped by a model.
-- Instants are UTC TIMESTAMP, calendar days DATE in the workspace's time
-- zone, money DECIMAL(18,2), points DECIMAL(9,2), hours DOUBLE.
-- Column `run_id` on dim/fat rows names the run that last wrote the row.

-- One step of one run: what ran, how long, how many rows, and any error.
CREATE TABLE IF NOT EXISTS run_log (
  run_id VARCHAR NOT NULL, step VARCHAR NOT NULL,
  started_at TIMESTAMP, finished_at TIMESTAMP,
  status VARCHAR,                -- ok, failed or skipped
  "rows" BIGINT, message VARCHAR
);

-- One row per run: its clock, the sprint it closes and how it ended.
-- status is running, ok or failed; a row still "running" while no process
-- holds the run lock belongs to a run that was killed. A sprint counts as
-- closed once a run with status ok closed it, which is how `sprintetl run`
-- decides whether a new sprint has ended since.
CREATE TABLE IF NOT EXISTS run_state (
  run_id VARCHAR NOT NULL,
  started_at TIMESTAMP, finished_at TIMESTAMP,
  status VARCHAR NOT NULL,
  run_clock TIMESTAMP,           -- the run's clock (--now), which dates the snapshot
  sprint_id VARCHAR, sprint_name VARCHAR, sprint_end_date DATE,
  landing_path VARCHAR,
  warnings INTEGER,              -- distinct transform warnings
  message VARCHAR                -- the error that stopped a failed run
);

-- A source task copied into the Sprint History list of a sprint. The key
-- keeps a rerun of the archive step from creating a second copy.
CREATE TABLE IF NOT EXISTS archive_map (
  task_id VARCHAR NOT NULL, sprint_id VARCHAR NOT NULL,
  copy_task_id VARCHAR NOT NULL, copied_at TIMESTAMP,
  PRIMARY KEY (task_id, sprint_id)
);

-- A run whose models were committed, with the snapshot instant its stage rows
-- describe. The model runner rejects a run older than the newest one here, so
-- history is only ever appended in time order.
CREATE TABLE IF NOT EXISTS applied_run (
  run_id VARCHAR NOT NULL, sprint_id VARCHAR, snapshot_at TIMESTAMP NOT NULL,
  timezone VARCHAR, applied_at TIMESTAMP
);

-- Grain: a calendar day.
CREATE TABLE IF NOT EXISTS dim_date (
  date_key INTEGER NOT NULL,     -- yyyymmdd
  "date" DATE NOT NULL, "year" INTEGER, quarter INTEGER, "month" INTEGER,
  iso_year INTEGER, iso_week INTEGER,
  day_of_week INTEGER,           -- ISO: 1 = Monday ... 7 = Sunday
  is_weekend BOOLEAN
);

-- Grain: one version of a customer (a HubSpot company), SCD type 2.
CREATE TABLE IF NOT EXISTS dim_customer (
  customer_key BIGINT NOT NULL, customer_id VARCHAR NOT NULL,
  name VARCHAR, domain VARCHAR, squad_id VARCHAR, lifecycle_stage VARCHAR, owner_id VARCHAR,
  contracted_points DECIMAL(9,2), services VARCHAR[], merged_into_id VARCHAR,
  attr_hash VARCHAR NOT NULL,
  valid_from TIMESTAMP NOT NULL, valid_to TIMESTAMP,
  is_current BOOLEAN NOT NULL, is_deleted BOOLEAN NOT NULL,
  run_id VARCHAR,
  deleted_reason VARCHAR         -- 'archived' or 'missing' when is_deleted, else NULL
);

-- Grain: one version of a squad, SCD type 2.
CREATE TABLE IF NOT EXISTS dim_squad (
  squad_key BIGINT NOT NULL, squad_id VARCHAR NOT NULL,
  name VARCHAR, capacity_points DECIMAL(9,2), member_count INTEGER,
  attr_hash VARCHAR NOT NULL,
  valid_from TIMESTAMP NOT NULL, valid_to TIMESTAMP,
  is_current BOOLEAN NOT NULL, is_deleted BOOLEAN NOT NULL,
  run_id VARCHAR,
  deleted_reason VARCHAR         -- 'missing' when is_deleted, else NULL
);

-- Warehouse files created before deleted_reason existed get the column here.
ALTER TABLE dim_customer ADD COLUMN IF NOT EXISTS deleted_reason VARCHAR;
ALTER TABLE dim_squad ADD COLUMN IF NOT EXISTS deleted_reason VARCHAR;

-- Grain: one version of a ClickUp user.
CREATE TABLE IF NOT EXISTS dim_member (
  member_id VARCHAR NOT NULL, username VARCHAR, initials VARCHAR, run_id VARCHAR,
  -- SCD columns come last, in the order ALTER TABLE added them to older files.
  -- Type 1 (one row per key, changed in place) unless the config's
  -- [model] historied lists the dimension.
  member_key BIGINT, attr_hash VARCHAR, valid_from TIMESTAMP, valid_to TIMESTAMP,
  is_current BOOLEAN, is_deleted BOOLEAN, deleted_reason VARCHAR
);

-- Grain: a member in a squad, as of the latest run that read squads.
CREATE TABLE IF NOT EXISTS bridge_squad_member (
  squad_id VARCHAR NOT NULL, member_id VARCHAR NOT NULL, run_id VARCHAR
);

-- Grain: one version of a service the agency sells.
CREATE TABLE IF NOT EXISTS dim_service (
  service_id VARCHAR NOT NULL, name VARCHAR, run_id VARCHAR,
  -- SCD columns come last, in the order ALTER TABLE added them to older files.
  -- Type 1 (one row per key, changed in place) unless the config's
  -- [model] historied lists the dimension.
  service_key BIGINT, attr_hash VARCHAR, valid_from TIMESTAMP, valid_to TIMESTAMP,
  is_current BOOLEAN, is_deleted BOOLEAN, deleted_reason VARCHAR
);

-- Grain: a sprint (a ClickUp sprint list). end_at is the sprint's end
-- instant: the day after end_date at 00:00 in the workspace's time zone, UTC.
CREATE TABLE IF NOT EXISTS dim_sprint (
  sprint_id VARCHAR NOT NULL, name VARCHAR, number INTEGER,
  start_date DATE, end_date DATE, end_at TIMESTAMP, is_ended BOOLEAN,
  folder_id VARCHAR, space_id VARCHAR, is_archived BOOLEAN, run_id VARCHAR
);

-- Grain: one version of a task (its latest state when kept type 1).
CREATE TABLE IF NOT EXISTS dim_task (
  task_id VARCHAR NOT NULL, custom_id VARCHAR, name VARCHAR, parent_task_id VARCHAR,
  home_list_id VARCHAR, space_id VARCHAR,
  status VARCHAR, status_type VARCHAR, status_label VARCHAR, category VARCHAR,
  priority INTEGER, customer_id VARCHAR, assignee_squad_id VARCHAR,
  points DECIMAL(9,2), time_estimate_hours DOUBLE, time_spent_hours DOUBLE,
  created_at TIMESTAMP, updated_at TIMESTAMP, start_at TIMESTAMP, due_at TIMESTAMP,
  due_date DATE, done_at TIMESTAMP, closed_at TIMESTAMP,
  is_archived BOOLEAN, url VARCHAR, run_id VARCHAR,
  -- SCD columns come last, in the order ALTER TABLE added them to older files.
  -- Type 1 (one row per key, changed in place) unless the config's
  -- [model] historied lists the dimension.
  task_key BIGINT, attr_hash VARCHAR, valid_from TIMESTAMP, valid_to TIMESTAMP,
  is_current BOOLEAN, is_deleted BOOLEAN, deleted_reason VARCHAR
);

-- Grain: a service of a task.
CREATE TABLE IF NOT EXISTS bridge_task_service (
  task_id VARCHAR NOT NULL, service_id VARCHAR NOT NULL, run_id VARCHAR
);

-- Grain: a member assigned to a task, in the task's latest state.
CREATE TABLE IF NOT EXISTS bridge_task_assignee (
  task_id VARCHAR NOT NULL, member_id VARCHAR NOT NULL, run_id VARCHAR
);

-- Grain: a task in a sprint, as it stood when the sprint ended. The natural
-- keys customer_id and squad_id sit beside the surrogate keys so a row whose
-- dimension version is missing still names its customer and squad.
CREATE TABLE IF NOT EXISTS fat_task_sprint (
  sprint_id VARCHAR NOT NULL, task_id VARCHAR NOT NULL,
  customer_key BIGINT, squad_key BIGINT, customer_id VARCHAR, squad_id VARCHAR,
  status VARCHAR, status_label VARCHAR, category VARCHAR,
  points DECIMAL(9,2), time_estimate_hours DOUBLE, time_spent_hours DOUBLE,
  is_done BOOLEAN, is_carried_over BOOLEAN,
  snapshot_at TIMESTAMP, run_id VARCHAR,
  task_key BIGINT,               -- the dim_task version valid at the sprint's end
  sprint_end_date DATE           -- dim_sprint.end_date; BigQuery partitions by it
);

-- Grain: a customer and service in a sprint.
CREATE TABLE IF NOT EXISTS fat_customer_service (
  sprint_id VARCHAR NOT NULL, customer_key BIGINT, customer_id VARCHAR NOT NULL,
  squad_id VARCHAR, service_id VARCHAR NOT NULL,
  contract_value DECIMAL(18,2), recurring_revenue DECIMAL(18,2),
  contracted_points DECIMAL(9,2), delivered_points DECIMAL(9,2), points_balance DECIMAL(9,2),
  snapshot_at TIMESTAMP, run_id VARCHAR,
  service_key BIGINT,            -- the dim_service version valid at the sprint's end
  sprint_end_date DATE           -- dim_sprint.end_date; BigQuery partitions by it
);

-- Warehouse files created before the simple dimensions had SCD columns, and the
-- facts their version keys and sprint end date, get them here.
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS member_key BIGINT;
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS attr_hash VARCHAR;
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS valid_from TIMESTAMP;
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS valid_to TIMESTAMP;
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS is_current BOOLEAN;
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN;
ALTER TABLE dim_member ADD COLUMN IF NOT EXISTS deleted_reason VARCHAR;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS service_key BIGINT;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS attr_hash VARCHAR;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS valid_from TIMESTAMP;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS valid_to TIMESTAMP;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS is_current BOOLEAN;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN;
ALTER TABLE dim_service ADD COLUMN IF NOT EXISTS deleted_reason VARCHAR;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS task_key BIGINT;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS attr_hash VARCHAR;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS valid_from TIMESTAMP;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS valid_to TIMESTAMP;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS is_current BOOLEAN;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN;
ALTER TABLE dim_task ADD COLUMN IF NOT EXISTS deleted_reason VARCHAR;
ALTER TABLE fat_task_sprint ADD COLUMN IF NOT EXISTS task_key BIGINT;
ALTER TABLE fat_task_sprint ADD COLUMN IF NOT EXISTS sprint_end_date DATE;
ALTER TABLE fat_customer_service ADD COLUMN IF NOT EXISTS service_key BIGINT;
ALTER TABLE fat_customer_service ADD COLUMN IF NOT EXISTS sprint_end_date DATE;
