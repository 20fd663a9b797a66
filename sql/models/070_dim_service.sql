-- dim_service: one row per service id seen in products, line items, tasks,
-- company service lists or customer service sums, or one per version when
-- the config's [model] historied lists "service" (SCD type 2, see
-- src/warehouse/scd2_step.h). The name is the id made readable: underscores
-- and dashes become spaces and each word is capitalised ("seo_audit"
-- becomes "Seo Audit"), so a service's only attribute never changes.
-- Services are never closed, because no source lists every service and old
-- facts still name them.
{% scd2 table=dim_service key=service_id surrogate=service_key
        attributes=name missing=keep %}
  WITH seen AS (
    SELECT service_id FROM stg_product WHERE run_id = {{ run_id }}
    UNION ALL SELECT service_id FROM stg_line_item WHERE run_id = {{ run_id }}
{% if bigquery %}
    UNION ALL SELECT service FROM stg_task, UNNEST(service_ids) AS service
              WHERE run_id = {{ run_id }}
    UNION ALL SELECT service FROM stg_customer, UNNEST(services) AS service
              WHERE run_id = {{ run_id }}
{% else %}
    UNION ALL SELECT unnest(service_ids) FROM stg_task WHERE run_id = {{ run_id }}
    UNION ALL SELECT unnest(services) FROM stg_customer WHERE run_id = {{ run_id }}
{% endif %}
    UNION ALL SELECT service_id FROM stg_customer_service WHERE run_id = {{ run_id }}
  ),
  service AS (
    SELECT DISTINCT trim(service_id) AS service_id
    FROM seen
    WHERE nullif(trim(service_id), '') IS NOT NULL
  )
  SELECT service_id,
{% if bigquery %}
         ARRAY_TO_STRING(
           ARRAY(SELECT CONCAT(UPPER(SUBSTR(word, 1, 1)), SUBSTR(word, 2))
                 FROM UNNEST(SPLIT(TRIM(REGEXP_REPLACE(service_id, '[_-]+', ' ')), ' '))
                      AS word WITH OFFSET AS position
                 ORDER BY position),
           ' ') AS name,
{% else %}
         array_to_string(
           list_transform(
             string_split(trim(regexp_replace(service_id, '[_-]+', ' ', 'g')), ' '),
             lambda word: upper(left(word, 1)) || substr(word, 2)),
           ' ') AS name,
{% endif %}
         CAST(NULL AS TIMESTAMP) AS changed_at,
         CAST(NULL AS STRING) AS source_page
  FROM service
{% endscd2 %}
