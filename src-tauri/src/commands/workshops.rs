use wandzeitung::model::*;

use super::StoreState;
use crate::error::{ApiError, ApiResult};
use crate::startup::{self, Startup};

#[tauri::command]
#[specta::specta]
pub async fn list_workshops(store: StoreState<'_>) -> ApiResult<Vec<WorkshopSummary>> {
    Ok(store.list_workshops()?)
}

/// Tries again to open the store that could not be opened at start (held
/// by another program, say, which has finished now).
#[tauri::command]
#[specta::specta]
pub async fn retry_startup(app: tauri::AppHandle) -> ApiResult<()> {
    use tauri::Manager;
    if app
        .try_state::<std::sync::Arc<wandzeitung::Store>>()
        .is_none()
    {
        startup::adopt(&app, startup::open_store(|_| Ok(()))?);
    }
    Ok(())
}

/// The version the app was built as (Cargo.toml's), for "Über Wandzeitung".
#[tauri::command]
#[specta::specta]
pub async fn app_version() -> ApiResult<String> {
    Ok(env!("CARGO_PKG_VERSION").to_owned())
}

/// Where the store is and whether it opened read-only, for the banner that
/// says so.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct StoreAccess {
    pub path: String,
    pub read_only: bool,
    /// The store or its backups lie on a network share (`\\server\share`),
    /// where SQLite's locks do not hold: the window warns.
    pub on_network_share: bool,
}

/// Whether the store's disk has room again after it was full.
#[tauri::command]
#[specta::specta]
pub async fn store_has_room(store: StoreState<'_>) -> ApiResult<bool> {
    Ok(store.has_room())
}

/// What the window's first screen shows, in one answer: each question asked
/// of the laptop is a round trip the start waits for (issue 43).
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StartScreen {
    /// The app cannot work with its store this time, and why.
    Problem { problem: ApiError },
    Open {
        /// The workshop to open first: the demo when this start created it,
        /// else the one whose day was under way when the app stopped (a
        /// restart mid-day opens where the day is).
        initial_workshop: Option<Id>,
        access: StoreAccess,
    },
}

#[tauri::command]
#[specta::specta]
pub async fn start_screen(app: tauri::AppHandle) -> ApiResult<StartScreen> {
    use tauri::Manager;
    let startup = app.state::<Startup>();
    if let Some(problem) = startup::lock(&startup.problem).clone() {
        return Ok(StartScreen::Problem { problem });
    }
    // The store is managed before the page loads (`setup`), or the problem
    // is set; this answer stands for a start that broke that order.
    let Some(store) = app.try_state::<std::sync::Arc<wandzeitung::Store>>() else {
        let missing = std::io::Error::other("the store was not opened");
        return Ok(StartScreen::Problem {
            problem: wandzeitung::Error::from(missing).into(),
        });
    };
    let demo = startup::lock(&startup.demo_workshop).clone();
    Ok(StartScreen::Open {
        // A day that cannot be read is no reason to keep the window shut:
        // the workshop list opens instead.
        initial_workshop: demo.or_else(|| {
            store
                .day_under_way()
                .inspect_err(|e| wandzeitung::note!("wandzeitung: the day under way: {e}"))
                .ok()
                .flatten()
        }),
        access: StoreAccess {
            path: store.path().display().to_string(),
            read_only: store.read_only(),
            on_network_share: wandzeitung::store::on_network_drive(store.path()),
        },
    })
}

#[tauri::command]
#[specta::specta]
pub async fn create_workshop(store: StoreState<'_>, input: WorkshopInput) -> ApiResult<Workshop> {
    Ok(store.create_workshop(&input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_workshop(
    store: StoreState<'_>,
    id: Id,
    input: WorkshopInput,
) -> ApiResult<Workshop> {
    Ok(store.update_workshop(&id, &input)?)
}

#[tauri::command]
#[specta::specta]
/// Deletes a workshop from the store and its backups; says from how many
/// backups it went.
pub async fn delete_workshop(store: StoreState<'_>, id: Id) -> ApiResult<u32> {
    Ok(u32::try_from(store.delete_workshop(&id)?).unwrap_or(u32::MAX))
}

#[tauri::command]
#[specta::specta]
pub async fn workshop_detail(store: StoreState<'_>, id: Id) -> ApiResult<WorkshopDetail> {
    Ok(store.workshop_detail(&id)?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_agenda_item(
    store: StoreState<'_>,
    workshop_id: Id,
    input: AgendaItemInput,
) -> ApiResult<AgendaItem> {
    Ok(store.add_agenda_item(&workshop_id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_agenda_item(
    store: StoreState<'_>,
    id: Id,
    input: AgendaItemInput,
) -> ApiResult<AgendaItem> {
    Ok(store.update_agenda_item(&id, &input)?)
}

/// The facilitator's notes for an item and a group work's assignment.
#[tauri::command]
#[specta::specta]
pub async fn set_item_script(
    store: StoreState<'_>,
    id: Id,
    script: ItemScript,
) -> ApiResult<AgendaItem> {
    Ok(store.set_item_script(&id, &script)?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_agenda_item(store: StoreState<'_>, id: Id) -> ApiResult<()> {
    Ok(store.delete_agenda_item(&id)?)
}
