-- The agenda conducts the day. An item names what the room does (its
-- activity) and where (one workspace, or one question of a board); a
-- workspace deleted later leaves the item as a talk, never a dangling link.
ALTER TABLE agenda_items ADD COLUMN activity TEXT NOT NULL DEFAULT 'listen'
    CHECK (activity IN ('listen', 'cards', 'board_vote', 'challenge_vote', 'actors', 'challenges'));
ALTER TABLE agenda_items ADD COLUMN board_id TEXT REFERENCES boards(id) ON DELETE SET NULL;
ALTER TABLE agenda_items ADD COLUMN field_id TEXT REFERENCES fields(id) ON DELETE SET NULL;
ALTER TABLE agenda_items ADD COLUMN actor_map_id TEXT REFERENCES actor_maps(id) ON DELETE SET NULL;
ALTER TABLE agenda_items ADD COLUMN challenge_list_id TEXT REFERENCES challenge_lists(id) ON DELETE SET NULL;
-- What really happened: the first start, the time it ran in all (an item can
-- be reopened), and since when it runs now (NULL unless it is the running one).
ALTER TABLE agenda_items ADD COLUMN started_at TEXT;
ALTER TABLE agenda_items ADD COLUMN ran_seconds INTEGER NOT NULL DEFAULT 0 CHECK (ran_seconds >= 0);
ALTER TABLE agenda_items ADD COLUMN running_since TEXT;
CREATE UNIQUE INDEX agenda_items_one_running ON agenda_items(workshop_id)
    WHERE running_since IS NOT NULL;
CREATE INDEX agenda_items_board ON agenda_items(board_id);
CREATE INDEX agenda_items_field ON agenda_items(field_id);
CREATE INDEX agenda_items_actor_map ON agenda_items(actor_map_id);
CREATE INDEX agenda_items_challenge_list ON agenda_items(challenge_list_id);

-- The participants' session of a workshop's day, kept while the day runs so
-- that a restarted laptop serves the same QR code and the phones carry on.
-- Ending the session deletes the row, and the code with it.
CREATE TABLE join_sessions (
    workshop_id TEXT PRIMARY KEY NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    secret      TEXT NOT NULL,
    code        TEXT NOT NULL,
    named       INTEGER NOT NULL CHECK (named IN (0, 1)),
    cap         INTEGER NOT NULL CHECK (cap > 0),
    door_open   INTEGER NOT NULL CHECK (door_open IN (0, 1)),
    -- What phones do while no agenda item runs: the board joining was
    -- switched on from, or nothing.
    board_id    TEXT REFERENCES boards(id) ON DELETE SET NULL,
    -- Where it listened, to listen there again after a restart.
    address     TEXT NOT NULL,
    started_at  TEXT NOT NULL
) STRICT;
CREATE INDEX join_sessions_board ON join_sessions(board_id);

-- A participant is the hash of the token their phone keeps, never the token.
CREATE TABLE join_participants (
    workshop_id TEXT NOT NULL REFERENCES join_sessions(workshop_id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    joined_at   TEXT NOT NULL,
    PRIMARY KEY (workshop_id, id)
) STRICT, WITHOUT ROWID;

-- An actor proposed from a phone lands unplaced, in the tray beside the
-- grid, until the group places it.
ALTER TABLE actors ADD COLUMN placed INTEGER NOT NULL DEFAULT 1 CHECK (placed IN (0, 1));
DROP TRIGGER actors_history_update;
CREATE TRIGGER actors_history_update AFTER UPDATE ON actors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE actors SET sector_id = ' || quote(old.sector_id) || ', name = ' || quote(old.name)
        || ', role = ' || quote(old.role) || ', influence = ' || quote(old.influence)
        || ', interest = ' || quote(old.interest) || ', involvement = ' || quote(old.involvement)
        || ', contact = ' || quote(old.contact) || ', source_card_id = ' || quote(old.source_card_id)
        || ', placed = ' || quote(old.placed)
        || ' WHERE id = ' || quote(old.id));
END;
DROP TRIGGER actors_history_delete;
CREATE TRIGGER actors_history_delete BEFORE DELETE ON actors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO actors (id, map_id, sector_id, name, role, influence, interest, involvement, contact, source_card_id, placed) VALUES ('
        || quote(old.id) || ', ' || quote(old.map_id) || ', ' || quote(old.sector_id) || ', '
        || quote(old.name) || ', ' || quote(old.role) || ', ' || quote(old.influence) || ', '
        || quote(old.interest) || ', ' || quote(old.involvement) || ', ' || quote(old.contact) || ', '
        || quote(old.source_card_id) || ', ' || quote(old.placed) || ')');
END;
