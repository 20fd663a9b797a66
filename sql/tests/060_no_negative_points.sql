-- Points and capacities are never negative. points_balance may be, because
-- a customer can receive more points than contracted.
SELECT 'negative points' AS problem, 'fat_task_sprint' AS table_name,
       sprint_id || '/' || task_id AS row_id, CAST(points AS STRING) AS value
FROM fat_task_sprint
WHERE points < 0
UNION ALL
SELECT 'negative points', 'dim_task', task_id, CAST(points AS STRING)
FROM dim_task
WHERE points < 0
UNION ALL
SELECT 'negative contracted_points', 'fat_customer_service',
       sprint_id || '/' || customer_id || '/' || service_id, CAST(contracted_points AS STRING)
FROM fat_customer_service
WHERE contracted_points < 0
UNION ALL
SELECT 'negative delivered_points', 'fat_customer_service',
       sprint_id || '/' || customer_id || '/' || service_id, CAST(delivered_points AS STRING)
FROM fat_customer_service
WHERE delivered_points < 0
UNION ALL
SELECT 'negative contracted_points', 'dim_customer', CAST(customer_key AS STRING),
       CAST(contracted_points AS STRING)
FROM dim_customer
WHERE contracted_points < 0
UNION ALL
SELECT 'negative capacity_points', 'dim_squad', CAST(squad_key AS STRING),
       CAST(capacity_points AS STRING)
FROM dim_squad
WHERE capacity_points < 0
ORDER BY table_name, row_id;
