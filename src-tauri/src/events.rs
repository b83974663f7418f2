//! Events that keep every window on the same page: the projector follows the
//! facilitator within one frame, without polling.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event;
use wandzeitung::model::{Applied, Id};

/// Something on this board changed; windows showing it reload it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct BoardChanged {
    pub board_id: Id,
}

/// What the facilitator shows: the board and the field in focus.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type, Event)]
pub struct Presentation {
    pub board_id: Option<Id>,
    pub field_id: Option<Id>,
}

/// Tells every window that the board changed. A window that misses the event
/// still shows correct data the next time it loads, so a failed emit is only logged.
pub fn board_changed(app: &AppHandle, board_id: &str) {
    if let Err(e) = (BoardChanged {
        board_id: board_id.to_owned(),
    })
    .emit(app)
    {
        eprintln!("wandzeitung: board-changed event not sent: {e}");
    }
}

/// Passes an action's result through, announcing the change on its board.
pub fn announce<T>(app: &AppHandle, applied: Applied<T>) -> Applied<T> {
    board_changed(app, &applied.board_id);
    applied
}
