-- Undo and redo for board actions, after the technique of sqlite.org/undoredo:
-- while a step is recorded, triggers write the SQL that reverses each change.
-- Replaying a step's statements backwards reverses it and, through the same
-- triggers, records the statements that reverse the reversal (redo).

CREATE TABLE history_steps (
    id         INTEGER PRIMARY KEY,
    board_id   TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('done', 'undone')),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX history_steps_board ON history_steps(board_id, state, id);

CREATE TABLE history_ops (
    seq     INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES history_steps(id) ON DELETE CASCADE,
    sql     TEXT NOT NULL
) STRICT;
CREATE INDEX history_ops_step ON history_ops(step_id, seq);

-- The step being recorded; NULL outside a recorded action. Set and cleared
-- inside one transaction, so no other reader ever sees it set.
CREATE TABLE history_cursor (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    step_id INTEGER
) STRICT;
INSERT INTO history_cursor (id, step_id) VALUES (1, NULL);

-- Boards: only what a facilitator changes on the board itself is undoable.
CREATE TRIGGER boards_history_update AFTER UPDATE OF title, dots_per_participant, vote_open ON boards
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE boards SET title = ' || quote(old.title)
        || ', dots_per_participant = ' || quote(old.dots_per_participant)
        || ', vote_open = ' || quote(old.vote_open)
        || ' WHERE id = ' || quote(old.id));
END;

CREATE TRIGGER fields_history_insert AFTER INSERT ON fields
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM fields WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER fields_history_update AFTER UPDATE ON fields
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE fields SET board_id = ' || quote(old.board_id)
        || ', position = ' || quote(old.position)
        || ', question = ' || quote(old.question)
        || ', hidden_collection = ' || quote(old.hidden_collection)
        || ' WHERE id = ' || quote(old.id));
END;
CREATE TRIGGER fields_history_delete BEFORE DELETE ON fields
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO fields (id, board_id, position, question, hidden_collection) VALUES ('
        || quote(old.id) || ', ' || quote(old.board_id) || ', ' || quote(old.position) || ', '
        || quote(old.question) || ', ' || quote(old.hidden_collection) || ')');
END;

CREATE TRIGGER clusters_history_insert AFTER INSERT ON clusters
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM clusters WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER clusters_history_update AFTER UPDATE ON clusters
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE clusters SET field_id = ' || quote(old.field_id)
        || ', position = ' || quote(old.position)
        || ', heading = ' || quote(old.heading)
        || ' WHERE id = ' || quote(old.id));
END;
CREATE TRIGGER clusters_history_delete BEFORE DELETE ON clusters
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO clusters (id, field_id, position, heading) VALUES ('
        || quote(old.id) || ', ' || quote(old.field_id) || ', ' || quote(old.position) || ', '
        || quote(old.heading) || ')');
END;

CREATE TRIGGER cards_history_insert AFTER INSERT ON cards
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM cards WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER cards_history_update AFTER UPDATE ON cards
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE cards SET field_id = ' || quote(old.field_id)
        || ', cluster_id = ' || quote(old.cluster_id)
        || ', position = ' || quote(old.position)
        || ', text = ' || quote(old.text)
        || ', color = ' || quote(old.color)
        || ', author = ' || quote(old.author)
        || ', hidden = ' || quote(old.hidden)
        || ' WHERE id = ' || quote(old.id));
END;
CREATE TRIGGER cards_history_delete BEFORE DELETE ON cards
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO cards (id, field_id, cluster_id, position, text, color, author, hidden, created_at) VALUES ('
        || quote(old.id) || ', ' || quote(old.field_id) || ', ' || quote(old.cluster_id) || ', '
        || quote(old.position) || ', ' || quote(old.text) || ', ' || quote(old.color) || ', '
        || quote(old.author) || ', ' || quote(old.hidden) || ', ' || quote(old.created_at) || ')');
END;

CREATE TRIGGER votes_history_insert AFTER INSERT ON votes
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM votes WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER votes_history_delete BEFORE DELETE ON votes
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO votes (id, board_id, card_id, cluster_id, participant, created_at) VALUES ('
        || quote(old.id) || ', ' || quote(old.board_id) || ', ' || quote(old.card_id) || ', '
        || quote(old.cluster_id) || ', ' || quote(old.participant) || ', ' || quote(old.created_at) || ')');
END;

-- The countdown of the current step. Remaining time is derived: the duration,
-- less what ran before the last pause, less the time since it was started.
ALTER TABLE boards ADD COLUMN timer_seconds INTEGER NOT NULL DEFAULT 600 CHECK (timer_seconds > 0);
ALTER TABLE boards ADD COLUMN timer_started_at TEXT;
ALTER TABLE boards ADD COLUMN timer_elapsed_ms INTEGER NOT NULL DEFAULT 0 CHECK (timer_elapsed_ms >= 0);
