use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;

#[tauri::command]
#[specta::specta]
pub async fn create_actor_map(
    store: StoreState<'_>,
    workshop_id: Id,
    title: String,
) -> ApiResult<ActorMap> {
    Ok(store.create_actor_map(&workshop_id, &title)?)
}

#[tauri::command]
#[specta::specta]
pub async fn actor_map_view(store: StoreState<'_>, map_id: Id) -> ApiResult<ActorMapView> {
    Ok(store.actor_map_view(&map_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_actor(
    store: StoreState<'_>,
    map_id: Id,
    input: ActorInput,
) -> ApiResult<Applied<Actor>> {
    Ok(store.add_actor(&map_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_actor(
    store: StoreState<'_>,
    actor_id: Id,
    input: ActorInput,
) -> ApiResult<Applied<Actor>> {
    Ok(store.update_actor(&actor_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn place_actor(
    store: StoreState<'_>,
    actor_id: Id,
    influence: u8,
    interest: u8,
) -> ApiResult<Applied<Actor>> {
    Ok(store.place_actor(&actor_id, influence, interest)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_actor(store: StoreState<'_>, actor_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.delete_actor(&actor_id)?)
}

/// A labelled line from one actor to another of the same map.
#[tauri::command]
#[specta::specta]
pub async fn add_actor_relation(
    store: StoreState<'_>,
    from_actor_id: Id,
    to_actor_id: Id,
    label: String,
) -> ApiResult<Applied<ActorRelation>> {
    Ok(store.add_actor_relation(&from_actor_id, &to_actor_id, &label)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_actor_relation(
    store: StoreState<'_>,
    relation_id: Id,
) -> ApiResult<Applied<()>> {
    Ok(store.delete_actor_relation(&relation_id)?)
}

/// The sectors a board card can become an actor in, for the facilitator to choose.
#[tauri::command]
#[specta::specta]
pub async fn promotion_sectors(store: StoreState<'_>, card_id: Id) -> ApiResult<Vec<String>> {
    Ok(store.promotion_sectors(&card_id)?)
}

/// A board card becomes an actor in the chosen sector of the workshop's actor map.
#[tauri::command]
#[specta::specta]
pub async fn promote_to_actor(
    store: StoreState<'_>,
    card_id: Id,
    sector: u32,
) -> ApiResult<Applied<Actor>> {
    Ok(store.promote_to_actor(&card_id, sector)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_sector(
    store: StoreState<'_>,
    map_id: Id,
    name: String,
) -> ApiResult<Applied<Sector>> {
    Ok(store.add_sector(&map_id, &name)?)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_sector(
    store: StoreState<'_>,
    sector_id: Id,
    name: String,
) -> ApiResult<Applied<Sector>> {
    Ok(store.rename_sector(&sector_id, &name)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_sector(store: StoreState<'_>, sector_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.delete_sector(&sector_id)?)
}
