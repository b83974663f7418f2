use wandzeitung::model::*;

use super::StoreState;
use crate::error::{ApiError, ApiResult};
use crate::startup::Startup;

#[tauri::command]
#[specta::specta]
pub async fn list_workshops(store: StoreState<'_>) -> ApiResult<Vec<WorkshopSummary>> {
    Ok(store.list_workshops()?)
}

/// Why the app cannot work with its store this time, if it cannot.
#[tauri::command]
#[specta::specta]
pub async fn startup_problem(startup: tauri::State<'_, Startup>) -> ApiResult<Option<ApiError>> {
    Ok(startup
        .problem
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone())
}

/// The workshop to open first: the demo when this start created it.
#[tauri::command]
#[specta::specta]
pub async fn initial_workshop(startup: tauri::State<'_, Startup>) -> ApiResult<Option<Id>> {
    Ok(startup.demo_workshop.clone())
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

#[tauri::command]
#[specta::specta]
pub async fn delete_agenda_item(store: StoreState<'_>, id: Id) -> ApiResult<()> {
    Ok(store.delete_agenda_item(&id)?)
}
