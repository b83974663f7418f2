-- Two activities of the day: "Ein Wort zu …" as a word cloud, and rating a
-- challenge list by impact and effort (the 2×2 matrix).
INSERT INTO activity_kinds (kind) VALUES ('word_cloud'), ('impact_effort');

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

-- Each phone's place for a challenge on the two scales; either may still
-- be open. A challenge keeps its ratings whichever item asked for them.
CREATE TABLE challenge_ratings (
    challenge_id TEXT NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,
    participant  TEXT NOT NULL,
    impact       INTEGER CHECK (impact BETWEEN 1 AND 5),
    effort       INTEGER CHECK (effort BETWEEN 1 AND 5),
    PRIMARY KEY (challenge_id, participant)
) STRICT, WITHOUT ROWID;

-- A cloud or a matrix collected face down shows once revealed.
ALTER TABLE agenda_items ADD COLUMN results_revealed INTEGER NOT NULL DEFAULT 0
    CHECK (results_revealed IN (0, 1));
