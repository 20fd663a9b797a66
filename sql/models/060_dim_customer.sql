-- dim_customer: SCD type 2, one row per version of a customer (a HubSpot company).
-- A customer gets a new version only when the hash of its tracked attributes
-- changes: name, domain, squad_id, lifecycle_stage, owner_id,
-- contracted_points, services and merged_into_id. Text is trimmed, NULL and
-- '' hash the same, and services hash as a sorted list without duplicates.
-- A new version starts at the source's change time (source_updated_at) when
-- that time is known, later than the current version's start and not later
-- than the snapshot. Otherwise it starts at the run's snapshot.
-- When the run read customers, a customer archived at the source or absent
-- from the run's rows is closed and gets a version marked is_deleted.
-- A customer that comes back gets a fresh current version.
-- Intervals are half-open: a version is valid from valid_from up to, but not
-- including, valid_to.

CREATE OR REPLACE TEMP TABLE customer_source AS
SELECT *,
       md5(CAST(to_json([
         coalesce(name, ''),
         coalesce(domain, ''),
         coalesce(squad_id, ''),
         coalesce(lifecycle_stage, ''),
         coalesce(owner_id, ''),
         coalesce(CAST(contracted_points AS VARCHAR), ''),
         coalesce(CAST(to_json(services) AS VARCHAR), '[]'),
         coalesce(merged_into_id, '')
       ]) AS VARCHAR)) AS attr_hash
FROM (
  SELECT customer_id,
         nullif(trim(name), '') AS name,
         nullif(trim(domain), '') AS domain,
         nullif(trim(squad_id), '') AS squad_id,
         nullif(trim(lifecycle_stage), '') AS lifecycle_stage,
         nullif(trim(owner_id), '') AS owner_id,
         CAST(contracted_points AS DECIMAL(9,2)) AS contracted_points,
         nullif(list_sort(list_distinct(list_transform(services, lambda s: nullif(trim(s), '')))),
                []) AS services,
         nullif(trim(merged_into_id), '') AS merged_into_id,
         source_updated_at
  FROM stg_customer
  WHERE run_id = {{ run_id }}
  QUALIFY row_number() OVER (
    PARTITION BY customer_id
    ORDER BY source_updated_at DESC NULLS LAST, source_page DESC NULLS LAST) = 1
    AND NOT coalesce(is_archived, false)
);

-- Each row is a version to add; closes_key is the current version it replaces.
CREATE OR REPLACE TEMP TABLE customer_change AS
WITH snapshot AS (
  SELECT CAST({{ snapshot_at }} AS TIMESTAMP) AS at
),
current_version AS (
  SELECT * FROM dim_customer WHERE is_current
)
SELECT s.customer_id, s.name, s.domain, s.squad_id, s.lifecycle_stage, s.owner_id,
       s.contracted_points, s.services, s.merged_into_id, s.attr_hash,
       false AS is_deleted,
       c.customer_key AS closes_key,
       CASE
         WHEN s.source_updated_at <= snapshot.at
              AND (c.valid_from IS NULL OR s.source_updated_at > c.valid_from)
           THEN s.source_updated_at
         ELSE greatest(snapshot.at, coalesce(c.valid_from, snapshot.at))
       END AS valid_from
FROM customer_source s
CROSS JOIN snapshot
LEFT JOIN current_version c ON c.customer_id = s.customer_id
WHERE c.customer_key IS NULL OR c.is_deleted OR c.attr_hash <> s.attr_hash
UNION ALL
SELECT c.customer_id, c.name, c.domain, c.squad_id, c.lifecycle_stage, c.owner_id,
       c.contracted_points, c.services, c.merged_into_id, c.attr_hash,
       true AS is_deleted,
       c.customer_key AS closes_key,
       greatest(snapshot.at, c.valid_from) AS valid_from
FROM current_version c
CROSS JOIN snapshot
WHERE NOT c.is_deleted
  AND c.customer_id NOT IN (SELECT customer_id FROM customer_source)
  AND EXISTS (SELECT 1 FROM stg_customer WHERE run_id = {{ run_id }});

UPDATE dim_customer
SET is_current = false, valid_to = customer_change.valid_from
FROM customer_change
WHERE dim_customer.customer_key = customer_change.closes_key;

-- Surrogate keys continue the existing sequence; BIGINT arithmetic keeps the
-- same statement valid on every backend, unlike a sequence object.
INSERT INTO dim_customer
SELECT (SELECT coalesce(max(customer_key), 0) FROM dim_customer)
         + row_number() OVER (ORDER BY customer_id) AS customer_key,
       customer_id, name, domain, squad_id, lifecycle_stage, owner_id,
       contracted_points, services, merged_into_id, attr_hash,
       valid_from,
       CAST(NULL AS TIMESTAMP) AS valid_to,
       true AS is_current,
       is_deleted,
       {{ run_id }} AS run_id
FROM customer_change;

DROP TABLE customer_change;
DROP TABLE customer_source;
