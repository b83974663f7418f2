//! The room's questions and polls as the facilitator moderates them: every
//! change reaches the phones and the projector.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_specta::Event;
use wandzeitung::model::{Id, ItemPoll, ItemQuestions, QuestionState};

use super::StoreState;
use crate::error::ApiResult;
use crate::joining::Joining;

/// The questions or the poll of this agenda item changed (a phone asked,
/// backed or answered; the facilitator moderated); windows showing it reload.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct ItemChanged {
    pub item_id: Id,
}

/// Tells the windows, and the phones when the facilitator changed it.
pub fn item_changed(app: &AppHandle, item_id: Id) {
    if let Err(e) = (ItemChanged { item_id }).emit(app) {
        wandzeitung::note!("wandzeitung: item-changed event not sent: {e}");
    }
}

fn moderated(app: &AppHandle, joining: &Joining, item_id: Id) {
    joining.item_changed();
    item_changed(app, item_id);
}

#[tauri::command]
#[specta::specta]
pub async fn item_questions(store: StoreState<'_>, item_id: Id) -> ApiResult<ItemQuestions> {
    Ok(store.item_questions(&item_id)?)
}

/// Lets a question through, hides it, marks it "jetzt dran" or answered.
#[tauri::command]
#[specta::specta]
pub async fn set_question_state(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    id: Id,
    state: QuestionState,
) -> ApiResult<()> {
    let item = store.set_question_state(&id, state)?;
    moderated(&app, &joining, item);
    Ok(())
}

/// Merges `from` into `into`: two questions that ask the same.
#[tauri::command]
#[specta::specta]
pub async fn merge_questions(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    from: Id,
    into: Id,
) -> ApiResult<()> {
    let item = store.merge_questions(&from, &into)?;
    moderated(&app, &joining, item);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn item_poll(store: StoreState<'_>, item_id: Id) -> ApiResult<Option<ItemPoll>> {
    Ok(store.item_poll(&item_id)?)
}

/// Closes the poll (the result stays) or opens it again.
#[tauri::command]
#[specta::specta]
pub async fn close_poll(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    item_id: Id,
    closed: bool,
) -> ApiResult<()> {
    store.close_poll(&item_id, closed)?;
    moderated(&app, &joining, item_id);
    Ok(())
}
