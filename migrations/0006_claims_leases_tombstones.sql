-- Exactly once across processes: a worker claims outbox rows (claimed_by, lease_until) before it
-- sends them; `sending_since` is written just before the platform call and cleared with the result,
-- so a row found with it set after its lease lapsed may have been delivered already (a possible
-- duplicate, counted in `possible_duplicates` and re-sent at most once).
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
ALTER TABLE outbox ADD COLUMN sending_since TEXT;
ALTER TABLE outbox ADD COLUMN possible_duplicates INTEGER NOT NULL DEFAULT 0 CHECK (possible_duplicates >= 0);

-- Named leases (the scheduler's): one holder at a time, renewed before `until`; another process takes
-- the lease over once it lapses.
CREATE TABLE leases (
  name   TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  until  TEXT NOT NULL
);

-- A removed reaction or deleted message leaves its event key here, so a late redelivery of the add
-- is not counted. Pruned by retention together with the activities it could have matched.
CREATE TABLE activity_tombstones (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  event_id     TEXT NOT NULL,
  removed_at   TEXT NOT NULL,
  PRIMARY KEY (workspace_id, event_id)
);

-- Each job's last run per workspace is in job_ledger; /healthz reads it by this index.
CREATE INDEX job_ledger_at ON job_ledger (job, at);

-- Signed Slack requests already acted on (a hash of signature and timestamp), kept until Slack's own
-- five-minute window has passed, so a captured request replayed in that window is not acted on twice.
CREATE TABLE request_replays (
  key        TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
