//! Append-only schema history. Never edit a released migration: add one.

use rusqlite_migration::{Migrations, M};

const M1_INITIAL: &str = r#"
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
"#;

/// Every schema version in order; the database's `user_version` counts how
/// many of them it has applied.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(M1_INITIAL)])
}

/// How many migrations this build knows.
pub(crate) const LATEST: usize = 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn a_failing_migration_leaves_the_database_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = rusqlite::Connection::open(dir.path().join("m.sqlite3")).unwrap();
        migrations().to_latest(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO workshops (id, title, date, created_at, updated_at)
             VALUES ('w', 'Werkstatt', '2026-11-22', 'now', 'now')",
            [],
        )
        .unwrap();
        let broken = Migrations::new(vec![
            M::up(M1_INITIAL),
            M::up("ALTER TABLE workshops ADD COLUMN extra TEXT; THIS IS NOT SQL;"),
        ]);
        assert!(broken.to_latest(&mut conn).is_err());
        let version: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            version, LATEST,
            "the version must not move past a failed step"
        );
        let has_extra: bool = conn.prepare("SELECT extra FROM workshops").is_ok();
        assert!(
            !has_extra,
            "the half of the failed migration that ran must be rolled back"
        );
        let title: String = conn
            .query_row("SELECT title FROM workshops", [], |r| r.get(0))
            .unwrap();
        assert_eq!(title, "Werkstatt");
    }

    #[test]
    fn latest_matches_the_migration_list() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST, "LATEST must be bumped with every new migration");
    }
}
