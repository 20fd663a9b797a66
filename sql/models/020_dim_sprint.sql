-- dim_sprint: one row per sprint list. Sprints read in this run replace their
-- row; sprints this run did not read keep theirs. end_at is the sprint's end
-- instant: the day after end_date at 00:00 in the workspace's time zone, in UTC.
DELETE FROM dim_sprint
WHERE sprint_id IN (SELECT list_id FROM stg_list WHERE run_id = {{ run_id }} AND is_sprint);

INSERT INTO dim_sprint
SELECT list_id AS sprint_id,
       name,
       sprint_number AS number,
       start_date,
       end_date,
{% if bigquery %}
       TIMESTAMP(DATE_ADD(end_date, INTERVAL 1 DAY), {{ timezone }}) AS end_at,
{% else %}
       timezone('UTC', timezone({{ timezone }}, CAST(end_date + 1 AS TIMESTAMP))) AS end_at,
{% endif %}
       false AS is_ended,
       folder_id,
       space_id,
       is_archived,
       run_id
FROM stg_list
WHERE run_id = {{ run_id }} AND is_sprint
QUALIFY row_number() OVER (PARTITION BY list_id ORDER BY source_page DESC NULLS LAST) = 1;

-- A sprint has ended once its last day is before the snapshot's day in the
-- workspace's time zone. Every sprint is judged again against this run's snapshot.
UPDATE dim_sprint
SET is_ended = coalesce(
{% if bigquery %}
    end_date < DATE(CAST({{ snapshot_at }} AS TIMESTAMP), {{ timezone }}),
{% else %}
    end_date < CAST(timezone({{ timezone }}, timezone('UTC', CAST({{ snapshot_at }} AS TIMESTAMP)))
                    AS DATE),
{% endif %}
    false)
WHERE true;
