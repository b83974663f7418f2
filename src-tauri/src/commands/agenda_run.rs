//! Conducting the day: starting an agenda item moves the phones, the
//! projector and the item's clock together.

use tauri::{AppHandle, Manager, State};
use wandzeitung::model::{AgendaItem, Id, ItemView};

use super::StoreState;
use crate::error::ApiResult;
use crate::joining::Joining;

/// The workshop whose agenda moved last: the projector asks what runs there.
#[derive(Default)]
pub struct LastMoved(std::sync::Mutex<Option<Id>>);

/// The workshop's agenda moved (whoever moved it): the projector's clock
/// follows that workshop.
pub fn moved(app: &AppHandle, workshop_id: &str) {
    *app.state::<LastMoved>()
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(workshop_id.to_owned());
}

/// Starts an item, or reopens an earlier one.
#[tauri::command]
#[specta::specta]
pub async fn start_agenda_item(store: StoreState<'_>, id: Id) -> ApiResult<AgendaItem> {
    Ok(store.start_agenda_item(&id)?)
}

/// "Weiter": the item after the running one; None after the last.
#[tauri::command]
#[specta::specta]
pub async fn next_agenda_item(
    store: StoreState<'_>,
    workshop_id: Id,
) -> ApiResult<Option<AgendaItem>> {
    Ok(store.next_agenda_item(&workshop_id)?)
}

/// Ends the running item: no item runs, the phones wait.
#[tauri::command]
#[specta::specta]
pub async fn end_agenda(app: AppHandle, store: StoreState<'_>, workshop_id: Id) -> ApiResult<()> {
    store.end_agenda(&workshop_id)?;
    // The day's results reach the team soon after the day.
    app.state::<crate::team_sync::TeamSync>().nudge();
    Ok(())
}

/// The item running now in the workshop conducted last (after a restart:
/// the workshop of the session taken up), for the projector's clock.
#[tauri::command]
#[specta::specta]
pub async fn agenda_now(
    store: StoreState<'_>,
    last: State<'_, LastMoved>,
    joining: State<'_, Joining>,
) -> ApiResult<Option<AgendaItem>> {
    let last = last.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let workshop = last.or_else(|| {
        joining
            .lock()
            .as_ref()
            .map(|r| r.server.workshop_id().to_owned())
    });
    match workshop {
        Some(w) => Ok(store.running_agenda_item(&w)?),
        None => Ok(None),
    }
}

/// What an item's own page shows: its questions, poll or groups.
#[tauri::command]
#[specta::specta]
pub async fn item_view(store: StoreState<'_>, item_id: Id) -> ApiResult<ItemView> {
    Ok(store.item_view(&item_id)?)
}
