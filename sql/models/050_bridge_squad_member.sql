-- bridge_squad_member: one row per member of a squad, as the latest run that
-- read squads saw it. A run that read no squads and no memberships keeps the
-- previous rows rather than emptying the table.
DELETE FROM bridge_squad_member
WHERE EXISTS (SELECT 1 FROM stg_squad WHERE run_id = {{ run_id }})
   OR EXISTS (SELECT 1 FROM stg_squad_member WHERE run_id = {{ run_id }});

INSERT INTO bridge_squad_member
SELECT DISTINCT squad_id, member_id, run_id
FROM stg_squad_member
WHERE run_id = {{ run_id }};
