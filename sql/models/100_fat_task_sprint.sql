-- fat_task_sprint: one row per task in a sprint, as it stood when the sprint ended.
-- Rows are written for the run's sprint ({{ sprint_id }}), rebuilt on every
-- rerun, and for every other ended sprint that has no rows yet (the backfill
-- of the first run). A backfilled sprint can only show the tasks' state as
-- of this run, because the stage rows hold no older state.
-- Both need this run's task rows: a run that read no tasks changes nothing.

CREATE OR REPLACE TEMP TABLE task_fact_sprint AS
SELECT sprint_id, end_at, end_date
FROM dim_sprint
WHERE EXISTS (SELECT 1 FROM stg_task WHERE run_id = {{ run_id }})
  AND (sprint_id = {{ sprint_id }}
       OR (is_ended AND sprint_id NOT IN (SELECT sprint_id FROM fat_task_sprint)));

DELETE FROM fat_task_sprint
WHERE sprint_id IN (SELECT sprint_id FROM task_fact_sprint);

-- customer_key, squad_key and task_key are the versions valid at the sprint's end
-- instant. When the sprint ended before a key's first version, because the
-- warehouse started tracking the key later, the earliest version is used as
-- the closest known state. A sprint without an end date also gets the
-- earliest version.
--
-- The versions of a key tile time without gaps (a data test checks it), so
-- at most one version contains a given instant. The range join below pairs
-- each version with the fact sprints ending inside it, giving at most one row
-- per key and sprint. The facts then join that on key and sprint equality, so
-- the cost grows with versions plus fact rows, not with their product.
INSERT INTO fat_task_sprint (
  sprint_id, task_id, customer_key, squad_key, customer_id, squad_id,
  status, status_label, category, points, time_estimate_hours, time_spent_hours,
  is_done, is_carried_over, snapshot_at, run_id, task_key, sprint_end_date)
WITH task AS (
  SELECT *
  FROM stg_task
  WHERE run_id = {{ run_id }}
  QUALIFY row_number() OVER (
    PARTITION BY task_id ORDER BY updated_at DESC NULLS LAST, source_page DESC NULLS LAST) = 1
),
task_in_sprint AS (
  SELECT DISTINCT f.sprint_id, f.end_date AS sprint_end_date, m.task_id
  FROM stg_task_list m
  JOIN task_fact_sprint f ON f.sprint_id = m.list_id
  WHERE m.run_id = {{ run_id }}
),
customer_at_end AS (
  SELECT f.sprint_id, c.customer_id, c.customer_key, c.squad_id
  FROM dim_customer c
  JOIN task_fact_sprint f
    ON c.valid_from <= f.end_at
   AND f.end_at < coalesce(c.valid_to, CAST('9999-12-31 00:00:00' AS TIMESTAMP))
),
customer_first AS (
  SELECT c.customer_id, c.customer_key, c.squad_id
  FROM dim_customer c
  JOIN (SELECT customer_id, min(valid_from) AS valid_from
        FROM dim_customer
        GROUP BY customer_id) first_version
    ON first_version.customer_id = c.customer_id
   AND first_version.valid_from = c.valid_from
),
with_customer AS (
  SELECT i.sprint_id, i.sprint_end_date, t.*,
         nullif(trim(t.customer_id), '') AS matched_customer_id,
         coalesce(e.customer_key, k.customer_key) AS customer_key,
         CASE WHEN e.customer_key IS NOT NULL THEN e.squad_id ELSE k.squad_id END
           AS customer_squad_id
  FROM task_in_sprint i
  JOIN task t ON t.task_id = i.task_id
  LEFT JOIN customer_at_end e
    ON e.sprint_id = i.sprint_id AND e.customer_id = nullif(trim(t.customer_id), '')
  LEFT JOIN customer_first k ON k.customer_id = nullif(trim(t.customer_id), '')
),
with_squad AS (
  SELECT w.*,
         coalesce(w.customer_squad_id, nullif(trim(w.assignee_squad_id), '')) AS task_squad_id
  FROM with_customer w
),
squad_at_end AS (
  SELECT f.sprint_id, q.squad_id, q.squad_key
  FROM dim_squad q
  JOIN task_fact_sprint f
    ON q.valid_from <= f.end_at
   AND f.end_at < coalesce(q.valid_to, CAST('9999-12-31 00:00:00' AS TIMESTAMP))
),
squad_first AS (
  SELECT q.squad_id, q.squad_key
  FROM dim_squad q
  JOIN (SELECT squad_id, min(valid_from) AS valid_from
        FROM dim_squad
        GROUP BY squad_id) first_version
    ON first_version.squad_id = q.squad_id
   AND first_version.valid_from = q.valid_from
),
with_squad_key AS (
  SELECT w.*, coalesce(e.squad_key, k.squad_key) AS squad_key
  FROM with_squad w
  LEFT JOIN squad_at_end e ON e.sprint_id = w.sprint_id AND e.squad_id = w.task_squad_id
  LEFT JOIN squad_first k ON k.squad_id = w.task_squad_id
),
-- A task has few versions, and most tasks sit in one sprint, so the task's
-- own versions are joined on task_id and filtered by the range instead.
task_at_end AS (
  SELECT i.sprint_id, d.task_id, d.task_key
  FROM task_in_sprint i
  JOIN task_fact_sprint f ON f.sprint_id = i.sprint_id
  JOIN dim_task d
    ON d.task_id = i.task_id
   AND d.valid_from <= f.end_at
   AND f.end_at < coalesce(d.valid_to, CAST('9999-12-31 00:00:00' AS TIMESTAMP))
),
task_first AS (
  SELECT d.task_id, d.task_key
  FROM dim_task d
  JOIN (SELECT task_id, min(valid_from) AS valid_from
        FROM dim_task
        WHERE task_id IN (SELECT task_id FROM task_in_sprint)
        GROUP BY task_id) first_version
    ON first_version.task_id = d.task_id
   AND first_version.valid_from = d.valid_from
),
with_task_key AS (
  SELECT w.*, coalesce(e.task_key, k.task_key) AS task_key
  FROM with_squad_key w
  LEFT JOIN task_at_end e ON e.sprint_id = w.sprint_id AND e.task_id = w.task_id
  LEFT JOIN task_first k ON k.task_id = w.task_id
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
       {{ run_id }} AS run_id,
       task_key,
       sprint_end_date
FROM with_task_key;

DROP TABLE task_fact_sprint;
