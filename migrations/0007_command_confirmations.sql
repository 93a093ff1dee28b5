-- Bulk commands (`prompt story 営業部`, `rollout advance`, `digest send`, …) first answer with a
-- preview; the command runs only when the same person confirms within ten minutes. One row per
-- preview: the command's id and its validated arguments (no message text), bound to the caller.
CREATE TABLE command_confirmations (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  command      TEXT NOT NULL,
  args         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX command_confirmations_member ON command_confirmations (member_id, created_at);
