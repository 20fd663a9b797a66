-- Report views read by the HTML report and Looker Studio. Measures are
-- DOUBLE, days DATE. A fact without a squad shows squad_id '(none)' and
-- squad_name '(no squad)'; a squad without a dim_squad version shows its id
-- as its name.

-- One row per sprint and squad. points_done_without_customer is the part of
-- points_done on tasks with no matched customer, which delivered_points in
-- rpt_customer_service leaves out.
CREATE OR REPLACE VIEW {{ table rpt_velocity }} AS
SELECT f.sprint_id,
       s.name AS sprint_name,
       s.number AS sprint_number,
       s.end_date AS sprint_end_date,
       coalesce(f.squad_id, '(none)') AS squad_id,
       coalesce(max(q.name), max(f.squad_id), '(no squad)') AS squad_name,
       CAST(coalesce(sum(f.points), 0) AS {{ type FLOAT64 }}) AS points_committed,
       CAST(coalesce(sum(CASE WHEN f.is_done THEN f.points END), 0) AS {{ type FLOAT64 }})
         AS points_done,
       CAST(count(CASE WHEN f.is_done THEN 1 END) AS {{ type FLOAT64 }}) AS tasks_done,
       CAST(count(*) AS {{ type FLOAT64 }}) AS tasks_total,
       CAST(coalesce(sum(CASE WHEN f.is_done AND f.customer_id IS NULL THEN f.points END), 0)
            AS {{ type FLOAT64 }}) AS points_done_without_customer
FROM {{ table fat_task_sprint }} f
LEFT JOIN {{ table dim_sprint }} s ON s.sprint_id = f.sprint_id
LEFT JOIN {{ table dim_squad }} q ON q.squad_key = f.squad_key
GROUP BY f.sprint_id, s.name, s.number, s.end_date, coalesce(f.squad_id, '(none)');

-- One row per sprint and squad.
CREATE OR REPLACE VIEW {{ table rpt_throughput }} AS
SELECT sprint_id, sprint_name, sprint_number, squad_id, squad_name, tasks_done, tasks_total
FROM {{ table rpt_velocity }};

-- One row per task carried over: in the sprint at its end and not done or closed.
CREATE OR REPLACE VIEW {{ table rpt_carry_over }} AS
SELECT f.sprint_id,
       s.name AS sprint_name,
       s.number AS sprint_number,
       coalesce(f.squad_id, '(none)') AS squad_id,
       coalesce(q.name, f.squad_id, '(no squad)') AS squad_name,
       f.task_id,
       t.name AS task_name,
       f.status_label,
       CAST(f.points AS {{ type FLOAT64 }}) AS points
FROM {{ table fat_task_sprint }} f
LEFT JOIN {{ table dim_sprint }} s ON s.sprint_id = f.sprint_id
LEFT JOIN {{ table dim_squad }} q ON q.squad_key = f.squad_key
LEFT JOIN {{ table dim_task }} t ON t.task_key = f.task_key
WHERE f.is_carried_over;

-- One row per sprint, customer and service. The customer's name and squad
-- are those of the version valid at the sprint's end.
CREATE OR REPLACE VIEW {{ table rpt_customer_service }} AS
SELECT f.sprint_id,
       s.name AS sprint_name,
       s.number AS sprint_number,
       f.customer_id,
       coalesce(c.name, f.customer_id) AS customer_name,
       coalesce(f.squad_id, '(none)') AS squad_id,
       f.service_id,
       coalesce(v.name, f.service_id) AS service_name,
       CAST(f.contract_value AS {{ type FLOAT64 }}) AS contract_value,
       CAST(f.recurring_revenue AS {{ type FLOAT64 }}) AS recurring_revenue,
       CAST(f.contracted_points AS {{ type FLOAT64 }}) AS contracted_points,
       CAST(f.delivered_points AS {{ type FLOAT64 }}) AS delivered_points,
       CAST(f.points_balance AS {{ type FLOAT64 }}) AS points_balance
FROM {{ table fat_customer_service }} f
LEFT JOIN {{ table dim_sprint }} s ON s.sprint_id = f.sprint_id
LEFT JOIN {{ table dim_customer }} c ON c.customer_key = f.customer_key
LEFT JOIN {{ table dim_service }} v ON v.service_key = f.service_key;
