//! Events that keep every window on the same page: the projector follows the
//! facilitator within one frame, without polling.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use wandzeitung::model::{Applied, Id};

/// Something in this board, actor map or challenge list changed; windows
/// showing it reload it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct WorkspaceChanged {
    pub scope_id: Id,
}

/// What the facilitator shows: a board (and the field in focus), an actor
/// map or a challenge list. At most one of them is set.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type, Event)]
pub struct Presentation {
    pub board_id: Option<Id>,
    pub field_id: Option<Id>,
    #[serde(default)]
    pub actor_map_id: Option<Id>,
    #[serde(default)]
    pub challenge_list_id: Option<Id>,
}

/// Tells every window, and the phones of a joined board, that a workspace
/// changed. A window that misses the event still shows correct data the next
/// time it loads, so a failed emit is only logged.
pub fn changed(app: &AppHandle, scope_id: &str) {
    app.state::<crate::joining::Joining>().notify(scope_id);
    if let Err(e) = (WorkspaceChanged {
        scope_id: scope_id.to_owned(),
    })
    .emit(app)
    {
        eprintln!("wandzeitung: workspace-changed event not sent: {e}");
    }
}

/// Passes an action's result through, announcing the change in its workspace.
pub fn announce<T>(app: &AppHandle, applied: Applied<T>) -> Applied<T> {
    changed(app, &applied.scope_id);
    applied
}
