-- fat_customer_service: one row per customer and service in a sprint, from
-- the transform's sums in stg_customer_service.
-- Rows are written for the run's sprint ({{ sprint_id }}), rebuilt on every
-- rerun, and for every other ended sprint that has no rows yet. Both need
-- this run to have read customers or their sums: otherwise nothing changes.

CREATE OR REPLACE TEMP TABLE service_fact_sprint AS
SELECT sprint_id, end_at, end_date
FROM dim_sprint
WHERE (EXISTS (SELECT 1 FROM stg_customer_service WHERE run_id = {{ run_id }})
       OR EXISTS (SELECT 1 FROM stg_customer WHERE run_id = {{ run_id }}))
  AND (sprint_id = {{ sprint_id }}
       OR (is_ended AND sprint_id NOT IN (SELECT sprint_id FROM fat_customer_service)));

DELETE FROM fat_customer_service
WHERE sprint_id IN (SELECT sprint_id FROM service_fact_sprint);

-- customer_key and service_key are the versions valid at the sprint's end
-- instant, or the earliest versions when the sprint ended before them. They
-- are found with the same range join on the validity interval as in
-- fat_task_sprint.
-- Missing figures count as 0 so points_balance is always set.
INSERT INTO fat_customer_service (
  sprint_id, customer_key, customer_id, squad_id, service_id,
  contract_value, recurring_revenue, contracted_points, delivered_points, points_balance,
  snapshot_at, run_id, service_key, sprint_end_date)
WITH source AS (
  SELECT s.*, f.end_date AS sprint_end_date
  FROM stg_customer_service s
  JOIN service_fact_sprint f ON f.sprint_id = s.sprint_id
  WHERE s.run_id = {{ run_id }}
  QUALIFY row_number() OVER (
    PARTITION BY s.sprint_id, s.customer_id, s.service_id
    ORDER BY s.source_page DESC NULLS LAST) = 1
),
customer_at_end AS (
  SELECT f.sprint_id, c.customer_id, c.customer_key, c.squad_id
  FROM dim_customer c
  JOIN service_fact_sprint f
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
  SELECT s.*,
         coalesce(e.customer_key, k.customer_key) AS customer_key,
         CASE WHEN e.customer_key IS NOT NULL THEN e.squad_id ELSE k.squad_id END
           AS customer_squad_id
  FROM source s
  LEFT JOIN customer_at_end e ON e.sprint_id = s.sprint_id AND e.customer_id = s.customer_id
  LEFT JOIN customer_first k ON k.customer_id = s.customer_id
),
service_at_end AS (
  SELECT f.sprint_id, v.service_id, v.service_key
  FROM dim_service v
  JOIN service_fact_sprint f
    ON v.valid_from <= f.end_at
   AND f.end_at < coalesce(v.valid_to, CAST('9999-12-31 00:00:00' AS TIMESTAMP))
),
service_first AS (
  SELECT v.service_id, v.service_key
  FROM dim_service v
  JOIN (SELECT service_id, min(valid_from) AS valid_from
        FROM dim_service
        GROUP BY service_id) first_version
    ON first_version.service_id = v.service_id
   AND first_version.valid_from = v.valid_from
),
with_service AS (
  SELECT w.*, coalesce(e.service_key, k.service_key) AS service_key
  FROM with_customer w
  LEFT JOIN service_at_end e ON e.sprint_id = w.sprint_id AND e.service_id = w.service_id
  LEFT JOIN service_first k ON k.service_id = w.service_id
),
typed AS (
  SELECT sprint_id, sprint_end_date, customer_key, customer_id, customer_squad_id, service_id,
         service_key,
         CAST(coalesce(contract_value, 0) AS DECIMAL(18,2)) AS contract_value,
         CAST(coalesce(recurring_revenue, 0) AS DECIMAL(18,2)) AS recurring_revenue,
         CAST(coalesce(contracted_points, 0) AS DECIMAL(9,2)) AS contracted_points,
         CAST(coalesce(delivered_points, 0) AS DECIMAL(9,2)) AS delivered_points
  FROM with_service
)
SELECT sprint_id, customer_key, customer_id,
       customer_squad_id AS squad_id,
       service_id, contract_value, recurring_revenue, contracted_points, delivered_points,
       contracted_points - delivered_points AS points_balance,
       CAST({{ snapshot_at }} AS TIMESTAMP) AS snapshot_at,
       {{ run_id }} AS run_id,
       service_key,
       sprint_end_date
FROM typed;

DROP TABLE service_fact_sprint;
