-- fat_task_sprint: one row per task in a sprint, as it stood when the sprint ended.
-- Rows are written for the run's sprint ({{ sprint_id }}), rebuilt on every
-- rerun, and for every other ended sprint that has no rows yet (the backfill
-- of the first run). A backfilled sprint can only show the tasks' state as
-- of this run, because the stage rows hold no older state.
-- Both need this run's task rows: a run that read no tasks changes nothing.

CREATE OR REPLACE TEMP TABLE task_fact_sprint AS
SELECT sprint_id, end_at
FROM dim_sprint
WHERE EXISTS (SELECT 1 FROM stg_task WHERE run_id = {{ run_id }})
  AND (sprint_id = {{ sprint_id }}
       OR (is_ended AND sprint_id NOT IN (SELECT sprint_id FROM fat_task_sprint)));

DELETE FROM fat_task_sprint
WHERE sprint_id IN (SELECT sprint_id FROM task_fact_sprint);

-- customer_key and squad_key are the versions valid at the sprint's end
-- instant. When the sprint ended before a key's first version, because the
-- warehouse started tracking the key later, the earliest version is used as
-- the closest known state. A sprint without an end date also gets the
-- earliest version.
INSERT INTO fat_task_sprint
WITH task AS (
  SELECT *
  FROM stg_task
  WHERE run_id = {{ run_id }}
  QUALIFY row_number() OVER (
    PARTITION BY task_id ORDER BY updated_at DESC NULLS LAST, source_page DESC NULLS LAST) = 1
),
task_in_sprint AS (
  SELECT DISTINCT f.sprint_id, f.end_at, m.task_id
  FROM stg_task_list m
  JOIN task_fact_sprint f ON f.sprint_id = m.list_id
  WHERE m.run_id = {{ run_id }}
),
with_customer AS (
  SELECT i.sprint_id, i.end_at, t.*,
         nullif(trim(t.customer_id), '') AS matched_customer_id,
         c.customer_key,
         c.squad_id AS customer_squad_id
  FROM task_in_sprint i
  JOIN task t ON t.task_id = i.task_id
  LEFT JOIN dim_customer c ON c.customer_id = nullif(trim(t.customer_id), '')
  QUALIFY row_number() OVER (
    PARTITION BY i.sprint_id, i.task_id
    ORDER BY CASE WHEN c.valid_from <= i.end_at
                       AND (c.valid_to IS NULL OR i.end_at < c.valid_to) THEN 0 ELSE 1 END,
             c.valid_from) = 1
),
with_squad AS (
  SELECT w.*,
         coalesce(w.customer_squad_id, nullif(trim(w.assignee_squad_id), '')) AS task_squad_id
  FROM with_customer w
),
with_squad_key AS (
  SELECT w.*, q.squad_key
  FROM with_squad w
  LEFT JOIN dim_squad q ON q.squad_id = w.task_squad_id
  QUALIFY row_number() OVER (
    PARTITION BY w.sprint_id, w.task_id
    ORDER BY CASE WHEN q.valid_from <= w.end_at
                       AND (q.valid_to IS NULL OR w.end_at < q.valid_to) THEN 0 ELSE 1 END,
             q.valid_from) = 1
)
SELECT sprint_id,
       task_id,
       customer_key,
       squad_key,
       matched_customer_id AS customer_id,
       task_squad_id AS squad_id,
       status,
       status_label,
       category,
       CAST(points AS DECIMAL(9,2)) AS points,
       time_estimate_ms / 3600000.0 AS time_estimate_hours,
       time_spent_ms / 3600000.0 AS time_spent_hours,
       coalesce(status_type IN ('done', 'closed'), false) AS is_done,
       NOT coalesce(status_type IN ('done', 'closed'), false) AS is_carried_over,
       CAST({{ snapshot_at }} AS TIMESTAMP) AS snapshot_at,
       {{ run_id }} AS run_id
FROM with_squad_key;

DROP TABLE task_fact_sprint;
