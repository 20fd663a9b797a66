-- dim_member: one row per ClickUp user. Members read in this run replace
-- their row; members no longer in the workspace keep theirs, because old
-- facts may still point at them.
DELETE FROM dim_member
WHERE member_id IN (SELECT member_id FROM stg_member WHERE run_id = {{ run_id }});

INSERT INTO dim_member
SELECT member_id, username, initials, run_id
FROM stg_member
WHERE run_id = {{ run_id }}
QUALIFY row_number() OVER (PARTITION BY member_id ORDER BY source_page DESC NULLS LAST) = 1;
