-- Actor maps and challenge lists become full workspaces: undoable like
-- boards, challenges can be voted on and remember what they were made from.
-- Runs with foreign_keys OFF (see Store::open) and ends with a foreign key check.

-- History belongs to a scope: a board, an actor map or a challenge list.
CREATE TABLE history_steps_new (
    id         INTEGER PRIMARY KEY,
    scope_id   TEXT NOT NULL,
    label      TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('done', 'undone')),
    created_at TEXT NOT NULL
) STRICT;
INSERT INTO history_steps_new (id, scope_id, label, state, created_at)
    SELECT id, board_id, label, state, created_at FROM history_steps;
DROP TABLE history_steps;
ALTER TABLE history_steps_new RENAME TO history_steps;
CREATE INDEX history_steps_scope ON history_steps(scope_id, state, id);

-- Without a foreign key to three tables, the scopes clean up after themselves.
CREATE TRIGGER boards_forget_history AFTER DELETE ON boards
BEGIN
    DELETE FROM history_steps WHERE scope_id = old.id;
END;
CREATE TRIGGER actor_maps_forget_history AFTER DELETE ON actor_maps
BEGIN
    DELETE FROM history_steps WHERE scope_id = old.id;
END;
CREATE TRIGGER challenge_lists_forget_history AFTER DELETE ON challenge_lists
BEGIN
    DELETE FROM history_steps WHERE scope_id = old.id;
END;

ALTER TABLE challenge_lists ADD COLUMN dots_per_participant INTEGER NOT NULL DEFAULT 3
    CHECK (dots_per_participant BETWEEN 1 AND 20);
ALTER TABLE challenge_lists ADD COLUMN vote_open INTEGER NOT NULL DEFAULT 0 CHECK (vote_open IN (0, 1));

ALTER TABLE challenges ADD COLUMN source_cluster_id TEXT REFERENCES clusters(id) ON DELETE SET NULL;
-- The dots the card or cluster had on its board when it became a challenge.
ALTER TABLE challenges ADD COLUMN origin_dots INTEGER NOT NULL DEFAULT 0 CHECK (origin_dots >= 0);
CREATE INDEX challenges_source_cluster ON challenges(source_cluster_id);

CREATE TABLE challenge_votes (
    id           TEXT PRIMARY KEY NOT NULL,
    challenge_id TEXT NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    participant  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX challenge_votes_challenge ON challenge_votes(challenge_id);

-- Undo records for the new workspaces, as for the boards in migration 002.
CREATE TRIGGER actor_maps_history_update AFTER UPDATE OF title ON actor_maps
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE actor_maps SET title = ' || quote(old.title) || ' WHERE id = ' || quote(old.id));
END;

CREATE TRIGGER sectors_history_insert AFTER INSERT ON sectors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM sectors WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER sectors_history_update AFTER UPDATE ON sectors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE sectors SET position = ' || quote(old.position) || ', name = ' || quote(old.name)
        || ' WHERE id = ' || quote(old.id));
END;
CREATE TRIGGER sectors_history_delete BEFORE DELETE ON sectors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO sectors (id, map_id, position, name) VALUES (' || quote(old.id) || ', '
        || quote(old.map_id) || ', ' || quote(old.position) || ', ' || quote(old.name) || ')');
END;

CREATE TRIGGER actors_history_insert AFTER INSERT ON actors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM actors WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER actors_history_update AFTER UPDATE ON actors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE actors SET sector_id = ' || quote(old.sector_id) || ', name = ' || quote(old.name)
        || ', role = ' || quote(old.role) || ', influence = ' || quote(old.influence)
        || ', interest = ' || quote(old.interest) || ', involvement = ' || quote(old.involvement)
        || ', contact = ' || quote(old.contact) || ', source_card_id = ' || quote(old.source_card_id)
        || ' WHERE id = ' || quote(old.id));
END;
CREATE TRIGGER actors_history_delete BEFORE DELETE ON actors
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO actors (id, map_id, sector_id, name, role, influence, interest, involvement, contact, source_card_id) VALUES ('
        || quote(old.id) || ', ' || quote(old.map_id) || ', ' || quote(old.sector_id) || ', '
        || quote(old.name) || ', ' || quote(old.role) || ', ' || quote(old.influence) || ', '
        || quote(old.interest) || ', ' || quote(old.involvement) || ', ' || quote(old.contact) || ', '
        || quote(old.source_card_id) || ')');
END;

CREATE TRIGGER challenge_lists_history_update
AFTER UPDATE OF title, dots_per_participant, vote_open ON challenge_lists
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE challenge_lists SET title = ' || quote(old.title)
        || ', dots_per_participant = ' || quote(old.dots_per_participant)
        || ', vote_open = ' || quote(old.vote_open) || ' WHERE id = ' || quote(old.id));
END;

CREATE TRIGGER challenges_history_insert AFTER INSERT ON challenges
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM challenges WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER challenges_history_update AFTER UPDATE ON challenges
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE challenges SET position = ' || quote(old.position) || ', title = ' || quote(old.title)
        || ', description = ' || quote(old.description) || ', dimensions = ' || quote(old.dimensions)
        || ', success_conditions = ' || quote(old.success_conditions)
        || ', resources = ' || quote(old.resources) || ', responsible = ' || quote(old.responsible)
        || ', next_step = ' || quote(old.next_step) || ', due_date = ' || quote(old.due_date)
        || ', status = ' || quote(old.status) || ' WHERE id = ' || quote(old.id));
END;
CREATE TRIGGER challenges_history_delete BEFORE DELETE ON challenges
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO challenges (id, list_id, position, title, description, dimensions, success_conditions, resources, responsible, next_step, due_date, status, source_card_id, source_cluster_id, origin_dots) VALUES ('
        || quote(old.id) || ', ' || quote(old.list_id) || ', ' || quote(old.position) || ', '
        || quote(old.title) || ', ' || quote(old.description) || ', ' || quote(old.dimensions) || ', '
        || quote(old.success_conditions) || ', ' || quote(old.resources) || ', '
        || quote(old.responsible) || ', ' || quote(old.next_step) || ', ' || quote(old.due_date) || ', '
        || quote(old.status) || ', ' || quote(old.source_card_id) || ', '
        || quote(old.source_cluster_id) || ', ' || quote(old.origin_dots) || ')');
END;

CREATE TRIGGER challenge_votes_history_insert AFTER INSERT ON challenge_votes
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM challenge_votes WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER challenge_votes_history_delete BEFORE DELETE ON challenge_votes
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO challenge_votes (id, challenge_id, participant, created_at) VALUES ('
        || quote(old.id) || ', ' || quote(old.challenge_id) || ', ' || quote(old.participant) || ', '
        || quote(old.created_at) || ')');
END;
