-- Phones may send photos of the paper walls only while the facilitator
-- allows it; kept with the session, so a restarted laptop keeps the choice.
ALTER TABLE join_sessions ADD COLUMN photos_open INTEGER NOT NULL DEFAULT 0 CHECK (photos_open IN (0, 1));
