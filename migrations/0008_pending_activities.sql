-- Activities whose member the directory did not know yet and the platform could not be asked about
-- (users.info failed with a network error, 429 or 5xx). Kept until the member is looked up and the
-- activity recorded; after the last attempt the row stays with status 'failed' and the reason, so an
-- accepted event is never silently lost. Holds who did what and when, never what they wrote.
CREATE TABLE pending_activities (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
  event_id TEXT NOT NULL,
  member_platform_id TEXT NOT NULL,
  activity TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'failed')),
  created_at TEXT NOT NULL,
  UNIQUE (workspace_id, event_id)
);
CREATE INDEX pending_activities_due ON pending_activities (status, next_attempt_at);
