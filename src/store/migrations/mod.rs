//! Append-only schema history. Never edit a released migration: add one.

use rusqlite_migration::{Migrations, M};

const M1_INITIAL: &str = include_str!("001_initial.sql");
const M2_HISTORY_VOTING_TIMER: &str = include_str!("002_history_voting_timer.sql");
const M3_WORKSPACES: &str = include_str!("003_workspaces.sql");
const M4_ACTOR_RELATIONS: &str = include_str!("004_actor_relations.sql");
const M5_CARD_PARTICIPANT: &str = include_str!("005_card_participant.sql");
const M6_AGENDA_RUNS: &str = include_str!("006_agenda_runs.sql");
const M7_AUDIENCE: &str = include_str!("007_audience.sql");
const M8_GROUPS: &str = include_str!("008_groups.sql");
const M9_PHOTOS: &str = include_str!("009_photos.sql");
const M10_PHONE_PHOTOS: &str = include_str!("010_phone_photos.sql");
const M11_PHOTO_WORKSPACES: &str = include_str!("011_photo_workspaces.sql");
const M12_FOLLOW_UP: &str = include_str!("012_follow_up.sql");
const M13_PHOTO_ROUND: &str = include_str!("013_photo_round.sql");
const M14_TEAM: &str = include_str!("014_team.sql");
const M15_TEAM_SYNC: &str = include_str!("015_team_sync.sql");
const M16_WORD_CLOUD_AND_MATRIX: &str = include_str!("016_word_cloud_and_matrix.sql");
const M17_WORKSHOP_PACKAGE: &str = include_str!("017_workshop_package.sql");

/// Every schema version in order; the database's `user_version` counts how
/// many of them it has applied.
const ALL: [&str; LATEST] = [
    M1_INITIAL,
    M2_HISTORY_VOTING_TIMER,
    M3_WORKSPACES,
    M4_ACTOR_RELATIONS,
    M5_CARD_PARTICIPANT,
    M6_AGENDA_RUNS,
    M7_AUDIENCE,
    M8_GROUPS,
    M9_PHOTOS,
    M10_PHONE_PHOTOS,
    M11_PHOTO_WORKSPACES,
    M12_FOLLOW_UP,
    M13_PHOTO_ROUND,
    M14_TEAM,
    M15_TEAM_SYNC,
    M16_WORD_CLOUD_AND_MATRIX,
    M17_WORKSHOP_PACKAGE,
];

/// The migrations (by number) that rebuild a table (workspaces,
/// agenda_items), so they run with foreign keys off and check them after.
const REBUILDS: [usize; 2] = [3, 7];

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(
        ALL.iter()
            .enumerate()
            .map(|(i, sql)| {
                let m = M::up(sql);
                if REBUILDS.contains(&(i + 1)) {
                    m.foreign_key_check()
                } else {
                    m
                }
            })
            .collect(),
    )
}

/// Brings a database up to the latest schema. A migration that rebuilds a
/// table must not cascade deletes into the tables that point at it
/// (sqlite.org/lang_altertable.html), so foreign keys are off meanwhile; each
/// such migration checks them before it commits.
pub(crate) fn upgrade(conn: &mut rusqlite::Connection) -> Result<(), rusqlite_migration::Error> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated
}

/// How many migrations this build knows.
pub(crate) const LATEST: usize = 17;

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
        let broken = Migrations::new(
            ALL.iter()
                .map(|sql| M::up(sql))
                .chain([M::up(
                    "ALTER TABLE workshops ADD COLUMN extra TEXT; THIS IS NOT SQL;",
                )])
                .collect(),
        );
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

    fn schema(conn: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn every_earlier_version_upgrades_to_the_schema_of_a_fresh_store() {
        let dir = tempfile::tempdir().unwrap();
        let mut fresh = rusqlite::Connection::open(dir.path().join("fresh.sqlite3")).unwrap();
        migrations().to_latest(&mut fresh).unwrap();
        let all = ALL;
        for version in 1..LATEST {
            let path = dir.path().join(format!("v{version}.sqlite3"));
            let mut old = rusqlite::Connection::open(&path).unwrap();
            Migrations::new(all[..version].iter().map(|sql| M::up(sql)).collect())
                .to_latest(&mut old)
                .unwrap();
            old.execute(
                "INSERT INTO workshops (id, title, date, created_at, updated_at)
                 VALUES ('w', 'Alt', '2026-11-22', '2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z')",
                [],
            )
            .unwrap();
            if version == 2 {
                // Undo history is rebuilt by migration 3 and must come through.
                old.execute_batch(
                    "PRAGMA foreign_keys = OFF;
                     INSERT INTO history_steps (id, board_id, label, state, created_at)
                         VALUES (7, 'b', 'card.add', 'done', '2026-11-22T10:00:00Z');
                     INSERT INTO history_ops (step_id, sql) VALUES (7, 'SELECT 1');
                     PRAGMA foreign_keys = ON;",
                )
                .unwrap();
            }
            if version == 6 {
                // Migration 7 rebuilds the agenda: a running item keeps its run.
                old.execute(
                    "INSERT INTO agenda_items (id, workshop_id, position, start_time,
                         duration_minutes, title, activity, started_at, ran_seconds, running_since)
                     VALUES ('a', 'w', 0, '09:00', 30, 'Impuls', 'listen',
                         '2026-11-22T09:01:00Z', 60, '2026-11-22T09:05:00Z')",
                    [],
                )
                .unwrap();
            }
            upgrade(&mut old).unwrap();
            if version == 6 {
                let kept: (String, i64, String) = old
                    .query_row(
                        "SELECT title, ran_seconds, running_since FROM agenda_items WHERE id = 'a'",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .unwrap();
                assert_eq!(
                    kept,
                    ("Impuls".into(), 60, "2026-11-22T09:05:00Z".into()),
                    "the agenda survives its rebuild"
                );
            }
            if version == 2 {
                let kept: (String, i64) = old
                    .query_row(
                        "SELECT s.scope_id, count(o.seq) FROM history_steps s
                         JOIN history_ops o ON o.step_id = s.id WHERE s.id = 7",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert_eq!(kept, ("b".to_owned(), 1), "undo history survives");
            }
            assert_eq!(
                schema(&old),
                schema(&fresh),
                "upgrade from version {version}"
            );
            let title: String = old
                .query_row("SELECT title FROM workshops WHERE id = 'w'", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(
                title, "Alt",
                "data of version {version} survives the upgrade"
            );
        }
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
