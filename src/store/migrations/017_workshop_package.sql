-- The workshop package: goals of the day, the facilitator's script per item
-- (never on the projector or the phones), the work assignment of a group
-- work, who took part by actor group, and templates of a workshop's set-up.

-- A short list each, as JSON arrays of text.
ALTER TABLE workshops ADD COLUMN goals TEXT NOT NULL DEFAULT '[]';
-- The actor groups a phone may choose when joining; none asks nothing.
ALTER TABLE workshops ADD COLUMN actor_groups TEXT NOT NULL DEFAULT '[]';

ALTER TABLE agenda_items ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_items ADD COLUMN assignment TEXT NOT NULL DEFAULT '';

-- Who took part, never by name: a phone's opaque id and the actor group it
-- chose (NULL: not asked yet, empty: rather not say). Kept when the join
-- session ends, for the protocol.
CREATE TABLE attendance (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    actor_group TEXT,
    PRIMARY KEY (workshop_id, participant)
) STRICT, WITHOUT ROWID;

-- The phones that contributed to an item (a card, a dot, a question, an
-- answer, a word, a rating, a photo).
CREATE TABLE item_attendance (
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    PRIMARY KEY (item_id, participant)
) STRICT, WITHOUT ROWID;

-- People without a phone, counted by hand per actor group.
CREATE TABLE attendance_by_hand (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    actor_group TEXT NOT NULL,
    people      INTEGER NOT NULL CHECK (people BETWEEN 0 AND 5000),
    PRIMARY KEY (workshop_id, actor_group)
) STRICT, WITHOUT ROWID;

-- A workshop's set-up saved to start the next one from: the template file's
-- JSON as it would be written.
CREATE TABLE templates (
    id       TEXT PRIMARY KEY NOT NULL,
    name     TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    body     TEXT NOT NULL
) STRICT;
