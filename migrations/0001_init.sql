-- Hiroba schema, version 1. Times are ISO-8601 UTC instants ('2026-11-24T01:00:00.000Z');
-- `day` columns are local dates (YYYY-MM-DD) in the workspace's time zone.
-- No message text is stored anywhere except `submissions` (stories and ideas members hand over to be posted).

CREATE TABLE workspaces (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'memory')),
  external_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  -- JSON, validated by workspaceSettingsSchema: locale, timezone, calendar, purpose, rules,
  -- counted channels, digest channel, schedules, rollout phase and departments, moderation, privacy.
  settings    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (platform, external_id)
);

CREATE TABLE members (
  id             INTEGER PRIMARY KEY,
  workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  platform_id    TEXT,
  name           TEXT NOT NULL,
  email          TEXT COLLATE NOCASE,
  department     TEXT,
  location       TEXT,
  manager_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,
  is_executive   INTEGER NOT NULL DEFAULT 0 CHECK (is_executive IN (0, 1)),
  is_bot         INTEGER NOT NULL DEFAULT 0 CHECK (is_bot IN (0, 1)),
  role           TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'ops', 'admin')),
  opted_out      INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
  locale         TEXT CHECK (locale IS NULL OR locale IN ('ja', 'en')),
  is_pilot       INTEGER NOT NULL DEFAULT 0 CHECK (is_pilot IN (0, 1)),
  blocked_bot    INTEGER NOT NULL DEFAULT 0 CHECK (blocked_bot IN (0, 1)),
  reachable      INTEGER CHECK (reachable IS NULL OR reachable IN (0, 1)),
  joined_at      TEXT NOT NULL,
  deactivated_at TEXT
);
CREATE UNIQUE INDEX members_platform_id ON members (workspace_id, platform_id) WHERE platform_id IS NOT NULL;
CREATE UNIQUE INDEX members_email ON members (workspace_id, email) WHERE email IS NOT NULL;
CREATE INDEX members_manager ON members (manager_id);

CREATE TABLE activities (
  id               INTEGER PRIMARY KEY,
  workspace_id     INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  event_id         TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('post', 'reply', 'reaction', 'story', 'idea', 'prompt_answer')),
  member_id        INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  channel_id       TEXT NOT NULL,
  target_member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
  occurred_at      TEXT NOT NULL,
  day              TEXT NOT NULL,
  points           INTEGER NOT NULL CHECK (points >= 0),
  UNIQUE (workspace_id, event_id)
);
CREATE INDEX activities_time ON activities (workspace_id, occurred_at);
CREATE INDEX activities_member ON activities (member_id, occurred_at);

-- Kept in step with `activities` by the store on every insert and retraction.
CREATE TABLE daily_rollups (
  workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  member_id     INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  day           TEXT NOT NULL,
  points        INTEGER NOT NULL DEFAULT 0,
  contributions INTEGER NOT NULL DEFAULT 0,
  activities    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, member_id, day)
);
CREATE INDEX daily_rollups_day ON daily_rollups (workspace_id, day);

-- One row per job run and period: a second run for the same period does nothing.
CREATE TABLE job_ledger (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  job          TEXT NOT NULL,
  period       TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
  at           TEXT NOT NULL,
  detail       TEXT,
  PRIMARY KEY (workspace_id, job, period)
);

-- Every outgoing message, written before it is sent; keyed so a re-run never sends twice.
CREATE TABLE outbox (
  id                  INTEGER PRIMARY KEY,
  workspace_id        INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  job                 TEXT NOT NULL,
  period              TEXT NOT NULL,
  recipient_kind      TEXT NOT NULL CHECK (recipient_kind IN ('channel', 'member')),
  recipient_id        TEXT NOT NULL,
  message             TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  not_before          TEXT NOT NULL,
  last_error          TEXT,
  platform_message_id TEXT,
  created_at          TEXT NOT NULL,
  sent_at             TEXT,
  UNIQUE (workspace_id, job, period, recipient_kind, recipient_id)
);
CREATE INDEX outbox_due ON outbox (status, not_before, id);
CREATE INDEX outbox_recipient ON outbox (workspace_id, recipient_id, created_at);

CREATE TABLE nudge_states (
  member_id      INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  step           INTEGER NOT NULL DEFAULT 0 CHECK (step BETWEEN 0 AND 3),
  last_nudged_at TEXT,
  rest_until     TEXT
);

-- Stories and ideas handed over through a Hiroba form: the one place message text is kept.
CREATE TABLE submissions (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('story', 'idea', 'first_post')),
  fields       TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('posted', 'pending', 'approved', 'rejected')),
  created_at   TEXT NOT NULL,
  decided_by   INTEGER REFERENCES members(id) ON DELETE SET NULL,
  decided_at   TEXT
);
CREATE INDEX submissions_status ON submissions (workspace_id, status);

-- Opaque platform conversation references (Teams proactive messaging).
CREATE TABLE conversation_refs (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key          TEXT NOT NULL,
  reference    TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (workspace_id, key)
);
