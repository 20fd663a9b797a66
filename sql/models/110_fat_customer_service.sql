-- fat_customer_service: one row per customer and service in a sprint, from
-- the transform's sums in stg_customer_service.
-- Rows are written for the run's sprint ({{ sprint_id }}), rebuilt on every
-- rerun, and for every other ended sprint that has no rows yet. Both need
-- this run to have read customers or their sums: otherwise nothing changes.

CREATE OR REPLACE TEMP TABLE service_fact_sprint AS
SELECT sprint_id, end_at
FROM dim_sprint
WHERE (EXISTS (SELECT 1 FROM stg_customer_service WHERE run_id = {{ run_id }})
       OR EXISTS (SELECT 1 FROM stg_customer WHERE run_id = {{ run_id }}))
  AND (sprint_id = {{ sprint_id }}
       OR (is_ended AND sprint_id NOT IN (SELECT sprint_id FROM fat_customer_service)));

DELETE FROM fat_customer_service
WHERE sprint_id IN (SELECT sprint_id FROM service_fact_sprint);

-- customer_key is the version valid at the sprint's end instant, or the
-- earliest version when the sprint ended before it (see fat_task_sprint).
-- Missing figures count as 0 so points_balance is always set.
INSERT INTO fat_customer_service
WITH source AS (
  SELECT s.*, f.end_at
  FROM stg_customer_service s
  JOIN service_fact_sprint f ON f.sprint_id = s.sprint_id
  WHERE s.run_id = {{ run_id }}
  QUALIFY row_number() OVER (
    PARTITION BY s.sprint_id, s.customer_id, s.service_id
    ORDER BY s.source_page DESC NULLS LAST) = 1
),
with_customer AS (
  SELECT s.*, c.customer_key, c.squad_id AS customer_squad_id
  FROM source s
  LEFT JOIN dim_customer c ON c.customer_id = s.customer_id
  QUALIFY row_number() OVER (
    PARTITION BY s.sprint_id, s.customer_id, s.service_id
    ORDER BY CASE WHEN c.valid_from <= s.end_at
                       AND (c.valid_to IS NULL OR s.end_at < c.valid_to) THEN 0 ELSE 1 END,
             c.valid_from) = 1
),
typed AS (
  SELECT sprint_id, customer_key, customer_id, customer_squad_id, service_id,
         CAST(coalesce(contract_value, 0) AS DECIMAL(18,2)) AS contract_value,
         CAST(coalesce(recurring_revenue, 0) AS DECIMAL(18,2)) AS recurring_revenue,
         CAST(coalesce(contracted_points, 0) AS DECIMAL(9,2)) AS contracted_points,
         CAST(coalesce(delivered_points, 0) AS DECIMAL(9,2)) AS delivered_points
  FROM with_customer
)
SELECT sprint_id, customer_key, customer_id,
       customer_squad_id AS squad_id,
       service_id, contract_value, recurring_revenue, contracted_points, delivered_points,
       contracted_points - delivered_points AS points_balance,
       CAST({{ snapshot_at }} AS TIMESTAMP) AS snapshot_at,
       {{ run_id }} AS run_id
FROM typed;

DROP TABLE service_fact_sprint;
