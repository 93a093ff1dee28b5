-- The post a reply answers, as that post's own event id (`msg:<channel>:<message id>` from both
-- adapters), so the digest can find the week's posts that drew replies from other departments. Only
-- the reference is stored, never the text. Null for everything but replies, and for replies recorded
-- before this column existed. The digest reads a week's replies through the time index and finds
-- each parent by its unique event id, so no further index is needed.
ALTER TABLE activities ADD COLUMN parent_event_id TEXT;
