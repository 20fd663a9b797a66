-- dim_customer: SCD type 2, one row per version of a customer (a HubSpot company).
--
-- Tracked attributes: name, domain, squad_id, lifecycle_stage, owner_id,
-- contracted_points, services and merged_into_id. Text is trimmed, NULL and
-- '' are the same value, and services are a sorted list without duplicates
-- or blanks. attr_hash is the MD5 of these normalised values. A version's
-- state is its attr_hash together with is_deleted and deleted_reason, and a
-- new version is added only when that state changes.
--
-- Every stage row of the run is an event at source_updated_at (the source's
-- change time), or at the run's snapshot when that time is unknown or later
-- than the snapshot. So a run whose rows carry several states of one customer
-- adds each change in time order. Two rows at the same instant resolve to
-- one: the row of the last landing page by name wins, then an archived row,
-- then the greater attr_hash, so the result never depends on load order.
--
-- Events at or before the start of the customer's current version are
-- already history. They are skipped, except that when no event of the run is
-- newer, the run's last event is applied at the snapshot: the source then
-- shows a state the warehouse lacks without saying when it began.
--
-- Closing: a row with is_archived closes the current version with a version
-- marked is_deleted, deleted_reason 'archived', carrying the archived row's
-- attributes. When the run read customers, a customer absent from its rows
-- is closed with a version marked deleted_reason 'missing'. A customer that
-- comes back gets a fresh current version.
--
-- Intervals are half-open [valid_from, valid_to): each closed version's
-- valid_to is the next version's valid_from. A new version at exactly the
-- current version's valid_from (a rerun at the same snapshot) corrects the
-- current version in place instead, so no interval is ever empty.

CREATE OR REPLACE TEMP TABLE customer_event AS
WITH snapshot AS (
  SELECT CAST({{ snapshot_at }} AS TIMESTAMP) AS taken_at
),
normalised AS (
  SELECT customer_id,
         nullif(trim(name), '') AS name,
         nullif(trim(domain), '') AS domain,
         nullif(trim(squad_id), '') AS squad_id,
         nullif(trim(lifecycle_stage), '') AS lifecycle_stage,
         nullif(trim(owner_id), '') AS owner_id,
         CAST(contracted_points AS DECIMAL(9,2)) AS contracted_points,
{% if bigquery %}
         (SELECT ARRAY_AGG(DISTINCT trim(service) ORDER BY trim(service))
          FROM UNNEST(services) AS service
          WHERE trim(service) <> '') AS services,
{% else %}
         nullif(list_sort(list_distinct(list_transform(services, lambda s: nullif(trim(s), '')))),
                []) AS services,
{% endif %}
         nullif(trim(merged_into_id), '') AS merged_into_id,
         coalesce(is_archived, false) AS is_archived,
         source_updated_at,
         source_page
  FROM stg_customer
  WHERE run_id = {{ run_id }}
),
hashed AS (
  SELECT n.*,
{% if bigquery %}
         TO_HEX(MD5(CAST(TO_JSON_STRING([
{% else %}
         (md5(CAST(to_json([
{% endif %}
           coalesce(name, ''),
           coalesce(domain, ''),
           coalesce(squad_id, ''),
           coalesce(lifecycle_stage, ''),
           coalesce(owner_id, ''),
           coalesce(CAST(contracted_points AS STRING), ''),
{% if bigquery %}
           TO_JSON_STRING(coalesce(services, [])),
{% else %}
           coalesce(CAST(to_json(services) AS VARCHAR), '[]'),
{% endif %}
           coalesce(merged_into_id, '')
         ]) AS STRING))) AS attr_hash,
         least(coalesce(n.source_updated_at, snapshot.taken_at), snapshot.taken_at) AS event_at
  FROM normalised n
  CROSS JOIN snapshot
),
one_per_instant AS (
  SELECT *
  FROM hashed
  WHERE true
  QUALIFY row_number() OVER (
    PARTITION BY customer_id, event_at
    ORDER BY source_page DESC NULLS LAST, is_archived DESC, attr_hash DESC) = 1
),
with_current AS (
  SELECT e.*,
         c.customer_key AS current_key,
         c.valid_from AS current_from,
         max(e.event_at) OVER (PARTITION BY e.customer_id) AS last_event_at
  FROM one_per_instant e
  LEFT JOIN dim_customer c ON c.customer_id = e.customer_id AND c.is_current
)
SELECT w.customer_id, w.name, w.domain, w.squad_id, w.lifecycle_stage, w.owner_id,
       w.contracted_points, w.services, w.merged_into_id, w.attr_hash,
       w.is_archived AS is_deleted,
       CASE WHEN w.is_archived THEN 'archived' END AS deleted_reason,
       w.current_key,
       w.current_from,
       CASE
         WHEN w.current_from IS NULL OR w.event_at > w.current_from THEN w.event_at
         ELSE greatest(snapshot.taken_at, w.current_from)
       END AS valid_from
FROM with_current w
CROSS JOIN snapshot
WHERE w.current_from IS NULL
   OR w.event_at > w.current_from
   OR (w.last_event_at <= w.current_from AND w.event_at = w.last_event_at);

-- Each row is a version to add (or, at the current version's own start, to
-- write over it). Rows whose state equals the state before them are dropped.
CREATE OR REPLACE TEMP TABLE customer_change AS
WITH snapshot AS (
  SELECT CAST({{ snapshot_at }} AS TIMESTAMP) AS taken_at
),
current_version AS (
  SELECT * FROM dim_customer WHERE is_current
),
missing AS (
  SELECT c.customer_id, c.name, c.domain, c.squad_id, c.lifecycle_stage, c.owner_id,
         c.contracted_points, c.services, c.merged_into_id, c.attr_hash,
         true AS is_deleted,
         'missing' AS deleted_reason,
         c.customer_key AS current_key,
         c.valid_from AS current_from,
         greatest(snapshot.taken_at, c.valid_from) AS valid_from
  FROM current_version c
  CROSS JOIN snapshot
  WHERE NOT c.is_deleted
    AND c.customer_id NOT IN (SELECT customer_id FROM customer_event)
    AND EXISTS (SELECT 1 FROM stg_customer WHERE run_id = {{ run_id }})
),
candidate AS (
  SELECT * FROM customer_event
  UNION ALL
  SELECT * FROM missing
),
with_previous AS (
  SELECT k.*,
         concat(k.attr_hash, '|', CAST(k.is_deleted AS STRING), '|',
                coalesce(k.deleted_reason, '')) AS state,
         coalesce(
           lag(concat(k.attr_hash, '|', CAST(k.is_deleted AS STRING), '|',
                      coalesce(k.deleted_reason, '')))
             OVER (PARTITION BY k.customer_id ORDER BY k.valid_from),
           CASE WHEN c.customer_key IS NOT NULL
                THEN concat(c.attr_hash, '|', CAST(c.is_deleted AS STRING), '|',
                            coalesce(c.deleted_reason, '')) END) AS previous_state
  FROM candidate k
  LEFT JOIN current_version c ON c.customer_key = k.current_key
),
changed AS (
  SELECT *
  FROM with_previous
  WHERE previous_state IS NULL OR previous_state <> state
)
SELECT customer_id, name, domain, squad_id, lifecycle_stage, owner_id, contracted_points,
       services, merged_into_id, attr_hash, is_deleted, deleted_reason, current_key,
       current_from, valid_from,
       lead(valid_from) OVER (PARTITION BY customer_id ORDER BY valid_from) AS valid_to,
       coalesce(valid_from = current_from, false) AS corrects_current
FROM changed;

-- A change at the current version's own start replaces its content.
UPDATE dim_customer
SET name = x.name, domain = x.domain, squad_id = x.squad_id,
    lifecycle_stage = x.lifecycle_stage, owner_id = x.owner_id,
    contracted_points = x.contracted_points, services = x.services,
    merged_into_id = x.merged_into_id, attr_hash = x.attr_hash,
    is_deleted = x.is_deleted, deleted_reason = x.deleted_reason,
    valid_to = x.valid_to, is_current = x.valid_to IS NULL,
    run_id = {{ run_id }}
FROM customer_change x
WHERE dim_customer.customer_key = x.current_key AND x.corrects_current;

-- Any other change closes the current version where the first new one starts.
UPDATE dim_customer
SET is_current = false, valid_to = x.first_from
FROM (
  SELECT current_key, min(valid_from) AS first_from
  FROM customer_change
  WHERE current_key IS NOT NULL AND NOT corrects_current
  GROUP BY current_key
) x
WHERE dim_customer.customer_key = x.current_key
  AND NOT EXISTS (SELECT 1 FROM customer_change c
                  WHERE c.current_key = x.current_key AND c.corrects_current);

-- Surrogate keys continue the existing sequence, numbered in (customer_id,
-- valid_from) order; BIGINT arithmetic keeps the statement portable, unlike
-- a sequence object.
INSERT INTO dim_customer (
  customer_key, customer_id, name, domain, squad_id, lifecycle_stage, owner_id,
  contracted_points, services, merged_into_id, attr_hash,
  valid_from, valid_to, is_current, is_deleted, run_id, deleted_reason)
SELECT (SELECT coalesce(max(customer_key), 0) FROM dim_customer)
         + row_number() OVER (ORDER BY customer_id, valid_from) AS customer_key,
       customer_id, name, domain, squad_id, lifecycle_stage, owner_id,
       contracted_points, services, merged_into_id, attr_hash,
       valid_from,
       valid_to,
       valid_to IS NULL AS is_current,
       is_deleted,
       {{ run_id }} AS run_id,
       deleted_reason
FROM customer_change
WHERE NOT corrects_current;

DROP TABLE customer_change;
DROP TABLE customer_event;
