-- dim_squad: SCD type 2, one row per version of a squad.
-- A squad gets a new version only when the hash of its tracked attributes
-- (name, capacity_points, member_count) changes. Squads have no source change
-- time, so a version starts at the run's snapshot. When the run read squads,
-- a squad absent from its rows is closed and gets a version marked
-- is_deleted. A squad that comes back gets a fresh current version.
-- Intervals are half-open: a version is valid from valid_from up to, but not
-- including, valid_to.

CREATE OR REPLACE TEMP TABLE squad_source AS
SELECT squad_id, name, capacity_points, member_count,
       md5(CAST(to_json([
         coalesce(name, ''),
         coalesce(CAST(capacity_points AS VARCHAR), ''),
         coalesce(CAST(member_count AS VARCHAR), '')
       ]) AS VARCHAR)) AS attr_hash
FROM (
  SELECT squad_id,
         nullif(trim(name), '') AS name,
         CAST(capacity_points AS DECIMAL(9,2)) AS capacity_points,
         member_count
  FROM stg_squad
  WHERE run_id = {{ run_id }}
  QUALIFY row_number() OVER (PARTITION BY squad_id ORDER BY source_page DESC NULLS LAST) = 1
);

-- Each row is a version to add; closes_key is the current version it replaces.
-- valid_from never goes before the replaced version's start, so replaying an
-- older run cannot make intervals overlap.
CREATE OR REPLACE TEMP TABLE squad_change AS
WITH snapshot AS (
  SELECT CAST({{ snapshot_at }} AS TIMESTAMP) AS at
),
current_version AS (
  SELECT * FROM dim_squad WHERE is_current
)
SELECT s.squad_id, s.name, s.capacity_points, s.member_count, s.attr_hash,
       false AS is_deleted,
       c.squad_key AS closes_key,
       greatest(snapshot.at, coalesce(c.valid_from, snapshot.at)) AS valid_from
FROM squad_source s
CROSS JOIN snapshot
LEFT JOIN current_version c ON c.squad_id = s.squad_id
WHERE c.squad_key IS NULL OR c.is_deleted OR c.attr_hash <> s.attr_hash
UNION ALL
SELECT c.squad_id, c.name, c.capacity_points, c.member_count, c.attr_hash,
       true AS is_deleted,
       c.squad_key AS closes_key,
       greatest(snapshot.at, c.valid_from) AS valid_from
FROM current_version c
CROSS JOIN snapshot
WHERE NOT c.is_deleted
  AND c.squad_id NOT IN (SELECT squad_id FROM squad_source)
  AND EXISTS (SELECT 1 FROM stg_squad WHERE run_id = {{ run_id }});

UPDATE dim_squad
SET is_current = false, valid_to = squad_change.valid_from
FROM squad_change
WHERE dim_squad.squad_key = squad_change.closes_key;

-- Surrogate keys continue the existing sequence; BIGINT arithmetic keeps the
-- same statement valid on every backend, unlike a sequence object.
INSERT INTO dim_squad
SELECT (SELECT coalesce(max(squad_key), 0) FROM dim_squad)
         + row_number() OVER (ORDER BY squad_id) AS squad_key,
       squad_id, name, capacity_points, member_count, attr_hash,
       valid_from,
       CAST(NULL AS TIMESTAMP) AS valid_to,
       true AS is_current,
       is_deleted,
       {{ run_id }} AS run_id
FROM squad_change;

DROP TABLE squad_change;
DROP TABLE squad_source;
