-- The room speaks back: questions from the audience and quick polls, each
-- the activity of an agenda item.
--
-- The kinds of activity become rows of a table, so that the next kind is an
-- INSERT and not another rebuild of agenda_items (a CHECK cannot be altered).
CREATE TABLE activity_kinds (kind TEXT PRIMARY KEY NOT NULL) STRICT, WITHOUT ROWID;
INSERT INTO activity_kinds (kind) VALUES
    ('listen'), ('cards'), ('board_vote'), ('challenge_vote'), ('actors'), ('challenges'),
    ('questions'), ('poll');

CREATE TABLE agenda_items_new (
    id                TEXT PRIMARY KEY NOT NULL,
    workshop_id       TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    start_time        TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes >= 0),
    title             TEXT NOT NULL,
    who               TEXT NOT NULL DEFAULT '',
    activity          TEXT NOT NULL DEFAULT 'listen' REFERENCES activity_kinds(kind),
    board_id          TEXT REFERENCES boards(id) ON DELETE SET NULL,
    field_id          TEXT REFERENCES fields(id) ON DELETE SET NULL,
    actor_map_id      TEXT REFERENCES actor_maps(id) ON DELETE SET NULL,
    challenge_list_id TEXT REFERENCES challenge_lists(id) ON DELETE SET NULL,
    started_at        TEXT,
    ran_seconds       INTEGER NOT NULL DEFAULT 0 CHECK (ran_seconds >= 0),
    running_since     TEXT,
    -- What an activity without a workspace is set to (whether questions are
    -- checked first; the poll's question and answers), as the activity's JSON.
    settings          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    -- A closed poll takes no more answers; its result stays.
    poll_closed       INTEGER NOT NULL DEFAULT 0 CHECK (poll_closed IN (0, 1))
) STRICT;
INSERT INTO agenda_items_new (id, workshop_id, position, start_time, duration_minutes, title,
    who, activity, board_id, field_id, actor_map_id, challenge_list_id, started_at,
    ran_seconds, running_since)
SELECT id, workshop_id, position, start_time, duration_minutes, title, who, activity,
    board_id, field_id, actor_map_id, challenge_list_id, started_at, ran_seconds, running_since
FROM agenda_items;
DROP TABLE agenda_items;
ALTER TABLE agenda_items_new RENAME TO agenda_items;
CREATE INDEX agenda_items_workshop ON agenda_items(workshop_id, position);
CREATE UNIQUE INDEX agenda_items_one_running ON agenda_items(workshop_id)
    WHERE running_since IS NOT NULL;
CREATE INDEX agenda_items_board ON agenda_items(board_id);
CREATE INDEX agenda_items_field ON agenda_items(field_id);
CREATE INDEX agenda_items_actor_map ON agenda_items(actor_map_id);
CREATE INDEX agenda_items_challenge_list ON agenda_items(challenge_list_id);
CREATE INDEX agenda_items_activity ON agenda_items(activity);

-- A question belongs to its item. Its asker is the hash of a phone's token
-- (as a card's author), its name the first name in a named session.
CREATE TABLE questions (
    id          TEXT PRIMARY KEY NOT NULL,
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    participant TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    asked_at    TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('waiting', 'open', 'current', 'answered', 'hidden')),
    -- Merged into another question that asks the same: listed under it.
    merged_into TEXT REFERENCES questions(id) ON DELETE CASCADE,
    UNIQUE (item_id, seq)
) STRICT;
CREATE INDEX questions_participant ON questions(item_id, participant);
CREATE INDEX questions_merged ON questions(merged_into);
CREATE UNIQUE INDEX questions_one_current ON questions(item_id) WHERE state = 'current';

-- Each participant backs a question once.
CREATE TABLE question_backings (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    PRIMARY KEY (question_id, participant)
) STRICT, WITHOUT ROWID;

-- One answer per participant and poll; the laptop shows only the counts.
CREATE TABLE poll_answers (
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    answer      INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 10),
    PRIMARY KEY (item_id, participant)
) STRICT, WITHOUT ROWID;
