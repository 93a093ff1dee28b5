-- Who ran which ops or admin command, and every role change (issue 11 §6). One row per event: the
-- actor (null when the directory or HIROBA_ADMINS changed a role), the command's id, the member it was
-- about, and a JSON summary of validated arguments and the outcome. Never text a member typed: set
-- texts are recorded by their length only. Kept when a member is forgotten: the ids then point at the
-- anonymised member row.
CREATE TABLE audit_log (
  id               INTEGER PRIMARY KEY,
  workspace_id     INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  actor_member_id  INTEGER REFERENCES members(id) ON DELETE SET NULL,
  command          TEXT NOT NULL,
  target_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
  summary          TEXT NOT NULL,
  at               TEXT NOT NULL
);
CREATE INDEX audit_log_recent ON audit_log (workspace_id, at, id);

-- When `forget` erased the member: the row stays (its activities and rollups keep the aggregates
-- exact) with name, email, platform id, manager link and locale cleared.
ALTER TABLE members ADD COLUMN forgotten_at TEXT;
