-- The activity a submission recorded (`form:<key>`), so a rejected story can be taken back out of
-- the scores. Older rows have none.
ALTER TABLE submissions ADD COLUMN event_id TEXT;
