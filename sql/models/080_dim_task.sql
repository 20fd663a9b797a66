-- dim_task: one row per task in its latest state. Tasks read in this run
-- replace their row. Tasks this run did not read, because they were deleted
-- in ClickUp or sit in lists not extracted, keep their last known state.
DELETE FROM dim_task
WHERE task_id IN (SELECT task_id FROM stg_task WHERE run_id = {{ run_id }});

INSERT INTO dim_task
SELECT task_id, custom_id, name, parent_task_id, home_list_id, space_id,
       status, status_type, status_label, category, priority,
       nullif(trim(customer_id), '') AS customer_id,
       nullif(trim(assignee_squad_id), '') AS assignee_squad_id,
       CAST(points AS DECIMAL(9,2)) AS points,
       time_estimate_ms / 3600000.0 AS time_estimate_hours,
       time_spent_ms / 3600000.0 AS time_spent_hours,
       created_at, updated_at, start_at, due_at, due_date, done_at, closed_at,
       is_archived, url, run_id
FROM stg_task
WHERE run_id = {{ run_id }}
QUALIFY row_number() OVER (
  PARTITION BY task_id ORDER BY updated_at DESC NULLS LAST, source_page DESC NULLS LAST) = 1;
