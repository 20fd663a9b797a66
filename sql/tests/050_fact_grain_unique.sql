-- Each fact table contains one row per grain: a task per sprint, and a
-- customer and service per sprint.
SELECT 'more than one row for a task in a sprint' AS problem,
       'fat_task_sprint' AS table_name, sprint_id, task_id AS row_id, count(*) AS row_count
FROM fat_task_sprint
GROUP BY sprint_id, task_id
HAVING count(*) > 1
UNION ALL
SELECT 'more than one row for a customer and service in a sprint', 'fat_customer_service',
       sprint_id, customer_id || '/' || service_id, count(*)
FROM fat_customer_service
GROUP BY sprint_id, customer_id, service_id
HAVING count(*) > 1
ORDER BY table_name, sprint_id, row_id;
