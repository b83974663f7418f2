//! One writer per store. The app and `wz` claim the store before they open
//! it, with an OS lock on a `.lock` file beside it: a second window or a
//! `wz` run on the same store is told so instead of working on a copy of
//! the truth. The lock goes with the process, also when it is killed, so a
//! crash never leaves the store claimed.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Held for as long as the store is in use; dropping it releases the store.
#[derive(Debug)]
pub struct Claim {
    /// None for a store in a folder this process cannot write: it opens
    /// read-only, so there is no writer to keep out.
    _lock: Option<File>,
    pub path: PathBuf,
}

fn lock_path(store_path: &Path) -> PathBuf {
    let mut p = store_path.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Claims the store at `store_path`, or says it is in use elsewhere.
pub fn claim(store_path: &Path) -> Result<Claim> {
    if let Some(dir) = store_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let path = lock_path(store_path);
    let file = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e)
            if store_path.exists()
                && matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
        {
            return Ok(Claim { _lock: None, path });
        }
        Err(e) => return Err(e.into()),
    };
    match file.try_lock() {
        Ok(()) => Ok(Claim {
            _lock: Some(file),
            path,
        }),
        Err(TryLockError::WouldBlock) => Err(Error::StoreInUse {
            path: store_path.display().to_string(),
        }),
        Err(TryLockError::Error(e)) => Err(e.into()),
    }
}
