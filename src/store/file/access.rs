//! How this process may use the store file, decided when it opens, so a
//! facilitator is told at the start rather than at the first lost edit: a
//! file or folder that cannot be written opens read-only (to read and
//! export), and a store another program holds locked is refused at once
//! with what to do.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// Whether the existing store file at `path` can be written by this
/// process, its folder included (SQLite's log lives beside the file).
/// Tried, not guessed from permission bits: an administrator, a read-only
/// mount and an ACL all answer the same way.
pub(crate) fn writable(path: &Path) -> bool {
    if std::fs::OpenOptions::new().write(true).open(path).is_err() {
        return false;
    }
    let probe = folder(path).join(format!(".wandzeitung-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        // Left over by a process of the same id that was killed: the folder
        // was writable then and is now, since the name exists.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// The folder the store file lives in.
fn folder(path: &Path) -> std::path::PathBuf {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => std::path::PathBuf::from("."),
    }
}

impl super::Store {
    /// Whether the disk has room for a save again after it was full: a
    /// quarter megabyte is written beside the store and removed, the real
    /// test of what a save needs (free-space figures lie on some file
    /// systems, and quotas are per user).
    pub fn has_room(&self) -> bool {
        use std::io::Write;
        let probe = folder(&self.path).join(format!(".wandzeitung-room-{}", std::process::id()));
        let room = std::fs::File::create(&probe)
            .and_then(|mut f| {
                f.write_all(&[0u8; 256 * 1024])?;
                f.sync_all()
            })
            .is_ok();
        let _ = std::fs::remove_file(&probe);
        room
    }
}

/// Opens a store this process cannot write. Without a writable folder the
/// log cannot be opened either; the file is then read as it stands
/// (`immutable`), which is what a read-only copy on a stick or share is.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    if conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .is_ok()
    {
        return Ok(conn);
    }
    drop(conn);
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(uri, flags)?;
    Ok(conn)
}

/// A path as the path part of an SQLite URI: `?`, `#` and `%` would end or
/// change it, so they (and anything outside plain ASCII) are escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.as_os_str().as_encoded_bytes() {
        match *b {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{b:02X}")),
            0x21..=0x7E => out.push(*b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Fails with the "in use by another program" error when another program
/// holds the store locked (a backup tool, a database browser): tried with a
/// short wait, then the normal wait applies to every later action.
pub(crate) fn ensure_not_locked(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_millis(500))?;
    let probe = conn
        .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
        .map_err(Error::from);
    if let Err(e) = probe {
        let _ = conn.execute_batch("ROLLBACK");
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_uri_characters_is_escaped() {
        assert_eq!(
            uri_path(Path::new("/tmp/a?b#c%d e/ü.sqlite3")),
            "/tmp/a%3Fb%23c%25d%20e/%C3%BC.sqlite3"
        );
    }
}
