//! The photos' pixels, as content-addressed files in a `photos` folder
//! beside the store: `<sha256>.jpg` and its `<sha256>.thumb.jpg`.
//!
//! Why files and not rows: undo triggers copy a deleted row's columns as
//! SQL text, and every backup copies the whole store; megabytes of JPEG in
//! a row would ride along twelve times. A file named by its content never
//! changes, so the store and all its backups share it: a backup needs no
//! copy, a restore finds the bytes in place. A file goes when no row in the
//! store or in any backup names it any more (`collect`).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

use super::backup::backup_files_of;
use crate::error::{Entity, Error, Result};

/// The photo folder of a store.
pub fn photo_dir(store_path: &Path) -> PathBuf {
    store_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("photos")
}

/// The name of a photo's pixels: the SHA-256 of its JPEG, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn is_sha(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(crate) fn picture_path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(format!("{sha}.jpg"))
}

pub(crate) fn thumb_path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(format!("{sha}.thumb.jpg"))
}

/// Writes a file whole or not at all: a `.part` synced to disk, then
/// renamed; whether it was new (false: there before, as its twin).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<bool> {
    if path.exists() {
        // Same name, same content: written before, by this photo's twin.
        return Ok(false);
    }
    let part = path.with_extension("part");
    let written = (|| {
        let mut f = std::fs::File::create(&part)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        crate::files::rename(&part, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written.map(|()| true)
}

/// A photo's files as put into the folder.
pub(crate) struct Put {
    pub sha256: String,
    /// The files were not there before: a write that then fails takes them
    /// away again (`discard`), so a refused photo or file leaves nothing.
    pub new: bool,
}

/// Puts a photo's picture and thumbnail into the folder.
pub(crate) fn put(dir: &Path, picture: &[u8], thumb: &[u8]) -> Result<Put> {
    std::fs::create_dir_all(dir)?;
    let sha256 = sha256_hex(picture);
    let thumb_new = write_whole(&thumb_path(dir, &sha256), thumb)?;
    let new = write_whole(&picture_path(dir, &sha256), picture)? || thumb_new;
    Ok(Put { sha256, new })
}

/// Takes away the files `put` made new for a write that was refused after
/// all. A row that names them exists in no database: the refused write
/// took its rows back with it.
pub(crate) fn discard(dir: &Path, sha256: &str) {
    for path in [picture_path(dir, sha256), thumb_path(dir, sha256)] {
        let _ = std::fs::remove_file(path);
    }
}

/// A stored picture's bytes.
pub(crate) fn read(path: &Path, id: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::not_found(Entity::Photo, id),
        _ => Error::Io(e),
    })
}

/// The names the photos of one database hold; none when it has no photos
/// table (a backup from before photos).
fn names_in(conn: &Connection) -> Result<Vec<String>> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM photos")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// Removes every photo file that neither the store (`live`) nor any backup
/// names; returns how many photos went. Overwritten before removal, as
/// `secure_delete` does for the store's pages: deleted means gone. A backup
/// that cannot be read keeps every file (better a file too many than a
/// restore without its photos).
pub(crate) fn collect(store_path: &Path, live: &Connection) -> Result<usize> {
    let dir = photo_dir(store_path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut named: HashSet<String> = names_in(live)?.into_iter().collect();
    for backup in backup_files_of(store_path) {
        let Ok(conn) = Connection::open_with_flags(&backup, OpenFlags::SQLITE_OPEN_READ_ONLY)
        else {
            return Ok(0);
        };
        match names_in(&conn) {
            Ok(names) => named.extend(names),
            Err(_) => return Ok(0),
        }
    }
    let mut gone = 0;
    for path in entries.flatten().map(|e| e.path()) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let sha = name.split('.').next().unwrap_or("");
        if !is_sha(sha) || named.contains(sha) {
            continue;
        }
        if name.ends_with(".jpg") && !name.ends_with(".thumb.jpg") {
            gone += 1;
        }
        shred(&path);
    }
    Ok(gone)
}

/// Overwrites a file with zeros, then removes it.
fn shred(path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(path) {
            let zeros = vec![0u8; 64 * 1024];
            let mut left = meta.len();
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                if f.write_all(&zeros[..n]).is_err() {
                    break;
                }
                left -= n as u64;
            }
            let _ = f.sync_all();
        }
    }
    let _ = std::fs::remove_file(path);
}
