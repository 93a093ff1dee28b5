-- 1 when the member chose their language with `language ja|en`: a directory sync then leaves it alone.
ALTER TABLE members ADD COLUMN locale_chosen INTEGER NOT NULL DEFAULT 0 CHECK (locale_chosen IN (0, 1));
