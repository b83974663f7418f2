-- Cards written on a participant's phone remember who wrote them: the
-- participant's token from the join session (never an IP address). Cards
-- typed at the laptop keep the empty string.
ALTER TABLE cards ADD COLUMN participant TEXT NOT NULL DEFAULT '';

-- Undo of a deleted card must bring its participant back with it.
DROP TRIGGER cards_history_delete;
CREATE TRIGGER cards_history_delete BEFORE DELETE ON cards
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO cards (id, field_id, cluster_id, position, text, color, author, hidden, created_at, participant) VALUES ('
        || quote(old.id) || ', ' || quote(old.field_id) || ', ' || quote(old.cluster_id) || ', '
        || quote(old.position) || ', ' || quote(old.text) || ', ' || quote(old.color) || ', '
        || quote(old.author) || ', ' || quote(old.hidden) || ', ' || quote(old.created_at) || ', '
        || quote(old.participant) || ')');
END;
