//! Rolling backups of the store: a laptop can die in the middle of a
//! workshop day. Each backup is a whole, consistent copy made with SQLite's
//! online backup API while the app keeps working, checked with
//! `integrity_check` before it counts, and the last few are kept in a
//! `backups` folder beside the store. Restoring first backs up the store as
//! it is, so a restore can itself be undone.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::error::{Error, Result};

/// Backups kept; the oldest goes when a new one is made.
pub const BACKUPS_KEPT: usize = 12;
const PREFIX: &str = "wandzeitung-";
const SUFFIX: &str = ".sqlite3";

/// One backup file, as `wz backups` and the app list it.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub workshops: u32,
    pub bytes: u64,
}

/// The backup folder of a store: `backups` beside the store file.
pub fn backup_dir(store_path: &Path) -> PathBuf {
    store_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

fn io(detail: String) -> Error {
    Error::Io(std::io::Error::other(detail))
}

/// Opens a backup read-only and checks it is whole, ours, and not from a
/// newer version than this one (which could not open it).
fn inspect(path: &Path) -> Result<BackupInfo> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(io(format!("{} is damaged: {check}", path.display())));
    }
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id != super::APPLICATION_ID {
        return Err(Error::NotOurStore {
            path: path.display().to_string(),
        });
    }
    let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > super::migrations::LATEST {
        return Err(Error::StoreTooNew {
            found: version,
            known: super::migrations::LATEST,
        });
    }
    let workshops: u32 = conn.query_row("SELECT count(*) FROM workshops", [], |r| r.get(0))?;
    let meta = std::fs::metadata(path)?;
    let taken_at = meta
        .modified()
        .map(DateTime::<Utc>::from)
        .unwrap_or_else(|_| Utc::now());
    Ok(BackupInfo {
        path: path.to_path_buf(),
        taken_at,
        workshops,
        bytes: meta.len(),
    })
}

/// What an interrupted backup, purge or restore left in `dir`: a copy never
/// finished (`.part`, `.purging`) and the journal files of such a copy.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(PREFIX)
            && [".sqlite3.part", ".sqlite3.purging"]
                .iter()
                .any(|ext| name.contains(ext))
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A backup that is not there any more says so in words, not as a bare
/// "No such file or directory".
fn gone_or<T>(backup: &Path, result: Result<T>) -> Result<T> {
    if !backup.exists() {
        return Err(Error::BackupGone {
            path: backup.display().to_string(),
        });
    }
    result
}

/// The backup files in `dir` by name, newest first (the name carries the time).
fn backup_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    files
}

/// The backup files of a store, newest first.
pub(crate) fn backup_files_of(store_path: &Path) -> Vec<PathBuf> {
    backup_files(&backup_dir(store_path))
}

/// The good backups in `dir`, newest first; damaged ones are left out.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    Ok(backup_files(dir)
        .iter()
        .filter_map(|p| inspect(p).ok())
        .collect())
}

impl Store {
    /// Copies the store into a new backup in `dir`, checks the copy, and
    /// keeps the newest `BACKUPS_KEPT`. The store stays usable throughout:
    /// the copy is taken in steps between which other work may run.
    pub fn backup_into(&self, dir: &Path) -> Result<BackupInfo> {
        self.backup_keeping(dir, None)
    }

    /// As `backup_into`, but never rotates `keep` out: the backup about to
    /// be restored must outlive the backup of the present made before it.
    fn backup_keeping(&self, dir: &Path, keep: Option<&Path>) -> Result<BackupInfo> {
        let _one_at_a_time = self.backups_lock();
        self.backup_held(dir, keep)
    }

    /// The backups' lock: one backup, purge or restore at a time, and no
    /// backup read while another is rewritten or rolled out (on Windows a
    /// file being read cannot be renamed over or removed).
    fn backups_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.backups.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// This store's good backups, newest first, read under the backups' lock.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        let _one_at_a_time = self.backups_lock();
        list_backups(&backup_dir(&self.path))
    }

    /// `backup_keeping` with the backups' lock already held.
    fn backup_held(&self, dir: &Path, keep: Option<&Path>) -> Result<BackupInfo> {
        std::fs::create_dir_all(dir)?;
        remove_leftovers(dir);
        let stamp = Local::now().format("%Y-%m-%d_%H-%M-%S%.3f");
        let path = dir.join(format!("{PREFIX}{stamp}{SUFFIX}"));
        let part = path.with_extension("sqlite3.part");
        {
            let mut copy = Connection::open(&part)?;
            let conn = self.lock();
            let backup = rusqlite::backup::Backup::new(&conn, &mut copy)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
            drop(backup);
            // The copy took the store's WAL mode with its pages; a backup is
            // one file, so it leaves no `-wal` or `-shm` beside it.
            copy.pragma_update(None, "journal_mode", "DELETE")?;
        }
        let info = match inspect(&part) {
            Ok(info) => info,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        crate::files::rename(&part, &path)?;
        // Rotation by name, not by the good-backup list: a file damaged later
        // (a failing disk) must roll out too, not stay for ever.
        for old in backup_files(dir)
            .into_iter()
            .filter(|p| Some(p.as_path()) != keep)
            .skip(BACKUPS_KEPT)
        {
            let _ = crate::files::remove_file(&old);
        }
        Ok(BackupInfo { path, ..info })
    }

    /// Puts a backup's content in place of this store's while it stays open
    /// (the app, with phones and windows attached): the present is backed up
    /// first, then the backup is copied in through the same online backup
    /// API, and its schema brought up to date. Returns the backup of the
    /// present.
    pub fn restore_from(&self, backup: &Path) -> Result<BackupInfo> {
        self.refuse_if_read_only()?;
        let _one_at_a_time = self.backups_lock();
        let chosen = gone_or(backup, inspect(backup))?;
        let present = self.backup_held(&backup_dir(&self.path), Some(&chosen.path))?;
        let source = Connection::open_with_flags(&chosen.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut conn = self.lock();
        {
            let restore = rusqlite::backup::Backup::new(&source, &mut conn)?;
            restore.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        conn.flush_prepared_statement_cache();
        super::configure(&conn)?;
        super::migrations::upgrade(&mut conn)?;
        Ok(present)
    }

    /// Removes a deleted workshop from every backup of this store: each is
    /// copied, the workshop deleted from the copy, the copy rewritten whole
    /// (`VACUUM`, so no free page keeps its text) and checked, then put in
    /// the backup's place with the backup's time. A backup that cannot be
    /// purged is removed: deleted must mean gone, and the others remain.
    pub(crate) fn purge_backups(&self, workshop_id: &str) -> usize {
        let _one_at_a_time = self.backups_lock();
        let mut purged = 0;
        for file in backup_files(&backup_dir(&self.path)) {
            match purge_one(&file, workshop_id) {
                Ok(true) => purged += 1,
                Ok(false) => {}
                // The workshop is deleted already: a backup that can be
                // neither purged nor removed (held by another program for
                // good) is said in the log, and the deletion stands.
                Err(e) => match crate::files::remove_file(&file) {
                    Ok(()) => {
                        crate::note!(
                            "wandzeitung: {} removed, it could not be purged: {e}",
                            file.display()
                        );
                        purged += 1;
                    }
                    Err(held) => crate::note!(
                        "wandzeitung: {} still holds the deleted workshop: it could not be purged ({e}) nor removed ({held})",
                        file.display()
                    ),
                },
            }
        }
        purged
    }

    /// How many rows this store's connection has changed since it opened:
    /// the app makes a new backup only when this moved.
    pub fn changes(&self) -> u64 {
        self.lock().total_changes()
    }
}

/// Deletes the workshop from one backup; false when it held none of it.
fn purge_one(file: &Path, workshop_id: &str) -> Result<bool> {
    let held: bool = {
        let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM workshops WHERE id = ?1)",
            [workshop_id],
            |r| r.get(0),
        )?
    };
    if !held {
        return Ok(false);
    }
    let taken_at = std::fs::metadata(file)?.modified()?;
    let part = file.with_extension("sqlite3.purging");
    let purged = (|| {
        std::fs::copy(file, &part)?;
        {
            let conn = Connection::open(&part)?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            conn.execute("DELETE FROM workshops WHERE id = ?1", [workshop_id])?;
            conn.execute_batch("VACUUM")?;
        }
        inspect(&part)?;
        std::fs::File::options()
            .write(true)
            .open(&part)?
            .set_modified(taken_at)?;
        crate::files::rename(&part, file)?;
        Ok(true)
    })();
    if purged.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    purged
}

/// Puts a backup in the store's place. The store must not be open anywhere
/// (the app closed, or it could not open it): the store as it is is backed
/// up first — or, when it cannot even be opened, kept as it is beside the
/// backups as `damaged-…` — then the chosen backup, checked again, replaces
/// it whole. Returns where the replaced store was kept.
pub fn restore(store_path: &Path, backup: &Path) -> Result<Option<PathBuf>> {
    gone_or(backup, inspect(backup))?;
    let dir = backup_dir(store_path);
    let before = if store_path.exists() {
        match Store::open(store_path) {
            Ok(present) => Some(present.backup_keeping(&dir, Some(backup))?.path),
            Err(_) => {
                std::fs::create_dir_all(&dir)?;
                let stamp = Local::now().format("%Y-%m-%d_%H-%M-%S%.3f");
                let kept = dir.join(format!("damaged-{stamp}{SUFFIX}"));
                std::fs::copy(store_path, &kept)?;
                Some(kept)
            }
        }
    } else {
        None
    };
    let part = store_path.with_extension("sqlite3.restoring");
    std::fs::copy(backup, &part)?;
    for stale in ["-wal", "-shm"] {
        let mut p = store_path.as_os_str().to_owned();
        p.push(stale);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    crate::files::rename(&part, store_path)?;
    Ok(before)
}
