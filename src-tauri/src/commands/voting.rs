//! Dot voting and the step timer.

use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;

#[tauri::command]
#[specta::specta]
pub async fn open_vote(
    store: StoreState<'_>,
    board_id: Id,
    dots: u32,
) -> ApiResult<Applied<Board>> {
    Ok(store.open_vote(&board_id, dots)?)
}

#[tauri::command]
#[specta::specta]
pub async fn close_vote(store: StoreState<'_>, board_id: Id) -> ApiResult<Applied<Board>> {
    Ok(store.close_vote(&board_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn clear_votes(store: StoreState<'_>, board_id: Id) -> ApiResult<Applied<()>> {
    Ok(store.clear_votes(&board_id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_dot(
    store: StoreState<'_>,
    target: VoteTarget,
    participant: String,
) -> ApiResult<Applied<Vote>> {
    Ok(store.add_dot(&target, &participant)?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_dot(
    store: StoreState<'_>,
    target: VoteTarget,
    participant: String,
) -> ApiResult<Applied<()>> {
    Ok(store.remove_dot(&target, &participant)?)
}

/// What the timer buttons do.
#[derive(Debug, Clone, Copy, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TimerAction {
    Start,
    Pause,
    Reset,
}

#[tauri::command]
#[specta::specta]
pub async fn timer(store: StoreState<'_>, board_id: Id, action: TimerAction) -> ApiResult<Timer> {
    let timer = match action {
        TimerAction::Start => store.start_timer(&board_id)?,
        TimerAction::Pause => store.pause_timer(&board_id)?,
        TimerAction::Reset => store.reset_timer(&board_id)?,
    };
    Ok(timer)
}

#[tauri::command]
#[specta::specta]
pub async fn set_timer(store: StoreState<'_>, board_id: Id, seconds: u32) -> ApiResult<Timer> {
    let timer = store.set_timer(&board_id, seconds)?;
    Ok(timer)
}
