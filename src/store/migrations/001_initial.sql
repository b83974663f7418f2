CREATE TABLE workshops (
    id                TEXT PRIMARY KEY NOT NULL,
    title             TEXT NOT NULL,
    date              TEXT NOT NULL,
    place             TEXT NOT NULL DEFAULT '',
    facilitators      TEXT NOT NULL DEFAULT '[]',
    participant_count INTEGER NOT NULL DEFAULT 0 CHECK (participant_count >= 0),
    language          TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE agenda_items (
    id               TEXT PRIMARY KEY NOT NULL,
    workshop_id      TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    start_time       TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes >= 0),
    title            TEXT NOT NULL,
    who              TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX agenda_items_workshop ON agenda_items(workshop_id, position);

CREATE TABLE boards (
    id                   TEXT PRIMARY KEY NOT NULL,
    workshop_id          TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    title                TEXT NOT NULL,
    dots_per_participant INTEGER NOT NULL DEFAULT 3 CHECK (dots_per_participant > 0),
    vote_open            INTEGER NOT NULL DEFAULT 0 CHECK (vote_open IN (0, 1)),
    created_at           TEXT NOT NULL
) STRICT;
CREATE INDEX boards_workshop ON boards(workshop_id, position);

CREATE TABLE fields (
    id                TEXT PRIMARY KEY NOT NULL,
    board_id          TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    question          TEXT NOT NULL,
    hidden_collection INTEGER NOT NULL DEFAULT 0 CHECK (hidden_collection IN (0, 1))
) STRICT;
CREATE INDEX fields_board ON fields(board_id, position);

CREATE TABLE clusters (
    id       TEXT PRIMARY KEY NOT NULL,
    field_id TEXT NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading  TEXT NOT NULL
) STRICT;
CREATE INDEX clusters_field ON clusters(field_id, position);

CREATE TABLE cards (
    id         TEXT PRIMARY KEY NOT NULL,
    field_id   TEXT NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
    cluster_id TEXT REFERENCES clusters(id) ON DELETE SET NULL,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    color      TEXT NOT NULL DEFAULT 'yellow'
               CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'orange', 'white')),
    author     TEXT NOT NULL DEFAULT '',
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX cards_field ON cards(field_id, position);
CREATE INDEX cards_cluster ON cards(cluster_id);

CREATE TABLE votes (
    id          TEXT PRIMARY KEY NOT NULL,
    board_id    TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    card_id     TEXT REFERENCES cards(id) ON DELETE CASCADE,
    cluster_id  TEXT REFERENCES clusters(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK ((card_id IS NULL) <> (cluster_id IS NULL))
) STRICT;
CREATE INDEX votes_board ON votes(board_id, participant);
CREATE INDEX votes_card ON votes(card_id);
CREATE INDEX votes_cluster ON votes(cluster_id);

CREATE TABLE actor_maps (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title       TEXT NOT NULL
) STRICT;
CREATE INDEX actor_maps_workshop ON actor_maps(workshop_id);

CREATE TABLE sectors (
    id       TEXT PRIMARY KEY NOT NULL,
    map_id   TEXT NOT NULL REFERENCES actor_maps(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL
) STRICT;
CREATE INDEX sectors_map ON sectors(map_id, position);

CREATE TABLE actors (
    id             TEXT PRIMARY KEY NOT NULL,
    map_id         TEXT NOT NULL REFERENCES actor_maps(id) ON DELETE CASCADE,
    sector_id      TEXT NOT NULL REFERENCES sectors(id) ON DELETE RESTRICT,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    influence      INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
    interest       INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
    involvement    TEXT NOT NULL DEFAULT 'inform'
                   CHECK (involvement IN ('inform', 'consult', 'involve', 'collaborate', 'empower')),
    contact        TEXT NOT NULL DEFAULT '',
    source_card_id TEXT REFERENCES cards(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX actors_map ON actors(map_id);
CREATE INDEX actors_sector ON actors(sector_id);
CREATE INDEX actors_source_card ON actors(source_card_id);

CREATE TABLE challenge_lists (
    id          TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title       TEXT NOT NULL
) STRICT;
CREATE INDEX challenge_lists_workshop ON challenge_lists(workshop_id);

CREATE TABLE challenges (
    id                 TEXT PRIMARY KEY NOT NULL,
    list_id            TEXT NOT NULL REFERENCES challenge_lists(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    dimensions         TEXT NOT NULL DEFAULT '[]',
    success_conditions TEXT NOT NULL DEFAULT '',
    resources          TEXT NOT NULL DEFAULT '',
    responsible        TEXT NOT NULL DEFAULT '',
    next_step          TEXT NOT NULL DEFAULT '',
    due_date           TEXT,
    status             TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    source_card_id     TEXT REFERENCES cards(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX challenges_list ON challenges(list_id, position);
CREATE INDEX challenges_source_card ON challenges(source_card_id);
