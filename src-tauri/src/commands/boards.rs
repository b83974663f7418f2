use tauri::AppHandle;
use wandzeitung::model::*;
use wandzeitung::templates::{self, BoardTemplate};

use super::StoreState;
use crate::error::ApiResult;
use crate::events::{announce, changed};

#[tauri::command]
#[specta::specta]
pub async fn board_templates() -> ApiResult<Vec<BoardTemplate>> {
    Ok(templates::board_templates())
}

#[tauri::command]
#[specta::specta]
pub async fn create_board(
    store: StoreState<'_>,
    workshop_id: Id,
    template_key: String,
) -> ApiResult<BoardView> {
    Ok(store.create_board_from_template(&workshop_id, &template_key)?)
}

#[tauri::command]
#[specta::specta]
pub async fn board_view(store: StoreState<'_>, board_id: Id) -> ApiResult<BoardView> {
    Ok(store.board_view(&board_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_board(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
    title: String,
) -> ApiResult<Applied<Board>> {
    Ok(announce(&app, store.rename_board(&board_id, &title)?))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_board(app: AppHandle, store: StoreState<'_>, board_id: Id) -> ApiResult<()> {
    store.delete_board(&board_id)?;
    changed(&app, &WorkspaceRef::board(&board_id));
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn add_field(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
    question: String,
) -> ApiResult<Applied<Field>> {
    Ok(announce(&app, store.add_field(&board_id, &question)?))
}

#[tauri::command]
#[specta::specta]
pub async fn update_field(
    app: AppHandle,
    store: StoreState<'_>,
    field_id: Id,
    question: String,
) -> ApiResult<Applied<Field>> {
    Ok(announce(&app, store.update_field(&field_id, &question)?))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_field(
    app: AppHandle,
    store: StoreState<'_>,
    field_id: Id,
) -> ApiResult<Applied<()>> {
    Ok(announce(&app, store.delete_field(&field_id)?))
}

#[tauri::command]
#[specta::specta]
pub async fn move_field(
    app: AppHandle,
    store: StoreState<'_>,
    field_id: Id,
    index: u32,
) -> ApiResult<Applied<()>> {
    Ok(announce(&app, store.move_field(&field_id, index)?))
}

#[tauri::command]
#[specta::specta]
pub async fn set_hidden_collection(
    app: AppHandle,
    store: StoreState<'_>,
    field_id: Id,
    hidden: bool,
) -> ApiResult<Applied<Field>> {
    Ok(announce(
        &app,
        store.set_hidden_collection(&field_id, hidden)?,
    ))
}

#[tauri::command]
#[specta::specta]
pub async fn reveal_field(
    app: AppHandle,
    store: StoreState<'_>,
    field_id: Id,
) -> ApiResult<Applied<u32>> {
    Ok(announce(&app, store.reveal_field(&field_id)?))
}

/// Undo (`forward` false) or redo (`forward` true) in a board, an actor map
/// or a challenge list: one command for every workspace.
#[tauri::command]
#[specta::specta]
pub async fn step_history(
    app: AppHandle,
    store: StoreState<'_>,
    workspace: WorkspaceRef,
    forward: bool,
) -> ApiResult<Applied<bool>> {
    Ok(announce(&app, store.step_history(&workspace, forward)?))
}
