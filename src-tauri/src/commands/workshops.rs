use wandzeitung::model::*;

use super::StoreState;
use crate::error::{ApiError, ApiResult};
use crate::startup::{self, Startup};

#[tauri::command]
#[specta::specta]
pub async fn list_workshops(store: StoreState<'_>) -> ApiResult<Vec<WorkshopSummary>> {
    Ok(store.list_workshops()?)
}

/// Why the app cannot work with its store this time, if it cannot.
#[tauri::command]
#[specta::specta]
pub async fn startup_problem(startup: tauri::State<'_, Startup>) -> ApiResult<Option<ApiError>> {
    Ok(startup::lock(&startup.problem).clone())
}

/// Tries again to open the store that could not be opened at start (held
/// by another program, say, which has finished now).
#[tauri::command]
#[specta::specta]
pub async fn retry_startup(app: tauri::AppHandle) -> ApiResult<()> {
    use tauri::Manager;
    if app
        .try_state::<std::sync::Arc<wandzeitung::Store>>()
        .is_none()
    {
        startup::adopt(&app, startup::open_store(|_| Ok(()))?);
    }
    Ok(())
}

/// The workshop to open first: the demo when this start created it, else
/// the one whose day was under way when the app stopped (a restart
/// mid-day opens where the day is).
#[tauri::command]
#[specta::specta]
pub async fn initial_workshop(
    startup: tauri::State<'_, Startup>,
    store: StoreState<'_>,
) -> ApiResult<Option<Id>> {
    if let Some(demo) = startup::lock(&startup.demo_workshop).clone() {
        return Ok(Some(demo));
    }
    Ok(store.day_under_way()?)
}

/// The version the app was built as (Cargo.toml's), for "Über Wandzeitung".
#[tauri::command]
#[specta::specta]
pub async fn app_version() -> ApiResult<String> {
    Ok(env!("CARGO_PKG_VERSION").to_owned())
}

/// Where the store is and whether it opened read-only, for the banner that
/// says so.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct StoreAccess {
    pub path: String,
    pub read_only: bool,
    /// The store or its backups lie on a network share (`\\server\share`),
    /// where SQLite's locks do not hold: the window warns.
    pub on_network_share: bool,
}

/// Whether the store's disk has room again after it was full.
#[tauri::command]
#[specta::specta]
pub async fn store_has_room(store: StoreState<'_>) -> ApiResult<bool> {
    Ok(store.has_room())
}

#[tauri::command]
#[specta::specta]
pub async fn store_access(store: StoreState<'_>) -> ApiResult<StoreAccess> {
    Ok(StoreAccess {
        path: store.path().display().to_string(),
        read_only: store.read_only(),
        on_network_share: wandzeitung::store::on_network_drive(store.path()),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn create_workshop(store: StoreState<'_>, input: WorkshopInput) -> ApiResult<Workshop> {
    Ok(store.create_workshop(&input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_workshop(
    store: StoreState<'_>,
    id: Id,
    input: WorkshopInput,
) -> ApiResult<Workshop> {
    Ok(store.update_workshop(&id, &input)?)
}

#[tauri::command]
#[specta::specta]
/// Deletes a workshop from the store and its backups; says from how many
/// backups it went.
pub async fn delete_workshop(store: StoreState<'_>, id: Id) -> ApiResult<u32> {
    Ok(u32::try_from(store.delete_workshop(&id)?).unwrap_or(u32::MAX))
}

#[tauri::command]
#[specta::specta]
pub async fn workshop_detail(store: StoreState<'_>, id: Id) -> ApiResult<WorkshopDetail> {
    Ok(store.workshop_detail(&id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_agenda_item(
    store: StoreState<'_>,
    workshop_id: Id,
    input: AgendaItemInput,
) -> ApiResult<AgendaItem> {
    Ok(store.add_agenda_item(&workshop_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_agenda_item(
    store: StoreState<'_>,
    id: Id,
    input: AgendaItemInput,
) -> ApiResult<AgendaItem> {
    Ok(store.update_agenda_item(&id, &input)?)
}

/// The facilitator's notes for an item and a group work's assignment.
#[tauri::command]
#[specta::specta]
pub async fn set_item_script(
    store: StoreState<'_>,
    id: Id,
    script: ItemScript,
) -> ApiResult<AgendaItem> {
    Ok(store.set_item_script(&id, &script)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_agenda_item(store: StoreState<'_>, id: Id) -> ApiResult<()> {
    Ok(store.delete_agenda_item(&id)?)
}
