//! The rolling backups, as the facilitator sees them: listed with their time
//! and workshop count, and one put back in place ("Sicherung
//! wiederherstellen…"). The page names a backup by its file name only, and
//! only a name from the list is accepted: never a path of its choosing.

use chrono::{DateTime, Utc};
use serde::Serialize;
use wandzeitung::store::{self, BackupInfo};

use super::StoreState;
use crate::error::ApiResult;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupRow {
    pub file: String,
    pub taken_at: DateTime<Utc>,
    pub workshops: u32,
    pub kib: u32,
}

fn row(b: &BackupInfo) -> BackupRow {
    BackupRow {
        file: b
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        taken_at: b.taken_at,
        workshops: b.workshops,
        kib: u32::try_from(b.bytes.div_ceil(1024)).unwrap_or(u32::MAX),
    }
}

fn not_listed(file: String) -> wandzeitung::Error {
    wandzeitung::Error::NotFound {
        entity: wandzeitung::error::Entity::Backup,
        id: file,
    }
}

/// The backup named `file` in `list`: only a name from the list is taken.
fn named(list: Vec<BackupInfo>, file: &str) -> wandzeitung::Result<BackupInfo> {
    list.into_iter()
        .find(|b| {
            b.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy() == file)
        })
        .ok_or_else(|| not_listed(file.to_owned()))
}

/// The good backups, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_backups(store: StoreState<'_>) -> ApiResult<Vec<BackupRow>> {
    Ok(store.backups()?.iter().map(row).collect())
}

/// Puts the backup named `file` in place of the store; returns the backup
/// that keeps the state before.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(store: StoreState<'_>, file: String) -> ApiResult<BackupRow> {
    let chosen = named(store.backups()?, &file)?;
    Ok(row(&store.restore_from(&chosen.path)?))
}

/// The backups of the store the app could not open, for its error page.
#[tauri::command]
#[specta::specta]
pub async fn startup_backups() -> ApiResult<Vec<BackupRow>> {
    let dir = store::backup_dir(&store::default_path()?);
    Ok(store::list_backups(&dir)?.iter().map(row).collect())
}

/// When the store could not be opened at start: puts the backup named
/// `file` in its place (the damaged file is kept beside the backups), opens
/// it, and the app carries on as if it had started with it.
#[tauri::command]
#[specta::specta]
pub async fn restore_at_startup(app: tauri::AppHandle, file: String) -> ApiResult<()> {
    use tauri::Manager;
    if app
        .try_state::<std::sync::Arc<wandzeitung::Store>>()
        .is_some()
    {
        // The store is open: the workshop list's restore is the way then.
        return Err(not_listed(file).into());
    }
    let opened = crate::startup::open_store(|path| {
        let chosen = named(store::list_backups(&store::backup_dir(path))?, &file)?;
        store::restore(path, &chosen.path).map(|_| ())
    })?;
    crate::startup::adopt(&app, opened);
    Ok(())
}
