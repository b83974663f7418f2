-- What this laptop shares with its team and what it took from the others
-- (src/store/team_sync.rs). Nothing here is shown as such: it is the
-- bookkeeping that lets every laptop apply the same change files once and
-- end in the same follow-up list.

-- One row: whether the store is applying another laptop's changes right now
-- (set and cleared inside that transaction, so never seen outside it), the
-- clock's last stamp, and the number of this laptop's next change file.
CREATE TABLE team_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    applying      INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    clock_wall_ms INTEGER NOT NULL DEFAULT 0,
    clock_counter INTEGER NOT NULL DEFAULT 0,
    next_sequence INTEGER NOT NULL DEFAULT 1 CHECK (next_sequence >= 1),
    last_success  TEXT,
    last_error    TEXT
) STRICT;
INSERT INTO team_state (id) VALUES (1);

-- Follow-up changed here since the last change file: the latest value per
-- field, with the moment it was typed (the stamp is made from it when the
-- change is packed, before anything of the others is applied).
CREATE TABLE team_outbox_fields (
    challenge_id TEXT NOT NULL,
    field        TEXT NOT NULL,
    value        TEXT,
    changed_ms   INTEGER NOT NULL,
    PRIMARY KEY (challenge_id, field)
) STRICT;

-- Steps of a challenge's history added or removed here since the last file.
CREATE TABLE team_outbox_events (
    seq          INTEGER PRIMARY KEY,
    challenge_id TEXT NOT NULL,
    happened_on  TEXT NOT NULL,
    status       TEXT,
    note         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    gone         INTEGER NOT NULL CHECK (gone IN (0, 1))
) STRICT;

-- Workshops of this laptop deleted here since the last file.
CREATE TABLE team_outbox_gone (
    workshop_id TEXT PRIMARY KEY,
    changed_ms  INTEGER NOT NULL
) STRICT;

-- This laptop's change files made but not yet on the server, in order,
-- with the photos (by content) their workshops name, added before them.
CREATE TABLE team_pending (
    sequence INTEGER PRIMARY KEY,
    bytes    BLOB NOT NULL,
    ops      INTEGER NOT NULL,
    photos   TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- Photos known to be in the team folder (`blobs/<sha256>.jpg`): each goes
-- up once.
CREATE TABLE team_blobs (
    sha256 TEXT PRIMARY KEY
) STRICT;

-- The files in the team folder that carry a version of one of this
-- laptop's workshops (change files, photos): named when it is deleted, so
-- that whoever keeps the folder can remove them there too.
CREATE TABLE team_carried (
    workshop_id TEXT NOT NULL,
    file        TEXT NOT NULL,
    PRIMARY KEY (workshop_id, file)
) STRICT;

-- The version of each of this laptop's workshops last packed.
CREATE TABLE team_sent (
    workshop_id TEXT PRIMARY KEY,
    updated_at  TEXT NOT NULL
) STRICT;

-- The other laptops: their name in the team, and their last change file
-- applied here (applied in the same transaction as the file's changes).
CREATE TABLE team_devices (
    device        TEXT PRIMARY KEY,
    label         TEXT NOT NULL,
    last_sequence INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Change files that were refused (damaged, or breaking a rule): named in
-- the status, skipped so that the laptop's later files still arrive.
CREATE TABLE team_refused (
    device   TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (device, sequence)
) STRICT;

-- The workshops of other laptops held here, read-only: by the id they have
-- on every laptop, with the stamp of the version held; `deleted` keeps a
-- workshop deleted on its laptop from coming back with an older file.
CREATE TABLE team_workshops (
    workshop_id TEXT PRIMARY KEY,
    device      TEXT NOT NULL,
    label       TEXT NOT NULL,
    stamp       TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- A challenge of another laptop's workshop: its id there (which the team's
-- changes name) and its id here.
CREATE TABLE team_challenges (
    origin_id   TEXT PRIMARY KEY,
    local_id    TEXT NOT NULL UNIQUE,
    workshop_id TEXT NOT NULL
) STRICT;

-- The team's last word on each follow-up field: value, stamp of the change,
-- and the stamp of the value it replaced (to tell a later change from a
-- concurrent one). Kept also for a challenge not (yet) here.
CREATE TABLE team_fields (
    challenge_id TEXT NOT NULL,
    field        TEXT NOT NULL,
    value        TEXT,
    stamp        TEXT NOT NULL,
    base         TEXT NOT NULL,
    PRIMARY KEY (challenge_id, field)
) STRICT;

-- History steps the team added to challenges of other laptops' workshops
-- (also those not yet here), put back whenever a newer version of the
-- workshop arrives; `gone` marks a step removed.
CREATE TABLE team_events (
    challenge_id TEXT NOT NULL,
    happened_on  TEXT NOT NULL,
    status       TEXT,
    note         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    gone         INTEGER NOT NULL DEFAULT 0 CHECK (gone IN (0, 1)),
    PRIMARY KEY (challenge_id, created_at, happened_on, note)
) STRICT;

-- What the user changes is recorded for the next change file; what the
-- store applies from the others is not (`applying`), and nothing is
-- recorded while no team folder is set.
CREATE TRIGGER team_outbox_challenge AFTER UPDATE ON challenges
WHEN (SELECT applying FROM team_state) = 0 AND EXISTS (SELECT 1 FROM team_settings)
BEGIN
    INSERT INTO team_outbox_fields (challenge_id, field, value, changed_ms)
        SELECT new.id, f, v, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM (
            SELECT 'status' AS f, new.status AS v WHERE old.status IS NOT new.status
            UNION ALL SELECT 'responsible', new.responsible WHERE old.responsible IS NOT new.responsible
            UNION ALL SELECT 'next_step', new.next_step WHERE old.next_step IS NOT new.next_step
            UNION ALL SELECT 'due_date', new.due_date WHERE old.due_date IS NOT new.due_date
            UNION ALL SELECT 'review_date', new.review_date WHERE old.review_date IS NOT new.review_date
            UNION ALL SELECT 'impact_goal', new.impact_goal WHERE old.impact_goal IS NOT new.impact_goal
            UNION ALL SELECT 'impact_signal', new.impact_signal WHERE old.impact_signal IS NOT new.impact_signal
        ) WHERE true
        ON CONFLICT (challenge_id, field) DO UPDATE SET value = excluded.value, changed_ms = excluded.changed_ms;
END;

CREATE TRIGGER team_outbox_event_added AFTER INSERT ON challenge_events
WHEN (SELECT applying FROM team_state) = 0 AND EXISTS (SELECT 1 FROM team_settings)
BEGIN
    INSERT INTO team_outbox_events (challenge_id, happened_on, status, note, created_at, gone)
        VALUES (new.challenge_id, new.happened_on, new.status, new.note, new.created_at, 0);
END;

CREATE TRIGGER team_outbox_event_removed AFTER DELETE ON challenge_events
WHEN (SELECT applying FROM team_state) = 0 AND EXISTS (SELECT 1 FROM team_settings)
BEGIN
    INSERT INTO team_outbox_events (challenge_id, happened_on, status, note, created_at, gone)
        VALUES (old.challenge_id, old.happened_on, old.status, old.note, old.created_at, 1);
END;

CREATE TRIGGER team_outbox_workshop_deleted AFTER DELETE ON workshops
WHEN (SELECT applying FROM team_state) = 0 AND EXISTS (SELECT 1 FROM team_settings)
    AND NOT EXISTS (SELECT 1 FROM team_workshops WHERE workshop_id = old.id)
BEGIN
    INSERT OR REPLACE INTO team_outbox_gone (workshop_id, changed_ms)
        VALUES (old.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;

-- How the team calls this laptop ("Laptop Anna"): several laptops often
-- share one account of the server; empty means the account's user name.
ALTER TABLE team_settings ADD COLUMN name TEXT NOT NULL DEFAULT '';
