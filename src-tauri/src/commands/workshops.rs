use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;
use crate::startup::Startup;

#[tauri::command]
#[specta::specta]
pub fn list_workshops(store: StoreState) -> ApiResult<Vec<WorkshopSummary>> {
    Ok(store.list_workshops()?)
}

/// The workshop to open first: the demo when this start created it.
#[tauri::command]
#[specta::specta]
pub fn initial_workshop(startup: tauri::State<Startup>) -> ApiResult<Option<Id>> {
    Ok(startup.demo_workshop.clone())
}

#[tauri::command]
#[specta::specta]
pub fn create_workshop(store: StoreState, input: WorkshopInput) -> ApiResult<Workshop> {
    Ok(store.create_workshop(&input)?)
}

#[tauri::command]
#[specta::specta]
pub fn update_workshop(store: StoreState, id: Id, input: WorkshopInput) -> ApiResult<Workshop> {
    Ok(store.update_workshop(&id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub fn delete_workshop(store: StoreState, id: Id) -> ApiResult<()> {
    Ok(store.delete_workshop(&id)?)
}

#[tauri::command]
#[specta::specta]
pub fn workshop_detail(store: StoreState, id: Id) -> ApiResult<WorkshopDetail> {
    Ok(store.workshop_detail(&id)?)
}

#[tauri::command]
#[specta::specta]
pub fn add_agenda_item(
    store: StoreState,
    workshop_id: Id,
    input: AgendaItemInput,
) -> ApiResult<AgendaItem> {
    Ok(store.add_agenda_item(&workshop_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub fn update_agenda_item(
    store: StoreState,
    id: Id,
    input: AgendaItemInput,
) -> ApiResult<AgendaItem> {
    Ok(store.update_agenda_item(&id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub fn delete_agenda_item(store: StoreState, id: Id) -> ApiResult<()> {
    Ok(store.delete_agenda_item(&id)?)
}
