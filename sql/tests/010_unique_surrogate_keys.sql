-- Every surrogate key names exactly one dimension version.
SELECT 'customer_key used by more than one row' AS problem,
       'dim_customer' AS table_name, CAST(customer_key AS VARCHAR) AS key, count(*) AS row_count
FROM dim_customer
GROUP BY customer_key
HAVING count(*) > 1
UNION ALL
SELECT 'squad_key used by more than one row', 'dim_squad', CAST(squad_key AS VARCHAR), count(*)
FROM dim_squad
GROUP BY squad_key
HAVING count(*) > 1
ORDER BY table_name, key;
