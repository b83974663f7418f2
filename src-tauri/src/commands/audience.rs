//! The room's questions and polls as the facilitator moderates them: every
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
