//! Where the store lives: its default place, and whether a place is on a
//! network drive, where SQLite's locking does not hold and a dropped
//! connection can damage the file. The backups live beside the store, so
//! what is said of the store's folder is said of theirs.

use std::path::{Path, PathBuf};

use super::DB_ENV;
use crate::error::{Error, Result};

/// Where the store lives unless told otherwise: `$WANDZEITUNG_DB`, else the
/// platform's local data folder (`~/.local/share/wandzeitung/` on Linux,
/// `%LOCALAPPDATA%\Wandzeitung\wandzeitung\data` on Windows). Not the
/// roaming one: town-hall IT redirects `%APPDATA%` to a network share or
/// syncs it at logoff, and a SQLite file in WAL mode must not live there.
pub fn default_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs =
        directories::ProjectDirs::from("de", "Wandzeitung", "wandzeitung").ok_or_else(|| {
            Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no home directory to keep the store in; set WANDZEITUNG_DB",
            ))
        })?;
    Ok(dirs.data_local_dir().join("wandzeitung.sqlite3"))
}

/// Whether a path names a network share (`\\server\share\…` or
/// `//server/share/…`): SQLite's locking does not hold there, so the app
/// and `wz` warn before they use a store or backups on one.
fn on_network_share(path: &Path) -> bool {
    let text = path.to_string_lossy();
    let unc = |sep: char| {
        let mut parts = text
            .strip_prefix(&format!("{sep}{sep}")[..])
            .map(|rest| rest.split(sep));
        // `\\?\C:\…` is a local path in Windows' long form; `\\?\UNC\…` is a share.
        match parts.as_mut().and_then(|p| p.next()) {
            Some("?") | Some(".") => parts
                .and_then(|mut p| p.next())
                .is_some_and(|n| n.eq_ignore_ascii_case("UNC")),
            Some(server) => !server.is_empty(),
            None => false,
        }
    };
    unc('\\') || unc('/')
}

/// Whether the store at `path`, and so its backups beside it, is on a
/// network drive: a share named as such, a drive letter mapped to one
/// (Windows names the share when the folder is resolved), or on Linux a
/// folder mounted from the network (NFS, SMB, SSHFS…).
pub fn on_network_drive(path: &Path) -> bool {
    if on_network_share(path) {
        return true;
    }
    // The folder is there before the store file is.
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(real) = std::fs::canonicalize(folder) else {
        return false;
    };
    on_network_share(&real)
        || (cfg!(target_os = "linux")
            && std::fs::read_to_string("/proc/self/mounts")
                .is_ok_and(|mounts| mounted_from_network(&mounts, &real)))
}

/// File systems whose files live on another machine.
const NETWORK_FILE_SYSTEMS: [&str; 14] = [
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "ceph",
    "9p",
    "davfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.glusterfs",
    "fuse.s3fs",
];

/// Whether `real` (a resolved path) lies under a network mount of
/// `mounts`, as `/proc/self/mounts` lists them: the deepest mount point
/// holding the path decides.
fn mounted_from_network(mounts: &str, real: &Path) -> bool {
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(' ');
            let _device = fields.next()?;
            let point = unescape_mount_point(fields.next()?);
            let kind = fields.next()?;
            Some((point, kind))
        })
        .filter(|(point, _)| real.starts_with(point))
        .max_by_key(|(point, _)| point.components().count())
        .is_some_and(|(_, kind)| NETWORK_FILE_SYSTEMS.contains(&kind))
}

/// The kernel writes a space, tab, line break or backslash in a mount
/// point as three octal digits after a backslash.
fn unescape_mount_point(field: &str) -> PathBuf {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let code = rest
            .get(i + 1..i + 4)
            .and_then(|d| u8::from_str_radix(d, 8).ok());
        match code {
            Some(byte) => {
                out.push(char::from(byte));
                rest = &rest[i + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    PathBuf::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_told_from_a_local_folder_in_every_spelling() {
        for share in [
            r"\\rathaus-fs01\home$\moderation\wandzeitung.sqlite3",
            "//rathaus-fs01/home/wandzeitung.sqlite3",
            r"\\?\UNC\rathaus-fs01\home\wandzeitung.sqlite3",
        ] {
            assert!(on_network_share(Path::new(share)), "{share}");
        }
        for local in [
            r"C:\Users\moderation\AppData\Local\wandzeitung.sqlite3",
            r"\\?\C:\Users\moderation\wandzeitung.sqlite3",
            "/home/moderation/.local/share/wandzeitung/wandzeitung.sqlite3",
            "wandzeitung.sqlite3",
        ] {
            assert!(!on_network_share(Path::new(local)), "{local}");
        }
    }

    #[test]
    fn a_folder_mounted_from_the_network_is_told_by_the_deepest_mount_holding_it() {
        let mounts = "\
/dev/vda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
//rathaus-fs01/home /home/moderation/Netz cifs rw,vers=3.0 0 0
rathaus-nfs:/export/team /mnt/team nfs4 rw,relatime 0 0
/dev/vdb1 /mnt/team/lokal ext4 rw 0 0
moderation@nas:/daten /home/moderation/Mit\\040Leerzeichen fuse.sshfs rw 0 0
";
        for remote in [
            "/home/moderation/Netz/wandzeitung",
            "/mnt/team/workshops/wandzeitung.sqlite3",
            "/home/moderation/Mit Leerzeichen/wandzeitung",
        ] {
            assert!(mounted_from_network(mounts, Path::new(remote)), "{remote}");
        }
        for local in [
            "/home/moderation/.local/share/wandzeitung",
            // A local disk mounted inside a network folder is local.
            "/mnt/team/lokal/wandzeitung",
            // A name that only begins like a mount point is not under it.
            "/home/moderation/Netzwerk/wandzeitung",
            "/mnt/teamarbeit",
        ] {
            assert!(!mounted_from_network(mounts, Path::new(local)), "{local}");
        }
        assert!(!mounted_from_network("", Path::new("/mnt/team")));
    }

    #[test]
    fn a_store_in_a_local_folder_is_not_on_a_network_drive() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!on_network_drive(&dir.path().join("wandzeitung.sqlite3")));
        assert!(!on_network_drive(Path::new("wandzeitung.sqlite3")));
        assert!(on_network_drive(Path::new(
            r"\\rathaus-fs01\home$\wandzeitung.sqlite3"
        )));
    }
}
