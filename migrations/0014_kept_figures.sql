-- Kept per-member figures, so reports read one row per member and day (or week) instead of every
-- activity. The store keeps them in step with `activities` on every insert and retraction, and with the
-- directory when a member's department changes (interactions and crossings are counted by today's
-- departments, as the reports always counted them).
--
-- daily_rollups gains the figures the reports sum beyond points: top-level posts (post, story, idea),
-- replies and reactions to someone else where both departments are known (`interactions`), those
-- that cross departments (`crossing`), and the instant of the day's first top-level post.
ALTER TABLE daily_rollups ADD COLUMN posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_rollups ADD COLUMN interactions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_rollups ADD COLUMN crossing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_rollups ADD COLUMN first_post TEXT;

-- The same figures per member and ISO week (`week` is the Monday of the activities' local day):
-- thirteen weeks of a 100,000-member company are 1.3 million rows in key order, not 10 million
-- activities to group.
CREATE TABLE member_weeks (
  workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  week          TEXT NOT NULL,
  member_id     INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  contributions INTEGER NOT NULL DEFAULT 0,
  activities    INTEGER NOT NULL DEFAULT 0,
  posts         INTEGER NOT NULL DEFAULT 0,
  interactions  INTEGER NOT NULL DEFAULT 0,
  crossing      INTEGER NOT NULL DEFAULT 0,
  first_post    TEXT,
  PRIMARY KEY (workspace_id, week, member_id)
) WITHOUT ROWID;
CREATE INDEX member_weeks_member ON member_weeks (member_id);

-- A department move recounts the interactions aimed at the member who moved: found by this index.
CREATE INDEX activities_target ON activities (target_member_id) WHERE target_member_id IS NOT NULL;

-- Backfill from the raw activities still stored (days retention already pruned keep 0 and no first post).
-- Departments are "known" when something is left after trimming what String.prototype.trim trims.
UPDATE daily_rollups
SET posts = f.p, interactions = f.i, crossing = f.x, first_post = f.fp
FROM (
  SELECT a.workspace_id AS w, a.member_id AS m, a.day AS d,
         SUM(a.kind IN ('post', 'story', 'idea')) AS p,
         SUM(td IS NOT NULL AND ad IS NOT NULL) AS i,
         SUM(td IS NOT NULL AND ad IS NOT NULL AND td <> ad) AS x,
         MIN(CASE WHEN a.kind IN ('post', 'story', 'idea') THEN a.occurred_at END) AS fp
  FROM (
    SELECT a.workspace_id, a.member_id, a.day, a.kind, a.occurred_at,
           nullif(trim(t.department, char(9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279)), '') AS td,
           CASE WHEN t.id IS NULL THEN NULL
                ELSE nullif(trim(am.department, char(9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279)), '') END AS ad
    FROM activities a
    LEFT JOIN members t ON a.kind IN ('reply', 'reaction') AND t.id = a.target_member_id AND a.target_member_id <> a.member_id
    LEFT JOIN members am ON t.id IS NOT NULL AND am.id = a.member_id
  ) AS a
  GROUP BY a.workspace_id, a.member_id, a.day
) AS f
WHERE daily_rollups.workspace_id = f.w AND daily_rollups.member_id = f.m AND daily_rollups.day = f.d;

INSERT INTO member_weeks (workspace_id, week, member_id, contributions, activities, posts, interactions, crossing, first_post)
SELECT workspace_id, date(day, 'weekday 0', '-6 days') AS week, member_id,
       SUM(contributions), SUM(activities), SUM(posts), SUM(interactions), SUM(crossing), MIN(first_post)
FROM daily_rollups
GROUP BY workspace_id, week, member_id;

-- A week of days is read per day range (the digest's seven whole days): the day index now carries
-- the figures too, so those reads walk the index alone instead of one table row per member and day.
DROP INDEX daily_rollups_day;
CREATE INDEX daily_rollups_day ON daily_rollups (workspace_id, day, member_id, points, contributions, activities, posts, interactions, crossing, first_post);
