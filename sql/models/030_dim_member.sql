-- dim_member: one row per ClickUp user, or one per version of a user when
-- the config's [model] historied lists "member" (SCD type 2, see
-- src/warehouse/scd2_step.h). Tracked attributes: username and initials,
-- trimmed, NULL and '' the same. ClickUp users carry no change time, so a
-- version starts at the run's snapshot.
--
-- Type 1: members read in this run update their row; members no longer in
-- the workspace keep theirs, because old facts may still point at them.
-- Historied: when the run read members, a member absent from them is closed
-- with a version marked deleted, reason 'missing'.
{% scd2 table=dim_member key=member_id surrogate=member_key
        attributes=username,initials missing=close %}
  SELECT member_id,
         nullif(trim(username), '') AS username,
         nullif(trim(initials), '') AS initials,
         CAST(NULL AS TIMESTAMP) AS changed_at,
         source_page
  FROM stg_member
  WHERE run_id = {{ run_id }}
{% endscd2 %}
