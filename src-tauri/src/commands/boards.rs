use wandzeitung::model::*;
use wandzeitung::templates::{self, BoardTemplate};

use super::StoreState;
use crate::error::ApiResult;

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
    store: StoreState<'_>,
    board_id: Id,
    title: String,
) -> ApiResult<Applied<Board>> {
    Ok(store.rename_board(&board_id, &title)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_board(store: StoreState<'_>, board_id: Id) -> ApiResult<()> {
    store.delete_board(&board_id)?;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn add_field(
    store: StoreState<'_>,
    board_id: Id,
    question: String,
) -> ApiResult<Applied<Field>> {
    Ok(store.add_field(&board_id, &question)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_field(
    store: StoreState<'_>,
    field_id: Id,
    question: String,
) -> ApiResult<Applied<Field>> {
    Ok(store.update_field(&field_id, &question)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_field(store: StoreState<'_>, field_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.delete_field(&field_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn move_field(store: StoreState<'_>, field_id: Id, index: u32) -> ApiResult<Applied<()>> {
    Ok(store.move_field(&field_id, index)?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_hidden_collection(
    store: StoreState<'_>,
    field_id: Id,
    hidden: bool,
) -> ApiResult<Applied<Field>> {
    Ok(store.set_hidden_collection(&field_id, hidden)?)
}

#[tauri::command]
#[specta::specta]
pub async fn reveal_field(store: StoreState<'_>, field_id: Id) -> ApiResult<Applied<u32>> {
    Ok(store.reveal_field(&field_id)?)
}

/// Undo (`forward` false) or redo (`forward` true) in a board, an actor map
/// or a challenge list: one command for every workspace.
#[tauri::command]
#[specta::specta]
pub async fn step_history(
    store: StoreState<'_>,
    workspace: WorkspaceRef,
    forward: bool,
) -> ApiResult<Applied<bool>> {
    Ok(store.step_history(&workspace, forward)?)
}
