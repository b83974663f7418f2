-- "Ein Wort zu …": a word cloud as an agenda item's activity.
INSERT INTO activity_kinds (kind) VALUES ('word_cloud');

-- Each phone's words for a cloud, in the order it typed them; the cloud
-- counts them, so what was sent is kept as it was sent.
CREATE TABLE cloud_words (
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    word        TEXT NOT NULL,
    -- Arrival order within the item: the cloud places words by it.
    seq         INTEGER NOT NULL,
    PRIMARY KEY (item_id, participant, position)
) STRICT, WITHOUT ROWID;

-- Words the facilitator took off the cloud, by the word as counted (its
-- lower-case spelling), so every spelling of it goes.
CREATE TABLE cloud_hidden (
    item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    PRIMARY KEY (item_id, key)
) STRICT, WITHOUT ROWID;

-- A cloud collected face down shows once revealed.
ALTER TABLE agenda_items ADD COLUMN cloud_revealed INTEGER NOT NULL DEFAULT 0
    CHECK (cloud_revealed IN (0, 1));
