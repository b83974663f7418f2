//! Conducting the day: starting an agenda item moves the phones, the
//! projector and the item's clock together.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};
use tauri_specta::Event;
use wandzeitung::model::{AgendaItem, Id};

use super::StoreState;
use crate::error::ApiResult;
use crate::joining::Joining;

/// Another agenda item runs in this workshop (or none: `item` is None).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct AgendaMoved {
    pub workshop_id: Id,
    pub item: Option<AgendaItem>,
}

/// The workshop whose agenda moved last: the projector asks what runs there.
#[derive(Default)]
pub struct LastMoved(std::sync::Mutex<Option<Id>>);

/// Phones of the workshop's session switch to the new item, every window hears of it.
fn moved(app: &AppHandle, joining: &Joining, workshop_id: &str, item: Option<AgendaItem>) {
    joining.agenda_moved(workshop_id);
    *app.state::<LastMoved>()
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(workshop_id.to_owned());
    let event = AgendaMoved {
        workshop_id: workshop_id.to_owned(),
        item,
    };
    if let Err(e) = event.emit(app) {
        wandzeitung::note!("wandzeitung: agenda-moved event not sent: {e}");
    }
}

/// Starts an item, or reopens an earlier one.
#[tauri::command]
#[specta::specta]
pub async fn start_agenda_item(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    id: Id,
) -> ApiResult<AgendaItem> {
    let item = store.start_agenda_item(&id)?;
    moved(&app, &joining, &item.workshop_id, Some(item.clone()));
    Ok(item)
}

/// "Weiter": the item after the running one; None after the last.
#[tauri::command]
#[specta::specta]
pub async fn next_agenda_item(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    workshop_id: Id,
) -> ApiResult<Option<AgendaItem>> {
    let item = store.next_agenda_item(&workshop_id)?;
    moved(&app, &joining, &workshop_id, item.clone());
    Ok(item)
}

/// Ends the running item: no item runs, the phones wait.
#[tauri::command]
#[specta::specta]
pub async fn end_agenda(
    app: AppHandle,
    store: StoreState<'_>,
    joining: State<'_, Joining>,
    workshop_id: Id,
) -> ApiResult<()> {
    store.end_agenda(&workshop_id)?;
    moved(&app, &joining, &workshop_id, None);
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
