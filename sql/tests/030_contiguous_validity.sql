-- The versions of a natural key tile time without gaps or overlaps: each
-- interval is non-empty, and each closed version ends exactly where the
-- next begins. A deleted flag agrees with its reason.
WITH version AS (
  SELECT 'dim_customer' AS table_name, customer_id AS natural_key,
         CAST(customer_key AS STRING) AS key, valid_from, valid_to,
         is_deleted, deleted_reason
  FROM dim_customer
  UNION ALL
  SELECT 'dim_squad', squad_id, CAST(squad_key AS STRING), valid_from, valid_to,
         is_deleted, deleted_reason
  FROM dim_squad
  UNION ALL
  SELECT 'dim_member', member_id, CAST(member_key AS STRING), valid_from, valid_to,
         is_deleted, deleted_reason
  FROM dim_member
  UNION ALL
  SELECT 'dim_service', service_id, CAST(service_key AS STRING), valid_from, valid_to,
         is_deleted, deleted_reason
  FROM dim_service
  UNION ALL
  SELECT 'dim_task', task_id, CAST(task_key AS STRING), valid_from, valid_to,
         is_deleted, deleted_reason
  FROM dim_task
),
ordered AS (
  SELECT *,
         lead(valid_from) OVER (PARTITION BY table_name, natural_key
                                ORDER BY valid_from, key) AS next_from
  FROM version
)
SELECT CASE
         WHEN valid_to IS NOT NULL AND valid_to <= valid_from THEN 'empty or reversed interval'
         WHEN next_from IS NOT NULL AND valid_to IS NULL THEN 'open version followed by another'
         WHEN next_from IS NOT NULL AND valid_to < next_from THEN 'gap before the next version'
         WHEN next_from IS NOT NULL AND valid_to > next_from THEN 'overlaps the next version'
         WHEN next_from IS NULL AND valid_to IS NOT NULL THEN 'last version is closed'
         WHEN valid_from IS NULL THEN 'valid_from is missing'
         ELSE 'deleted flag and deleted_reason disagree'
       END AS problem,
       table_name, natural_key, key,
       CAST(valid_from AS STRING) AS valid_from,
       CAST(valid_to AS STRING) AS valid_to,
       CAST(next_from AS STRING) AS next_from
FROM ordered
WHERE valid_from IS NULL
   OR (valid_to IS NOT NULL AND valid_to <= valid_from)
   OR (next_from IS NOT NULL AND (valid_to IS NULL OR valid_to <> next_from))
   OR (next_from IS NULL AND valid_to IS NOT NULL)
   OR is_deleted IS DISTINCT FROM (deleted_reason IS NOT NULL)
ORDER BY table_name, natural_key, valid_from;
