-- Photos of the paper walls. The rows live here; the pixels live in
-- content-addressed files beside the store (store/photo_files.rs), so undo,
-- backups and row copies never carry megabytes.
CREATE TABLE photos (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    item_id     TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    caption     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    bytes       INTEGER NOT NULL,
    -- The phone that sent it (its participant id), NULL from the laptop.
    participant TEXT,
    -- Set while a deletion can still be undone; gone for good at the next start.
    deleted_at  TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX photos_workshop ON photos(workshop_id, position);
CREATE INDEX photos_item ON photos(item_id);
CREATE INDEX photos_sha ON photos(sha256);
