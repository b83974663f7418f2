//! The projector window: what the room sees, following the facilitator.

use std::sync::Mutex;

use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};
use tauri_specta::Event;

use wandzeitung::model::{BoardProjection, Id};

use super::StoreState;
use crate::error::{ApiError, ApiResult};
use crate::events::Presentation;

pub const PROJECTOR_LABEL: &str = "projector";

pub type PresentationState<'a> = State<'a, Mutex<Presentation>>;

/// Opens the projector window, or brings it to the front when it is open.
#[tauri::command]
#[specta::specta]
pub async fn open_projector(app: AppHandle) -> ApiResult<()> {
    if let Some(window) = app.get_webview_window(PROJECTOR_LABEL) {
        return window.set_focus().map_err(ApiError::unexpected);
    }
    ensure_projector(&app)
}

/// Opens the projector window when none is open, leaving the focus where
/// it is when one is: for a command that shows something on it.
pub(crate) fn ensure_projector(app: &AppHandle) -> ApiResult<()> {
    if app.get_webview_window(PROJECTOR_LABEL).is_some() {
        return Ok(());
    }
    WebviewWindowBuilder::new(
        app,
        PROJECTOR_LABEL,
        WebviewUrl::App("index.html#projector".into()),
    )
    .title("Wandzeitung – Projektion")
    .inner_size(1280.0, 720.0)
    // As the main window (tauri.conf.json): the page's own drag and drop.
    .disable_drag_drop_handler()
    .build()
    .map(|_| ())
    .map_err(ApiError::unexpected)
}

/// The facilitator shows this board (and field); the projector follows.
#[tauri::command]
#[specta::specta]
pub fn present(
    app: AppHandle,
    presentation: PresentationState,
    shown: Presentation,
) -> ApiResult<()> {
    *presentation.lock().unwrap_or_else(|p| p.into_inner()) = shown.clone();
    shown.emit(&app).map_err(ApiError::unexpected)
}

#[tauri::command]
#[specta::specta]
pub fn presentation(presentation: PresentationState) -> ApiResult<Presentation> {
    Ok(presentation
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

/// The board as the room sees it: the fields in focus, each cut to the
/// first `per_field` face-up cards.
#[tauri::command]
#[specta::specta]
pub async fn board_projection(
    store: StoreState<'_>,
    board_id: Id,
    field_id: Option<Id>,
    per_field: u32,
) -> ApiResult<BoardProjection> {
    Ok(store.board_projection(&board_id, field_id.as_deref(), per_field)?)
}
