//! "Team-Ablage": the team folder's settings (the password into the
//! system's credential store, never the store), its check, a sync now, what
//! waits, and where a workshop came from.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use wandzeitung::store::TeamStatus;
use wandzeitung::team::{secret, SyncReport, TeamInput, TeamSettings};

use super::StoreState;
use crate::error::{ApiError, ApiResult};
use crate::team_sync::TeamSync;

/// The settings page's state.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TeamView {
    pub settings: Option<TeamSettings>,
    /// Whether this computer has the password saved.
    pub has_password: bool,
    pub status: TeamStatus,
}

/// What the form sends: the settings, and a password (empty: keep the saved one).
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct TeamForm {
    pub input: TeamInput,
    pub password: String,
}

fn view(store: &wandzeitung::Store) -> wandzeitung::Result<TeamView> {
    let settings = store.team_settings()?;
    let has_password = settings
        .as_ref()
        .is_some_and(|s| secret::password(&s.address, &s.user).is_ok());
    Ok(TeamView {
        settings,
        has_password,
        status: store.team_status()?,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn team(store: StoreState<'_>) -> ApiResult<TeamView> {
    let store = store.inner().clone();
    Ok(tauri::async_runtime::spawn_blocking(move || view(&store))
        .await
        .map_err(ApiError::unexpected)??)
}

#[tauri::command]
#[specta::specta]
pub async fn save_team(store: StoreState<'_>, form: TeamForm) -> ApiResult<TeamView> {
    let store = store.inner().clone();
    let saved = tauri::async_runtime::spawn_blocking(move || {
        let settings = store.set_team_settings(&form.input)?;
        if !form.password.is_empty() {
            secret::save_password(&settings.address, &settings.user, &form.password)?;
        }
        view(&store)
    });
    Ok(saved.await.map_err(ApiError::unexpected)??)
}

/// What waits and how the last sync ended; none without a team folder.
/// Asks nothing of the credential store (the start page shows it).
#[tauri::command]
#[specta::specta]
pub async fn team_status(store: StoreState<'_>) -> ApiResult<Option<TeamStatus>> {
    if store.team_settings()?.is_none() {
        return Ok(None);
    }
    Ok(Some(store.team_status()?))
}

/// "Verbindung prüfen": reaches the folder, makes it if missing, writes and
/// removes a test file; says in words what is wrong.
#[tauri::command]
#[specta::specta]
pub async fn check_team(store: StoreState<'_>) -> ApiResult<()> {
    let store = store.inner().clone();
    let checked =
        tauri::async_runtime::spawn_blocking(move || store.configured_team()?.folder()?.check());
    Ok(checked.await.map_err(ApiError::unexpected)??)
}

/// "Jetzt abgleichen".
#[tauri::command]
#[specta::specta]
pub async fn sync_team(app: AppHandle, store: StoreState<'_>) -> ApiResult<SyncReport> {
    let store = store.inner().clone();
    let synced =
        tauri::async_runtime::spawn_blocking(move || app.state::<TeamSync>().run(&app, &store));
    Ok(synced.await.map_err(ApiError::unexpected)??)
}

/// The team member a workshop came from, if it is another laptop's (then
/// it is read-only here).
#[tauri::command]
#[specta::specta]
pub async fn team_origin(store: StoreState<'_>, workshop_id: String) -> ApiResult<Option<String>> {
    Ok(store.team_origin(&workshop_id)?)
}

/// "Eigene Kopie anlegen": another laptop's workshop as this laptop's own,
/// to change here. The copy's id.
#[tauri::command]
#[specta::specta]
pub async fn copy_workshop(store: StoreState<'_>, workshop_id: String) -> ApiResult<String> {
    let store = store.inner().clone();
    let copied = tauri::async_runtime::spawn_blocking(move || store.copy_workshop(&workshop_id));
    Ok(copied.await.map_err(ApiError::unexpected)??)
}
