-- bridge_task_assignee: one row per member assigned to a task. The
-- assignees of every task read in this run are replaced by the run's list,
-- so a task keeps its latest assignees, not those it had in past sprints.
DELETE FROM bridge_task_assignee
WHERE task_id IN (SELECT task_id FROM stg_task WHERE run_id = {{ run_id }});

INSERT INTO bridge_task_assignee
SELECT DISTINCT task_id, member_id, {{ run_id }} AS run_id
FROM (
{% if bigquery %}
  SELECT task_id, trim(member) AS member_id
  FROM stg_task, UNNEST(assignee_ids) AS member
{% else %}
  SELECT task_id, trim(unnest(assignee_ids)) AS member_id
  FROM stg_task
{% endif %}
  WHERE run_id = {{ run_id }}
)
WHERE member_id <> '';
