-- Every natural key of a historied dimension has exactly one current row,
-- and that row is the open-ended one.
SELECT 'natural key without exactly one current row' AS problem,
       'dim_customer' AS table_name, customer_id AS natural_key,
       countif(is_current) AS current_rows
FROM dim_customer
GROUP BY customer_id
HAVING countif(is_current) <> 1
UNION ALL
SELECT 'natural key without exactly one current row', 'dim_squad', squad_id,
       countif(is_current)
FROM dim_squad
GROUP BY squad_id
HAVING countif(is_current) <> 1
UNION ALL
SELECT 'current row has a valid_to, or a closed row has none', 'dim_customer', customer_id, 1
FROM dim_customer
WHERE is_current <> (valid_to IS NULL)
UNION ALL
SELECT 'current row has a valid_to, or a closed row has none', 'dim_squad', squad_id, 1
FROM dim_squad
WHERE is_current <> (valid_to IS NULL)
UNION ALL
SELECT 'natural key without exactly one current row', 'dim_member', member_id,
       countif(is_current)
FROM dim_member
GROUP BY member_id
HAVING countif(is_current) <> 1
UNION ALL
SELECT 'current row has a valid_to, or a closed row has none', 'dim_member', member_id, 1
FROM dim_member
WHERE is_current IS DISTINCT FROM (valid_to IS NULL)
UNION ALL
SELECT 'natural key without exactly one current row', 'dim_service', service_id,
       countif(is_current)
FROM dim_service
GROUP BY service_id
HAVING countif(is_current) <> 1
UNION ALL
SELECT 'current row has a valid_to, or a closed row has none', 'dim_service', service_id, 1
FROM dim_service
WHERE is_current IS DISTINCT FROM (valid_to IS NULL)
UNION ALL
SELECT 'natural key without exactly one current row', 'dim_task', task_id,
       countif(is_current)
FROM dim_task
GROUP BY task_id
HAVING countif(is_current) <> 1
UNION ALL
SELECT 'current row has a valid_to, or a closed row has none', 'dim_task', task_id, 1
FROM dim_task
WHERE is_current IS DISTINCT FROM (valid_to IS NULL)
ORDER BY table_name, natural_key;
