-- Serves contribution bounds and last activity per member (GROUP BY member_id over a workspace) from
-- the index alone, in member order: no table lookups and no sort, whether or not ANALYZE has run.
CREATE INDEX activities_member_kind ON activities (workspace_id, member_id, kind, occurred_at);
