-- dim_date: one row per calendar day (date_key yyyymmdd).
-- The calendar spans whole years around the snapshot day and every sprint and
-- task date of this run, and it only grows: days already present are kept.
-- Dates before 1990 or more than ten years after the snapshot are treated as
-- typos and do not widen the range, so one bad due date cannot add millions of days.
INSERT INTO dim_date
WITH snapshot AS (
  SELECT CAST(timezone({{ timezone }}, timezone('UTC', CAST({{ snapshot_at }} AS TIMESTAMP)))
              AS DATE) AS snapshot_date
),
task AS (
  SELECT * FROM stg_task WHERE run_id = {{ run_id }}
),
seen_day AS (
  SELECT snapshot_date AS day FROM snapshot
  UNION ALL SELECT "date" FROM dim_date
  UNION ALL SELECT start_date FROM stg_list WHERE run_id = {{ run_id }} AND is_sprint
  UNION ALL SELECT end_date FROM stg_list WHERE run_id = {{ run_id }} AND is_sprint
  UNION ALL SELECT due_date FROM task
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
FROM calendar
WHERE day NOT IN (SELECT "date" FROM dim_date);
