-- bridge_task_service: one row per service of a task. The services of every
-- task read in this run are replaced by the run's list.
DELETE FROM bridge_task_service
WHERE task_id IN (SELECT task_id FROM stg_task WHERE run_id = {{ run_id }});

INSERT INTO bridge_task_service
SELECT DISTINCT task_id, service_id, {{ run_id }} AS run_id
FROM (
{% if bigquery %}
  SELECT task_id, trim(service) AS service_id
  FROM stg_task, UNNEST(service_ids) AS service
{% else %}
  SELECT task_id, trim(unnest(service_ids)) AS service_id
  FROM stg_task
{% endif %}
  WHERE run_id = {{ run_id }}
)
WHERE service_id <> '';
