//! Dot voting and the step timer.

use tauri::AppHandle;
use wandzeitung::model::*;

use super::StoreState;
use crate::error::ApiResult;
use crate::events::{announce, changed};

#[tauri::command]
#[specta::specta]
pub async fn open_vote(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
    dots: u32,
) -> ApiResult<Applied<Board>> {
    Ok(announce(&app, store.open_vote(&board_id, dots)?))
}

#[tauri::command]
#[specta::specta]
pub async fn close_vote(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
) -> ApiResult<Applied<Board>> {
    Ok(announce(&app, store.close_vote(&board_id)?))
}

#[tauri::command]
#[specta::specta]
pub async fn clear_votes(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
) -> ApiResult<Applied<()>> {
    Ok(announce(&app, store.clear_votes(&board_id)?))
}

#[tauri::command]
#[specta::specta]
pub async fn add_dot(
    app: AppHandle,
    store: StoreState<'_>,
    target: VoteTarget,
    participant: String,
) -> ApiResult<Applied<Vote>> {
    Ok(announce(&app, store.add_dot(&target, &participant)?))
}

#[tauri::command]
#[specta::specta]
pub async fn remove_dot(
    app: AppHandle,
    store: StoreState<'_>,
    target: VoteTarget,
    participant: String,
) -> ApiResult<Applied<()>> {
    Ok(announce(&app, store.remove_dot(&target, &participant)?))
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
pub async fn timer(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
    action: TimerAction,
) -> ApiResult<Timer> {
    let timer = match action {
        TimerAction::Start => store.start_timer(&board_id)?,
        TimerAction::Pause => store.pause_timer(&board_id)?,
        TimerAction::Reset => store.reset_timer(&board_id)?,
    };
    changed(&app, &WorkspaceRef::board(&board_id));
    Ok(timer)
}

#[tauri::command]
#[specta::specta]
pub async fn set_timer(
    app: AppHandle,
    store: StoreState<'_>,
    board_id: Id,
    seconds: u32,
) -> ApiResult<Timer> {
    let timer = store.set_timer(&board_id, seconds)?;
    changed(&app, &WorkspaceRef::board(&board_id));
    Ok(timer)
}
