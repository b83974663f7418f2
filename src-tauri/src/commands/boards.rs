use wandzeitung::model::*;
use wandzeitung::templates::{self, BoardTemplate};

use super::StoreState;
use crate::error::ApiResult;

#[tauri::command]
#[specta::specta]
pub fn board_templates() -> ApiResult<Vec<BoardTemplate>> {
    Ok(templates::board_templates())
}

#[tauri::command]
#[specta::specta]
pub fn create_board(
    store: StoreState,
    workshop_id: Id,
    template_key: String,
) -> ApiResult<BoardView> {
    Ok(store.create_board_from_template(&workshop_id, &template_key)?)
}

#[tauri::command]
#[specta::specta]
pub fn board_view(store: StoreState, board_id: Id) -> ApiResult<BoardView> {
    Ok(store.board_view(&board_id)?)
}

#[tauri::command]
#[specta::specta]
pub fn rename_board(store: StoreState, board_id: Id, title: String) -> ApiResult<Board> {
    Ok(store.rename_board(&board_id, &title)?)
}

#[tauri::command]
#[specta::specta]
pub fn delete_board(store: StoreState, board_id: Id) -> ApiResult<()> {
    Ok(store.delete_board(&board_id)?)
}

#[tauri::command]
#[specta::specta]
pub fn add_field(store: StoreState, board_id: Id, question: String) -> ApiResult<Field> {
    Ok(store.add_field(&board_id, &question)?)
}

#[tauri::command]
#[specta::specta]
pub fn update_field(store: StoreState, field_id: Id, question: String) -> ApiResult<Field> {
    Ok(store.update_field(&field_id, &question)?)
}

#[tauri::command]
#[specta::specta]
pub fn delete_field(store: StoreState, field_id: Id) -> ApiResult<()> {
    Ok(store.delete_field(&field_id)?)
}

#[tauri::command]
#[specta::specta]
pub fn add_card(store: StoreState, field_id: Id, input: CardInput) -> ApiResult<Card> {
    Ok(store.add_card(&field_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub fn update_card(store: StoreState, card_id: Id, input: CardInput) -> ApiResult<Card> {
    Ok(store.update_card(&card_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub fn delete_card(store: StoreState, card_id: Id) -> ApiResult<()> {
    Ok(store.delete_card(&card_id)?)
}
