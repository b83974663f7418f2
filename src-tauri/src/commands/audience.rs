//! The room's questions, polls and word clouds as the facilitator moderates them: every
//! change reaches the phones and the projector.

use wandzeitung::model::{Id, QuestionState};

use super::StoreState;
use crate::error::ApiResult;

/// Lets a question through, hides it, marks it "jetzt dran" or answered.
#[tauri::command]
#[specta::specta]
pub async fn set_question_state(
    store: StoreState<'_>,
    id: Id,
    state: QuestionState,
) -> ApiResult<()> {
    store.set_question_state(&id, state)?;
    Ok(())
}

/// Merges `from` into `into`: two questions that ask the same.
#[tauri::command]
#[specta::specta]
pub async fn merge_questions(store: StoreState<'_>, from: Id, into: Id) -> ApiResult<()> {
    store.merge_questions(&from, &into)?;
    Ok(())
}

/// Closes the poll (the result stays) or opens it again.
#[tauri::command]
#[specta::specta]
pub async fn close_poll(store: StoreState<'_>, item_id: Id, closed: bool) -> ApiResult<()> {
    Ok(store.close_poll(&item_id, closed)?)
}

/// Takes a word (every spelling of it) off the cloud, or puts it back.
#[tauri::command]
#[specta::specta]
pub async fn hide_cloud_word(
    store: StoreState<'_>,
    item_id: Id,
    word: String,
    hidden: bool,
) -> ApiResult<()> {
    store.hide_cloud_word(&item_id, &word, hidden)?;
    Ok(())
}

/// Shows the room results collected face down (a word cloud, a matrix),
/// or covers them again.
#[tauri::command]
#[specta::specta]
pub async fn reveal_results(store: StoreState<'_>, item_id: Id, revealed: bool) -> ApiResult<()> {
    store.reveal_results(&item_id, revealed)?;
    Ok(())
}
