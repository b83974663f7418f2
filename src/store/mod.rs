//! The SQLite store: one file, one connection, one transaction per action.

// The modules live in one folder per layer; each layer uses only the ones
// before it (tests/store_layers.rs fails on a use upward). The module tree
// stays flat, so a module names another as `super::name` wherever it lives.
mod migrations;

// file/: The store's file: how it is opened, claimed, found and backed up.
#[path = "file/access.rs"]
mod access;
#[path = "file/backup.rs"]
mod backup;
#[path = "file/claim.rs"]
mod claim;
#[path = "file/location.rs"]
mod location;

// rows/: The base rows and lookups every write passes: SQL helpers, the feed of
// changes, what belongs to what, the order of things, the undo history.
#[path = "rows/board_rows.rs"]
mod board_rows;
#[path = "rows/challenge_events.rs"]
mod challenge_events;
#[path = "rows/feed.rs"]
mod feed;
#[path = "rows/history.rs"]
mod history;
#[path = "rows/order.rs"]
mod order;
#[path = "rows/owners.rs"]
mod owners;
#[path = "rows/sql.rs"]
mod sql;

// workspaces/: The aggregates: boards and their cards, actor maps, challenge lists
// and their follow-up, agendas, workshops, photos.
#[path = "workspaces/actors.rs"]
mod actors;
#[path = "workspaces/agenda.rs"]
mod agenda;
#[path = "workspaces/boards.rs"]
mod boards;
#[path = "workspaces/cards.rs"]
mod cards;
#[path = "workspaces/challenges.rs"]
mod challenges;
#[path = "workspaces/clusters.rs"]
mod clusters;
#[path = "workspaces/follow_up.rs"]
mod follow_up;
#[path = "workspaces/photo_files.rs"]
mod photo_files;
#[path = "workspaces/photos.rs"]
mod photos;
#[path = "workspaces/progress.rs"]
mod progress;
#[path = "workspaces/promotions.rs"]
mod promotions;
#[path = "workspaces/ratings.rs"]
mod ratings;
#[path = "workspaces/relations.rs"]
mod relations;
#[path = "workspaces/timer.rs"]
mod timer;
#[path = "workspaces/votes.rs"]
mod votes;
#[path = "workspaces/workshops.rs"]
mod workshops;

// day/: The phones' side of the day: the session, what a phone may do now, the
// running item's questions, poll and groups, a phone's writes and its view.
#[path = "day/attendance.rs"]
mod attendance;
#[path = "day/day.rs"]
mod day;
#[path = "day/groups.rs"]
mod groups;
#[path = "day/item_view.rs"]
mod item_view;
#[path = "day/join_sessions.rs"]
mod join_sessions;
#[path = "day/matrices.rs"]
mod matrices;
#[path = "day/participants.rs"]
mod participants;
#[path = "day/phone_gate.rs"]
mod phone_gate;
#[path = "day/polls.rs"]
mod polls;
#[path = "day/projection.rs"]
mod projection;
#[path = "day/questions.rs"]
mod questions;
#[path = "day/word_clouds.rs"]
mod word_clouds;

// exchange/: What leaves and enters the store whole: workshop files, the team folder.
#[path = "exchange/saved_templates.rs"]
mod saved_templates;
#[path = "exchange/team.rs"]
mod team;
#[path = "exchange/team_sync/mod.rs"]
mod team_sync;
#[path = "exchange/transfer.rs"]
mod transfer;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::{Published, Source};

pub use backup::{backup_dir, list_backups, restore, BackupInfo, BACKUPS_KEPT};
pub use claim::{claim, Claim};
pub use day::DaySnapshot;
pub use feed::Subscription;
pub use join_sessions::{SessionRequest, StoredSession};
pub use location::{default_path, on_network_drive};
pub use participants::{
    BoardSnapshot, PhoneApplied, PhoneCall, PhoneChange, PhoneWrite, PhoneWritten,
};
pub use phone_gate::Now;
pub use photo_files::{photo_dir, sha256_hex};
pub use team_sync::{PendingFile, RefusedFile, SyncFailure, TeamLaptop, TeamStatus};

/// Marks our files in the SQLite header (`PRAGMA application_id`): "WZg1".
pub const APPLICATION_ID: i32 = 0x575A_6731;

/// Environment variable that overrides where the store lives (used by the CLI,
/// the app and the tests alike).
pub const DB_ENV: &str = "WANDZEITUNG_DB";

pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// Held while a backup is made or purged: a backup copied just before a
    /// workshop was deleted must not land after the purge went by.
    backups: Mutex<()>,
    /// Opened from a file this process cannot write: reading and exporting
    /// work, every change is refused with `Error::ReadOnlyStore`.
    read_only: bool,
    /// Who writes when a write names no other writer (the window in the
    /// app, the command line in `wz`).
    source: Source,
    /// Whoever follows the store's commits.
    feed: feed::Feed,
}

/// The schema version of a store this version can read: ours (or empty),
/// and not written by a newer version.
fn schema_of(conn: &Connection, path: &Path) -> Result<usize> {
    let found: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > migrations::LATEST {
        return Err(Error::StoreTooNew {
            found,
            known: migrations::LATEST,
        });
    }
    if !ours_or_empty(conn)? {
        return Err(Error::NotOurStore {
            path: path.display().to_string(),
        });
    }
    Ok(found)
}

/// Why a store could not be opened, said so that the user can act: what
/// already says what to do is passed on as it is, the rest is wrapped with
/// the store's path.
fn unavailable(path: &Path, source: Error) -> Error {
    match source {
        // Already says what is wrong and what to do; wrapping would hide it.
        Error::StoreTooNew { .. } | Error::NotOurStore { .. } | Error::ReadOnlyStore { .. } => {
            source
        }
        Error::Database(ref e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            source
        }
        other => Error::StoreUnavailable {
            path: path.display().to_string(),
            source: Box::new(other),
        },
    }
}

impl Store {
    /// Opens the store file, creating it (and its folder) when missing, and
    /// brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        Self::open_inner(&path).map_err(|source| unavailable(&path, source))
    }

    /// Opens an existing store only to read it, changing nothing on disk and
    /// claiming nothing: beside the app or a `wz serve` that writes to it
    /// (WAL lets readers in while one writes), an export or a list reads the
    /// last committed state. None when there is no store yet, or its schema
    /// is older than this version's (a writer must bring it up to date).
    pub fn open_to_read(path: impl AsRef<Path>) -> Result<Option<Store>> {
        let path = path.as_ref();
        if !path.exists() {
            return Ok(None);
        }
        let opened = (|| {
            let conn = access::open_read_only(path)?;
            if schema_of(&conn, path)? < migrations::LATEST {
                return Ok(None);
            }
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            follow_up::register_fold(&conn)?;
            Ok(Some(Store::over(conn, path, true)))
        })();
        opened.map_err(|source| unavailable(path, source))
    }

    /// A store held in memory only, for work that is thrown away when it is
    /// dropped (the built-in templates are built in one): the same schema
    /// and rules as a store on disk, without a file or a sync to wait for.
    /// `folder` is where it would keep photos; nothing is written there
    /// unless a photo is added.
    pub fn in_memory(folder: &Path) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        keep_rules(&conn)?;
        migrations::upgrade(&mut conn)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(Store::over(conn, &folder.join("scratch.sqlite3"), false))
    }

    fn open_inner(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let read_only = path.exists() && !access::writable(path);
        let mut conn = if read_only {
            access::open_read_only(path)?
        } else {
            Connection::open(path)?
        };
        // Checked before anything is set: even switching to WAL rewrites the
        // header of a file that a newer version may need as it is.
        let found = schema_of(&conn, path)?;
        let store = |conn| Store::over(conn, path, read_only);
        if read_only {
            // Nothing can be brought up to date or created in it.
            if found != migrations::LATEST {
                return Err(Error::ReadOnlyStore {
                    path: path.display().to_string(),
                });
            }
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            return Ok(store(conn));
        }
        access::ensure_not_locked(&conn)?;
        configure(&conn)?;
        migrations::upgrade(&mut conn)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let store = store(conn);
        // Deletions of photos from the last run are final now.
        if let Err(e) = store.collect_photos() {
            crate::note!("wandzeitung: photo files not collected: {e}");
        }
        Ok(store)
    }

    fn over(conn: Connection, path: &Path, read_only: bool) -> Store {
        Store {
            conn: Mutex::new(conn),
            path: path.to_path_buf(),
            backups: Mutex::new(()),
            read_only,
            source: Source::Window,
            feed: Default::default(),
        }
    }

    /// The store with `source` as the writer of every write that names no
    /// other (`wz` is the command line; the window is the default).
    pub fn written_by(mut self, source: Source) -> Store {
        self.source = source;
        self
    }

    /// Calls `f` with the changes of every commit from now on, in the
    /// order of the commits, on the thread that committed, with the store
    /// free again. `f` must be quick and must not wait for a write: it
    /// passes the news on (a channel, an event). Dropping the returned
    /// subscription ends it.
    pub fn subscribe(&self, f: impl Fn(&Published) + Send + Sync + 'static) -> Subscription {
        self.feed.subscribe(f)
    }

    /// The number of the last commit that changed something a follower
    /// hears of (0: none since the store was opened).
    pub fn latest_change(&self) -> u64 {
        self.feed.latest()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store was opened read-only (its file or folder cannot be
    /// written): workshops can be read and exported, not changed.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    pub(crate) fn refuse_if_read_only(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnlyStore {
                path: self.path.display().to_string(),
            });
        }
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic inside a closure already rolled its transaction back when the
        // transaction was dropped, so the connection is still consistent.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Copies the write-ahead log into the store file and empties it. Best
    /// effort: a reader still busy (a phone's snapshot) only delays it to
    /// the next checkpoint.
    pub(crate) fn checkpoint_and_truncate(&self) {
        let conn = self.lock();
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())) {
            crate::note!("wandzeitung: the store's log was not emptied: {e}");
        }
    }

    /// Runs `f` against a consistent snapshot.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        f(&tx)
        // Dropping a read transaction rolls it back; it changed nothing.
    }

    /// Runs `f` in one transaction that commits only when `f` returns `Ok`,
    /// then tells the followers what it changed.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_as(self.source.clone(), f)
            .map(|(value, _)| value)
    }

    /// As `write`, made by `source`; with the number the followers were
    /// told the commit under (None: it changed nothing they hear of).
    pub(crate) fn write_as<T>(
        &self,
        source: Source,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<(T, Option<u64>)> {
        self.refuse_if_read_only()?;
        let recorder = feed::Recorder::begin(source);
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        let changes = recorder.finish();
        if changes.is_empty() {
            return Ok((value, None));
        }
        let published = Published {
            number: self.feed.number(),
            changes,
        };
        drop(conn);
        self.feed.publish(&published);
        Ok((value, Some(published.number)))
    }
}

/// Whether the file may become (or already is) our store, decided before
/// anything is written: marked as ours; empty; or one of ours from before
/// the mark (it has our schema's bookkeeping). Any other database belongs to
/// another program and is left exactly as it is.
fn ours_or_empty(conn: &Connection) -> Result<bool> {
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id == APPLICATION_ID {
        return Ok(true);
    }
    if id != 0 {
        return Ok(false);
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if objects == 0 {
        return Ok(true);
    }
    let ours: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'
           AND name IN ('workshops', 'boards', 'cards', 'history_steps')",
        [],
        |r| r.get(0),
    )?;
    let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(ours == 4 && version >= 1)
}

/// Per-connection settings; not part of the schema, so not in migrations.
///
/// `synchronous = FULL`: in WAL mode NORMAL survives a crash of the app but
/// may lose the last commits on power loss. A facilitator's laptop running on
/// battery in a town hall is exactly where power is lost, and cards arrive at
/// human speed, so the fsync per action is worth its cost (see `make bench`).
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Deleted means gone: participants' cards are personal data, and a
    // deleted workshop's text must not stay readable in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    keep_rules(conn)
}

/// What every connection that writes needs, on disk or in memory: the
/// foreign keys checked, the statements cached, the store's own functions.
fn keep_rules(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Room for every statement of the hot paths (see `sql::Cached`).
    conn.set_prepared_statement_cache_capacity(256);
    follow_up::register_fold(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_in_memory_keeps_the_rules_and_writes_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("scratch");
        let store = Store::in_memory(&folder).unwrap();
        let w = store
            .create_workshop(&crate::model::WorkshopInput {
                title: "Werkstatt".into(),
                date: "2026-05-04".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(store.list_workshops().unwrap().len(), 1);
        let refused = store.create_workshop(&crate::model::WorkshopInput {
            title: " ".into(),
            date: "2026-05-04".into(),
            ..Default::default()
        });
        assert!(refused.is_err(), "a blank title is refused as on disk");
        assert_eq!(
            store.export_workshop(&w.id).unwrap().workshop.title,
            "Werkstatt"
        );
        assert!(!folder.exists(), "nothing was written beside it");
    }

    #[test]
    fn a_store_from_a_newer_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 99).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path)
            .err()
            .expect("a newer schema must not be opened");
        assert!(
            matches!(err, Error::StoreTooNew { found: 99, .. }),
            "{err:?}"
        );
        assert_eq!(err.message_key(), "error.store_too_new");
        assert!(
            std::fs::read(&path).unwrap() == before,
            "not even the journal mode may change"
        );
        let conn = Connection::open(&path).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='table'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0, "nothing may be created in a store we refused");
    }

    #[test]
    fn another_programs_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x');")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path)
            .err()
            .expect("a foreign database is refused");
        assert!(matches!(err, Error::NotOurStore { .. }), "{err:?}");
        assert_eq!(err.message_key(), "error.not_our_store");
        assert!(
            std::fs::read(&path).unwrap() == before,
            "not a byte changes"
        );
        assert!(
            !dir.path().join("notes.sqlite3-wal").exists(),
            "not even the journal mode is switched"
        );
    }

    #[test]
    fn our_stores_are_marked_also_those_from_before_the_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let id = |p: &Path| -> i32 {
            Connection::open(p)
                .unwrap()
                .query_row("PRAGMA application_id", [], |r| r.get(0))
                .unwrap()
        };
        drop(Store::open(&path).unwrap());
        assert_eq!(id(&path), APPLICATION_ID, "a new store is marked");
        // A store written before the mark existed opens and is marked then.
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "application_id", 0)
            .unwrap();
        drop(Store::open(&path).expect("an older store of ours opens"));
        assert_eq!(id(&path), APPLICATION_ID);
    }

    #[test]
    fn settings_are_applied() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("s.sqlite3")).unwrap();
        store
            .read(|tx| {
                let mode: String = tx.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                let fk: i64 = tx.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
                let sync: i64 = tx.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
                assert_eq!(mode, "wal");
                assert_eq!(fk, 1);
                assert_eq!(sync, 2, "2 is FULL");
                Ok(())
            })
            .unwrap();
    }
}
