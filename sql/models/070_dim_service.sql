-- dim_service: one row per service id seen in products, line items, tasks,
-- company service lists or customer service sums. Services are only added,
-- never removed, because old facts still name them. The name is the id made
-- readable: underscores and dashes become spaces and each word is capitalised
-- ("seo_audit" becomes "Seo Audit").
INSERT INTO dim_service
WITH seen AS (
  SELECT service_id FROM stg_product WHERE run_id = {{ run_id }}
  UNION ALL SELECT service_id FROM stg_line_item WHERE run_id = {{ run_id }}
  UNION ALL SELECT unnest(service_ids) FROM stg_task WHERE run_id = {{ run_id }}
  UNION ALL SELECT unnest(services) FROM stg_customer WHERE run_id = {{ run_id }}
  UNION ALL SELECT service_id FROM stg_customer_service WHERE run_id = {{ run_id }}
),
new_service AS (
  SELECT DISTINCT trim(service_id) AS service_id
  FROM seen
  WHERE nullif(trim(service_id), '') IS NOT NULL
    AND trim(service_id) NOT IN (SELECT service_id FROM dim_service)
)
SELECT service_id,
       array_to_string(
         list_transform(
           string_split(trim(regexp_replace(service_id, '[_-]+', ' ', 'g')), ' '),
           lambda word: upper(left(word, 1)) || substr(word, 2)),
         ' ') AS name,
       {{ run_id }} AS run_id
FROM new_service;
