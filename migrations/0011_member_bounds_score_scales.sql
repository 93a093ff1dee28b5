-- Per-member bounds kept in step with `activities` by the store on every insert and retraction (like
-- `daily_rollups`): the first and last contribution (post, reply, story, idea) and the last activity of
-- any kind. States, "new contributors" and nudges read them instead of a GROUP BY over every activity,
-- and they stay right when retention prunes old raw activities.
CREATE TABLE member_bounds (
  member_id          INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  workspace_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  first_contribution TEXT,
  last_contribution  TEXT,
  last_activity      TEXT NOT NULL
);
CREATE INDEX member_bounds_workspace ON member_bounds (workspace_id);

INSERT INTO member_bounds (member_id, workspace_id, first_contribution, last_contribution, last_activity)
SELECT member_id, workspace_id,
       MIN(CASE WHEN kind IN ('post', 'reply', 'story', 'idea') THEN occurred_at END),
       MAX(CASE WHEN kind IN ('post', 'reply', 'story', 'idea') THEN occurred_at END),
       MAX(occurred_at)
FROM activities
GROUP BY workspace_id, member_id;

-- The workspace's score scale (the 90th percentile of positive raw scores of the members who count)
-- for one local day, computed once that day from the daily rollups: a member's own score then reads
-- that member's rollups and this row, never the whole company's.
CREATE TABLE score_scales (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          TEXT NOT NULL,
  p90          REAL NOT NULL,
  scored       INTEGER NOT NULL,
  computed_at  TEXT NOT NULL,
  PRIMARY KEY (workspace_id, day)
);

-- Reports read a span of time (a week, eight weeks, the dashboard's thirteen) per member: the time
-- index now carries the member, kind and target too, so those reads walk the index alone, in time
-- order, without a lookup into the table per activity. Same name and leading columns as before; `id`
-- keeps `between` (ORDER BY occurred_at, id) free of a sort.
DROP INDEX activities_time;
CREATE INDEX activities_time ON activities (workspace_id, occurred_at, id, member_id, kind, target_member_id);
