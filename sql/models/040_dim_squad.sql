-- dim_squad: SCD type 2, one row per version of a squad.
--
-- Tracked attributes: name, capacity_points and member_count, normalised as
-- in dim_customer (trimmed text, NULL and '' the same) and hashed into
-- attr_hash. A version's state is attr_hash with is_deleted and
-- deleted_reason; a new version is added only when that state changes.
--
-- ClickUp user groups carry no change time (only date_created), so every
-- squad version starts at the run's snapshot. Several rows of one squad in
-- a run resolve to one: the row of the last landing page by name wins, then
-- the greater attr_hash, so the result never depends on load order.
--
-- When the run read squads, a squad absent from its rows is closed with a
-- version marked is_deleted, deleted_reason 'missing'. A squad that comes
-- back gets a fresh current version.
--
-- Intervals are half-open [valid_from, valid_to): a closed version's
-- valid_to is the next version's valid_from. A change at exactly the current
-- version's valid_from (a rerun at the same snapshot) corrects the current
-- version in place instead, so no interval is ever empty.

CREATE OR REPLACE TEMP TABLE squad_change AS
WITH snapshot AS (
  SELECT CAST({{ snapshot_at }} AS TIMESTAMP) AS taken_at
),
normalised AS (
  SELECT squad_id,
         nullif(trim(name), '') AS name,
         CAST(capacity_points AS DECIMAL(9,2)) AS capacity_points,
         member_count,
         source_page
  FROM stg_squad
  WHERE run_id = {{ run_id }}
),
hashed AS (
  SELECT *,
{% if bigquery %}
         TO_HEX(MD5(CAST(TO_JSON_STRING([
{% else %}
         (md5(CAST(to_json([
{% endif %}
           coalesce(name, ''),
           coalesce(CAST(capacity_points AS STRING), ''),
           coalesce(CAST(member_count AS STRING), '')
         ]) AS STRING))) AS attr_hash
  FROM normalised
),
source AS (
  SELECT *
  FROM hashed
  WHERE true
  QUALIFY row_number() OVER (
    PARTITION BY squad_id ORDER BY source_page DESC NULLS LAST, attr_hash DESC) = 1
),
current_version AS (
  SELECT * FROM dim_squad WHERE is_current
),
candidate AS (
  SELECT s.squad_id, s.name, s.capacity_points, s.member_count, s.attr_hash,
         false AS is_deleted,
         CAST(NULL AS STRING) AS deleted_reason,
         c.squad_key AS current_key,
         c.valid_from AS current_from,
         greatest(snapshot.taken_at, coalesce(c.valid_from, snapshot.taken_at)) AS valid_from,
         c.squad_key IS NULL OR c.is_deleted OR c.attr_hash <> s.attr_hash AS is_change
  FROM source s
  CROSS JOIN snapshot
  LEFT JOIN current_version c ON c.squad_id = s.squad_id
  UNION ALL
  SELECT c.squad_id, c.name, c.capacity_points, c.member_count, c.attr_hash,
         true AS is_deleted,
         'missing' AS deleted_reason,
         c.squad_key AS current_key,
         c.valid_from AS current_from,
         greatest(snapshot.taken_at, c.valid_from) AS valid_from,
         true AS is_change
  FROM current_version c
  CROSS JOIN snapshot
  WHERE NOT c.is_deleted
    AND c.squad_id NOT IN (SELECT squad_id FROM source)
    AND EXISTS (SELECT 1 FROM stg_squad WHERE run_id = {{ run_id }})
)
SELECT squad_id, name, capacity_points, member_count, attr_hash, is_deleted, deleted_reason,
       current_key, current_from, valid_from,
       CAST(NULL AS TIMESTAMP) AS valid_to,
       coalesce(valid_from = current_from, false) AS corrects_current
FROM candidate
WHERE is_change;

-- A change at the current version's own start replaces its content.
UPDATE dim_squad
SET name = x.name, capacity_points = x.capacity_points, member_count = x.member_count,
    attr_hash = x.attr_hash, is_deleted = x.is_deleted, deleted_reason = x.deleted_reason,
    run_id = {{ run_id }}
FROM squad_change x
WHERE dim_squad.squad_key = x.current_key AND x.corrects_current;

-- Any other change closes the current version where the new one starts.
UPDATE dim_squad
SET is_current = false, valid_to = x.valid_from
FROM squad_change x
WHERE dim_squad.squad_key = x.current_key AND NOT x.corrects_current;

-- Surrogate keys continue the existing sequence; BIGINT arithmetic keeps the
-- statement portable, unlike a sequence object.
INSERT INTO dim_squad (
  squad_key, squad_id, name, capacity_points, member_count, attr_hash,
  valid_from, valid_to, is_current, is_deleted, run_id, deleted_reason)
SELECT (SELECT coalesce(max(squad_key), 0) FROM dim_squad)
         + row_number() OVER (ORDER BY squad_id) AS squad_key,
       squad_id, name, capacity_points, member_count, attr_hash,
       valid_from,
       valid_to,
       true AS is_current,
       is_deleted,
       {{ run_id }} AS run_id,
       deleted_reason
FROM squad_change
WHERE NOT corrects_current;

DROP TABLE squad_change;
