-- After the workshop: what a challenge should change (impact), when to look
-- again, and what happened to it since, each step with its date.

ALTER TABLE challenges ADD COLUMN impact_goal TEXT NOT NULL DEFAULT '';
ALTER TABLE challenges ADD COLUMN impact_signal TEXT NOT NULL DEFAULT '';
ALTER TABLE challenges ADD COLUMN review_date TEXT;
-- Counts every change of the row, undo included, so a calendar that got an
-- earlier export takes a later one as newer (the ICS SEQUENCE).
ALTER TABLE challenges ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);

CREATE TABLE challenge_events (
    id           TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    -- The day it happened, as the person said (YYYY-MM-DD).
    happened_on  TEXT NOT NULL,
    -- The status it changed to, or NULL for a note alone.
    status       TEXT CHECK (status IS NULL OR status IN ('open', 'in_progress', 'done', 'dropped')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX challenge_events_challenge ON challenge_events(challenge_id, happened_on, created_at);

CREATE TRIGGER challenge_events_history_insert AFTER INSERT ON challenge_events
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM challenge_events WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER challenge_events_history_delete BEFORE DELETE ON challenge_events
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO challenge_events (id, challenge_id, happened_on, status, note, created_at) VALUES ('
        || quote(old.id) || ', ' || quote(old.challenge_id) || ', ' || quote(old.happened_on) || ', '
        || quote(old.status) || ', ' || quote(old.note) || ', ' || quote(old.created_at) || ')');
END;

-- The challenges' undo now restores the new columns too; the revision only
-- ever grows, also when a change is undone.
DROP TRIGGER challenges_history_update;
CREATE TRIGGER challenges_history_update AFTER UPDATE ON challenges
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'UPDATE challenges SET position = ' || quote(old.position) || ', title = ' || quote(old.title)
        || ', description = ' || quote(old.description) || ', dimensions = ' || quote(old.dimensions)
        || ', success_conditions = ' || quote(old.success_conditions)
        || ', resources = ' || quote(old.resources) || ', responsible = ' || quote(old.responsible)
        || ', next_step = ' || quote(old.next_step) || ', due_date = ' || quote(old.due_date)
        || ', status = ' || quote(old.status) || ', impact_goal = ' || quote(old.impact_goal)
        || ', impact_signal = ' || quote(old.impact_signal) || ', review_date = ' || quote(old.review_date)
        || ', revision = revision + 1 WHERE id = ' || quote(old.id));
END;
DROP TRIGGER challenges_history_delete;
CREATE TRIGGER challenges_history_delete BEFORE DELETE ON challenges
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO challenges (id, list_id, position, title, description, dimensions, success_conditions, resources, responsible, next_step, due_date, status, source_card_id, source_cluster_id, origin_dots, impact_goal, impact_signal, review_date, revision) VALUES ('
        || quote(old.id) || ', ' || quote(old.list_id) || ', ' || quote(old.position) || ', '
        || quote(old.title) || ', ' || quote(old.description) || ', ' || quote(old.dimensions) || ', '
        || quote(old.success_conditions) || ', ' || quote(old.resources) || ', '
        || quote(old.responsible) || ', ' || quote(old.next_step) || ', ' || quote(old.due_date) || ', '
        || quote(old.status) || ', ' || quote(old.source_card_id) || ', '
        || quote(old.source_cluster_id) || ', ' || quote(old.origin_dots) || ', '
        || quote(old.impact_goal) || ', ' || quote(old.impact_signal) || ', '
        || quote(old.review_date) || ', ' || quote(old.revision + 1) || ')');
END;
