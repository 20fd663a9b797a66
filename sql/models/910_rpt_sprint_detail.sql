-- Report views of one sprint's detail, read by the HTML report and Looker
-- Studio like those of 900_rpt_views.sql. They follow the same conventions.
-- Measures are DOUBLE. A task without a squad shows squad_id '(none)' and
-- squad_name '(no squad)', and a squad without a dim_squad version shows its
-- id as its name. The SQL sticks to what DuckDB and BigQuery both accept.

-- One row per sprint, squad, status label, category and done flag.
CREATE OR REPLACE VIEW {{ table rpt_status_mix }} AS
SELECT f.sprint_id,
       s.name AS sprint_name,
       s.number AS sprint_number,
       coalesce(f.squad_id, '(none)') AS squad_id,
       coalesce(max(q.name), max(f.squad_id), '(no squad)') AS squad_name,
       coalesce(f.status_label, f.status, '(no status)') AS status_label,
       coalesce(f.category, '(no category)') AS category,
       f.is_done,
       CAST(count(*) AS {{ type FLOAT64 }}) AS tasks,
       CAST(coalesce(sum(f.points), 0) AS {{ type FLOAT64 }}) AS points
FROM {{ table fat_task_sprint }} f
LEFT JOIN {{ table dim_sprint }} s ON s.sprint_id = f.sprint_id
LEFT JOIN {{ table dim_squad }} q ON q.squad_key = f.squad_key
GROUP BY f.sprint_id, s.name, s.number, coalesce(f.squad_id, '(none)'),
         coalesce(f.status_label, f.status, '(no status)'),
         coalesce(f.category, '(no category)'), f.is_done;

-- One row per task in a sprint at its end. outcome is 'done' (a done or
-- closed status) or 'carried over'. assignees are the task's latest
-- assignees by username, comma-separated, because ClickUp returns no older
-- assignment.
CREATE OR REPLACE VIEW {{ table rpt_sprint_task }} AS
SELECT f.sprint_id,
       s.name AS sprint_name,
       s.number AS sprint_number,
       coalesce(f.squad_id, '(none)') AS squad_id,
       coalesce(q.name, f.squad_id, '(no squad)') AS squad_name,
       f.task_id,
       coalesce(t.name, f.task_id) AS task_name,
       coalesce(f.status_label, f.status, '') AS status_label,
       coalesce(f.category, '') AS category,
       CAST(f.points AS {{ type FLOAT64 }}) AS points,
       coalesce(a.assignees, '') AS assignees,
       CASE WHEN f.is_done THEN 'done' ELSE 'carried over' END AS outcome
FROM {{ table fat_task_sprint }} f
LEFT JOIN {{ table dim_sprint }} s ON s.sprint_id = f.sprint_id
LEFT JOIN {{ table dim_squad }} q ON q.squad_key = f.squad_key
LEFT JOIN {{ table dim_task }} t ON t.task_key = f.task_key
LEFT JOIN (
  SELECT b.task_id,
         string_agg(coalesce(m.username, b.member_id), ', '
                    ORDER BY coalesce(m.username, b.member_id)) AS assignees
  FROM {{ table bridge_task_assignee }} b
  LEFT JOIN {{ table dim_member }} m ON m.member_id = b.member_id AND m.is_current
  GROUP BY b.task_id
) a ON a.task_id = f.task_id;

-- One row per sprint and dim_customer version that starts inside the sprint
-- and changed the customer's squad, contracted points or services, or
-- archived it. The previous version is the one whose valid_to is this
-- version's valid_from, so a customer's first version is never listed.
-- change_kind is 'changed', or the deleted_reason ('archived', 'missing')
-- of a version that closes the customer. Squad names are the squads' current
-- names.
-- The sprint starts at 00:00 of start_date in the workspace's time zone, the
-- same zone dim_sprint.end_at is taken in, so no change falls between sprints.
CREATE OR REPLACE VIEW {{ table rpt_customer_change }} AS
SELECT s.sprint_id,
       s.name AS sprint_name,
       s.number AS sprint_number,
       c.customer_id,
       coalesce(c.name, p.name, c.customer_id) AS customer_name,
       c.valid_from AS changed_at,
       CASE WHEN c.is_deleted THEN coalesce(c.deleted_reason, 'deleted') ELSE 'changed' END
         AS change_kind,
       coalesce(p.squad_id, '(none)') AS squad_id_before,
       coalesce(qp.name, p.squad_id, '(no squad)') AS squad_name_before,
       coalesce(c.squad_id, '(none)') AS squad_id_after,
       coalesce(qc.name, c.squad_id, '(no squad)') AS squad_name_after,
       CAST(p.contracted_points AS {{ type FLOAT64 }}) AS contracted_points_before,
       CAST(c.contracted_points AS {{ type FLOAT64 }}) AS contracted_points_after,
       coalesce(array_to_string(p.services, ', '), '') AS services_before,
       coalesce(array_to_string(c.services, ', '), '') AS services_after
FROM {{ table dim_customer }} c
JOIN {{ table dim_customer }} p ON p.customer_id = c.customer_id AND p.valid_to = c.valid_from
JOIN {{ table dim_sprint }} s
{% if bigquery %}
  ON c.valid_from >= TIMESTAMP(s.start_date, {{ timezone }})
{% else %}
  ON c.valid_from >= timezone('UTC', timezone({{ timezone }}, CAST(s.start_date AS TIMESTAMP)))
{% endif %}
 AND c.valid_from < s.end_at
LEFT JOIN {{ table dim_squad }} qp ON qp.squad_id = p.squad_id AND qp.is_current
LEFT JOIN {{ table dim_squad }} qc ON qc.squad_id = c.squad_id AND qc.is_current
WHERE p.squad_id IS DISTINCT FROM c.squad_id
   OR p.contracted_points IS DISTINCT FROM c.contracted_points
   OR coalesce(array_to_string(p.services, ', '), '')
        <> coalesce(array_to_string(c.services, ', '), '')
   OR (c.is_deleted AND NOT p.is_deleted);
