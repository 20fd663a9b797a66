-- Every surrogate key names exactly one dimension version, and every
-- version has one.
SELECT 'customer_key used by more than one row' AS problem,
       'dim_customer' AS table_name, CAST(customer_key AS STRING) AS key, count(*) AS row_count
FROM dim_customer
GROUP BY customer_key
HAVING count(*) > 1
UNION ALL
SELECT 'squad_key used by more than one row', 'dim_squad', CAST(squad_key AS STRING), count(*)
FROM dim_squad
GROUP BY squad_key
HAVING count(*) > 1
UNION ALL
SELECT 'member_key used by more than one row', 'dim_member', CAST(member_key AS STRING),
       count(*)
FROM dim_member
GROUP BY member_key
HAVING count(*) > 1
UNION ALL
SELECT 'service_key used by more than one row', 'dim_service', CAST(service_key AS STRING),
       count(*)
FROM dim_service
GROUP BY service_key
HAVING count(*) > 1
UNION ALL
SELECT 'task_key used by more than one row', 'dim_task', CAST(task_key AS STRING),
       count(*)
FROM dim_task
GROUP BY task_key
HAVING count(*) > 1
UNION ALL
SELECT 'surrogate key missing', table_name, natural_key, count(*)
FROM (SELECT 'dim_member' AS table_name, member_id AS natural_key FROM dim_member
      WHERE member_key IS NULL
      UNION ALL SELECT 'dim_service', service_id FROM dim_service WHERE service_key IS NULL
      UNION ALL SELECT 'dim_task', task_id FROM dim_task WHERE task_key IS NULL)
GROUP BY table_name, natural_key
ORDER BY table_name, key;
