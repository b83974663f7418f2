use tauri::AppHandle;
use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;
use crate::events::announce;

#[tauri::command]
#[specta::specta]
pub fn add_card(
    app: AppHandle,
    store: StoreState,
    field_id: Id,
    input: CardInput,
) -> ApiResult<Applied<Card>> {
    Ok(announce(&app, store.add_card(&field_id, &input)?))
}

#[tauri::command]
#[specta::specta]
pub fn update_card(
    app: AppHandle,
    store: StoreState,
    card_id: Id,
    input: CardInput,
) -> ApiResult<Applied<Card>> {
    Ok(announce(&app, store.update_card(&card_id, &input)?))
}

#[tauri::command]
#[specta::specta]
pub fn delete_card(app: AppHandle, store: StoreState, card_id: Id) -> ApiResult<Applied<()>> {
    Ok(announce(&app, store.delete_card(&card_id)?))
}

#[tauri::command]
#[specta::specta]
pub fn move_card(
    app: AppHandle,
    store: StoreState,
    card_id: Id,
    field_id: Id,
    cluster_id: Option<Id>,
    index: u32,
) -> ApiResult<Applied<Card>> {
    Ok(announce(
        &app,
        store.move_card(&card_id, &field_id, cluster_id.as_deref(), index)?,
    ))
}

#[tauri::command]
#[specta::specta]
pub fn create_cluster(
    app: AppHandle,
    store: StoreState,
    field_id: Id,
    heading: String,
    card_ids: Vec<Id>,
) -> ApiResult<Applied<Cluster>> {
    Ok(announce(
        &app,
        store.create_cluster(&field_id, &heading, &card_ids)?,
    ))
}

#[tauri::command]
#[specta::specta]
pub fn rename_cluster(
    app: AppHandle,
    store: StoreState,
    cluster_id: Id,
    heading: String,
) -> ApiResult<Applied<Cluster>> {
    Ok(announce(&app, store.rename_cluster(&cluster_id, &heading)?))
}

#[tauri::command]
#[specta::specta]
pub fn dissolve_cluster(
    app: AppHandle,
    store: StoreState,
    cluster_id: Id,
) -> ApiResult<Applied<()>> {
    Ok(announce(&app, store.dissolve_cluster(&cluster_id)?))
}
