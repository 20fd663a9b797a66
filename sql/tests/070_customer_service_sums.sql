-- For every run and sprint that wrote fat_customer_service rows, the row
-- count and the sums of each figure equal those of the stage rows they came
-- from (stg_customer_service of the same run and sprint, one row per
-- customer and service as the model picks it). Figures are compared after
-- the same rounding the fact table applies.
WITH stage AS (
  SELECT run_id, sprint_id,
         count(*) AS row_count,
         sum(CAST(coalesce(contract_value, 0) AS DECIMAL(18,2))) AS contract_value,
         sum(CAST(coalesce(recurring_revenue, 0) AS DECIMAL(18,2))) AS recurring_revenue,
         sum(CAST(coalesce(contracted_points, 0) AS DECIMAL(9,2))) AS contracted_points,
         sum(CAST(coalesce(delivered_points, 0) AS DECIMAL(9,2))) AS delivered_points
  FROM (
    SELECT *
    FROM stg_customer_service s
    WHERE EXISTS (SELECT 1 FROM fat_customer_service f
                  WHERE f.run_id = s.run_id AND f.sprint_id = s.sprint_id)
    QUALIFY row_number() OVER (
      PARTITION BY run_id, sprint_id, customer_id, service_id
      ORDER BY source_page DESC NULLS LAST) = 1
  )
  GROUP BY run_id, sprint_id
),
fact AS (
  SELECT run_id, sprint_id,
         count(*) AS row_count,
         sum(contract_value) AS contract_value,
         sum(recurring_revenue) AS recurring_revenue,
         sum(contracted_points) AS contracted_points,
         sum(delivered_points) AS delivered_points,
         sum(points_balance) AS points_balance
  FROM fat_customer_service
  GROUP BY run_id, sprint_id
)
SELECT 'fat_customer_service differs from its stage rows' AS problem,
       f.run_id, f.sprint_id,
       CAST(f.row_count AS STRING) || ' vs ' || CAST(coalesce(s.row_count, 0) AS STRING)
         AS row_counts,
       CAST(f.contract_value AS STRING) || ' vs '
         || CAST(coalesce(s.contract_value, 0) AS STRING) AS contract_value,
       CAST(f.recurring_revenue AS STRING) || ' vs '
         || CAST(coalesce(s.recurring_revenue, 0) AS STRING) AS recurring_revenue,
       CAST(f.contracted_points AS STRING) || ' vs '
         || CAST(coalesce(s.contracted_points, 0) AS STRING) AS contracted_points,
       CAST(f.delivered_points AS STRING) || ' vs '
         || CAST(coalesce(s.delivered_points, 0) AS STRING) AS delivered_points,
       CAST(f.points_balance AS STRING) AS points_balance
FROM fact f
LEFT JOIN stage s ON s.run_id = f.run_id AND s.sprint_id = f.sprint_id
WHERE s.run_id IS NULL
   OR f.row_count <> s.row_count
   OR f.contract_value <> s.contract_value
   OR f.recurring_revenue <> s.recurring_revenue
   OR f.contracted_points <> s.contracted_points
   OR f.delivered_points <> s.delivered_points
   OR f.points_balance <> s.contracted_points - s.delivered_points
ORDER BY f.run_id, f.sprint_id;
