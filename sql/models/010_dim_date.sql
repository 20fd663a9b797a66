-- dim_date: one row per calendar day (date_key yyyymmdd).
-- The calendar spans whole years around the snapshot day and every sprint and
-- task date of this run, and it only grows: days already present are kept.
-- Dates before 1990 or more than ten years after the snapshot are treated as
-- typos and do not widen the range, so one bad due date cannot add millions of days.
-- The two dialects differ in how they turn a UTC instant into the workspace's
-- day and in their calendar functions. The query is the same otherwise.
INSERT INTO dim_date
WITH snapshot AS (
{% if bigquery %}
  SELECT DATE(CAST({{ snapshot_at }} AS TIMESTAMP), {{ timezone }}) AS snapshot_date
{% else %}
  SELECT CAST(timezone({{ timezone }}, timezone('UTC', CAST({{ snapshot_at }} AS TIMESTAMP)))
              AS DATE) AS snapshot_date
{% endif %}
),
task AS (
  SELECT * FROM stg_task WHERE run_id = {{ run_id }}
),
seen_day AS (
  SELECT snapshot_date AS day FROM snapshot
  UNION ALL SELECT date FROM dim_date
  UNION ALL SELECT start_date FROM stg_list WHERE run_id = {{ run_id }} AND is_sprint
  UNION ALL SELECT end_date FROM stg_list WHERE run_id = {{ run_id }} AND is_sprint
  UNION ALL SELECT due_date FROM task
{% if bigquery %}
  UNION ALL SELECT DATE(created_at, {{ timezone }}) FROM task
  UNION ALL SELECT DATE(done_at, {{ timezone }}) FROM task
  UNION ALL SELECT DATE(closed_at, {{ timezone }}) FROM task
),
bounds AS (
  SELECT DATE(EXTRACT(YEAR FROM min(day)), 1, 1) AS first_day,
         DATE(EXTRACT(YEAR FROM max(day)), 12, 31) AS last_day
  FROM seen_day CROSS JOIN snapshot
  WHERE day BETWEEN DATE '1990-01-01' AND DATE_ADD(snapshot_date, INTERVAL 10 YEAR)
),
calendar AS (
  SELECT day
  FROM bounds, UNNEST(GENERATE_DATE_ARRAY(first_day, last_day)) AS day
)
SELECT CAST(FORMAT_DATE('%Y%m%d', day) AS INT64) AS date_key,
       day AS date,
       EXTRACT(YEAR FROM day) AS year,
       EXTRACT(QUARTER FROM day) AS quarter,
       EXTRACT(MONTH FROM day) AS month,
       CAST(FORMAT_DATE('%G', day) AS INT64) AS iso_year,
       CAST(FORMAT_DATE('%V', day) AS INT64) AS iso_week,
       CAST(FORMAT_DATE('%u', day) AS INT64) AS day_of_week,
       CAST(FORMAT_DATE('%u', day) AS INT64) >= 6 AS is_weekend
{% else %}
  UNION ALL SELECT CAST(timezone({{ timezone }}, timezone('UTC', created_at)) AS DATE) FROM task
  UNION ALL SELECT CAST(timezone({{ timezone }}, timezone('UTC', done_at)) AS DATE) FROM task
  UNION ALL SELECT CAST(timezone({{ timezone }}, timezone('UTC', closed_at)) AS DATE) FROM task
),
bounds AS (
  SELECT make_date(year(min(day)), 1, 1) AS first_day,
         make_date(year(max(day)), 12, 31) AS last_day
  FROM seen_day CROSS JOIN snapshot
  WHERE day BETWEEN DATE '1990-01-01' AND snapshot_date + INTERVAL 10 YEAR
),
calendar AS (
  SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day
  FROM bounds
)
SELECT CAST(strftime(day, '%Y%m%d') AS INTEGER) AS date_key,
       day AS "date",
       year(day) AS "year",
       quarter(day) AS quarter,
       month(day) AS "month",
       isoyear(day) AS iso_year,
       week(day) AS iso_week,
       isodow(day) AS day_of_week,
       isodow(day) >= 6 AS is_weekend
{% endif %}
FROM calendar
WHERE day NOT IN (SELECT date FROM dim_date);
