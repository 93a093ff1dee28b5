-- When a row failed for good (markFailed), kept apart from sent_at so "sent_at IS NOT NULL" keeps
-- meaning "was delivered".
ALTER TABLE outbox ADD COLUMN failed_at TEXT;
