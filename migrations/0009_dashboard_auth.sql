-- Dashboard sign-in (issue 13). Only SHA-256 hashes of the secrets are stored: a copy of the database
-- cannot be used to sign in. A login link is single use (`used_at`) and short-lived; a session has a
-- fixed lifetime and ends early on logout (the row is deleted).
CREATE TABLE dashboard_login_tokens (
  token_hash   TEXT PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT
);
CREATE INDEX dashboard_login_tokens_expiry ON dashboard_login_tokens (expires_at);

CREATE TABLE dashboard_sessions (
  session_hash TEXT PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);
