-- dim_task: one row per task in its latest state, or one per version of a
-- task when the config's [model] historied lists "task" (SCD type 2, see
-- src/warehouse/scd2_step.h). Every column but task_id is tracked. A
-- version starts at the task's date_updated (updated_at), or at the run's
-- snapshot when that is unknown, later than the snapshot, or not after the
-- current version's start.
--
-- Type 1: tasks read in this run update their row. Tasks this run did not
-- read, because they were deleted in ClickUp or sit in lists not extracted,
-- keep their last known state. Historied: when the run read tasks, a task
-- absent from them is closed with a version marked deleted, reason 'missing'.
{% scd2 table=dim_task key=task_id surrogate=task_key
        attributes=custom_id,name,parent_task_id,home_list_id,space_id,
                   status,status_type,status_label,category,priority,
                   customer_id,assignee_squad_id,points,
                   time_estimate_hours,time_spent_hours,
                   created_at,updated_at,start_at,due_at,due_date,done_at,closed_at,
                   is_archived,url
        missing=close %}
  SELECT task_id, custom_id, name, parent_task_id, home_list_id, space_id,
         status, status_type, status_label, category, priority,
         nullif(trim(customer_id), '') AS customer_id,
         nullif(trim(assignee_squad_id), '') AS assignee_squad_id,
         CAST(points AS DECIMAL(9,2)) AS points,
         time_estimate_ms / 3600000.0 AS time_estimate_hours,
         time_spent_ms / 3600000.0 AS time_spent_hours,
         created_at, updated_at, start_at, due_at, due_date, done_at, closed_at,
         is_archived, url,
         updated_at AS changed_at,
         source_page
  FROM stg_task
  WHERE run_id = {{ run_id }}
{% endscd2 %}
