-- Every key a fact row contains is found in its dimension, and a surrogate key
-- points at a version of the same natural key the row names.
SELECT 'customer_key not in dim_customer or of another customer' AS problem,
       'fat_task_sprint' AS table_name, f.sprint_id, f.task_id AS row_id,
       CAST(f.customer_key AS STRING) AS key
FROM fat_task_sprint f
LEFT JOIN dim_customer c ON c.customer_key = f.customer_key
WHERE f.customer_key IS NOT NULL AND c.customer_id IS DISTINCT FROM f.customer_id
UNION ALL
SELECT 'squad_key not in dim_squad or of another squad', 'fat_task_sprint', f.sprint_id,
       f.task_id, CAST(f.squad_key AS STRING)
FROM fat_task_sprint f
LEFT JOIN dim_squad q ON q.squad_key = f.squad_key
WHERE f.squad_key IS NOT NULL AND q.squad_id IS DISTINCT FROM f.squad_id
UNION ALL
SELECT 'sprint_id not in dim_sprint', 'fat_task_sprint', f.sprint_id, f.task_id, f.sprint_id
FROM fat_task_sprint f
WHERE f.sprint_id NOT IN (SELECT sprint_id FROM dim_sprint)
UNION ALL
SELECT 'task_id not in dim_task', 'fat_task_sprint', f.sprint_id, f.task_id, f.task_id
FROM fat_task_sprint f
WHERE f.task_id NOT IN (SELECT task_id FROM dim_task)
UNION ALL
SELECT 'task_key not in dim_task or of another task', 'fat_task_sprint', f.sprint_id,
       f.task_id, CAST(f.task_key AS STRING)
FROM fat_task_sprint f
LEFT JOIN dim_task t ON t.task_key = f.task_key
WHERE f.task_key IS NOT NULL AND t.task_id IS DISTINCT FROM f.task_id
UNION ALL
SELECT 'service_key not in dim_service or of another service', 'fat_customer_service',
       f.sprint_id, f.customer_id || '/' || f.service_id, CAST(f.service_key AS STRING)
FROM fat_customer_service f
LEFT JOIN dim_service v ON v.service_key = f.service_key
WHERE f.service_key IS NOT NULL AND v.service_id IS DISTINCT FROM f.service_id
UNION ALL
SELECT 'customer_key not in dim_customer or of another customer', 'fat_customer_service',
       f.sprint_id, f.customer_id || '/' || f.service_id, CAST(f.customer_key AS STRING)
FROM fat_customer_service f
LEFT JOIN dim_customer c ON c.customer_key = f.customer_key
WHERE f.customer_key IS NOT NULL AND c.customer_id IS DISTINCT FROM f.customer_id
UNION ALL
SELECT 'sprint_id not in dim_sprint', 'fat_customer_service', f.sprint_id,
       f.customer_id || '/' || f.service_id, f.sprint_id
FROM fat_customer_service f
WHERE f.sprint_id NOT IN (SELECT sprint_id FROM dim_sprint)
UNION ALL
SELECT 'service_id not in dim_service', 'fat_customer_service', f.sprint_id,
       f.customer_id || '/' || f.service_id, f.service_id
FROM fat_customer_service f
WHERE f.service_id NOT IN (SELECT service_id FROM dim_service)
ORDER BY table_name, sprint_id, row_id, problem;
