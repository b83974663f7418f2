use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;

#[tauri::command]
#[specta::specta]
pub async fn add_card(
    store: StoreState<'_>,
    field_id: Id,
    input: CardInput,
) -> ApiResult<Applied<Card>> {
    Ok(store.add_card(&field_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_card(
    store: StoreState<'_>,
    card_id: Id,
    input: CardInput,
) -> ApiResult<Applied<Card>> {
    Ok(store.update_card(&card_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_card(store: StoreState<'_>, card_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.delete_card(&card_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn move_card(
    store: StoreState<'_>,
    card_id: Id,
    field_id: Id,
    cluster_id: Option<Id>,
    index: u32,
) -> ApiResult<Applied<Card>> {
    Ok(store.move_card(&card_id, &field_id, cluster_id.as_deref(), index)?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_cluster(
    store: StoreState<'_>,
    field_id: Id,
    heading: String,
    card_ids: Vec<Id>,
) -> ApiResult<Applied<Cluster>> {
    Ok(store.create_cluster(&field_id, &heading, &card_ids)?)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_cluster(
    store: StoreState<'_>,
    cluster_id: Id,
    heading: String,
) -> ApiResult<Applied<Cluster>> {
    Ok(store.rename_cluster(&cluster_id, &heading)?)
}

#[tauri::command]
#[specta::specta]
pub async fn dissolve_cluster(store: StoreState<'_>, cluster_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.dissolve_cluster(&cluster_id)?)
}
