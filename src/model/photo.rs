use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, WorkspaceRef};

/// A photo of a paper wall or a flip chart, as the gallery, the projector
/// and the protocol show it. Its pixels are in the store's photo folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Photo {
    pub id: Id,
    pub workshop_id: Id,
    /// The agenda item it belongs to.
    pub item_id: Option<Id>,
    /// The workspace it belongs to (a board's paper wall); with neither
    /// this nor an item: the workshop's Fotoprotokoll.
    pub workspace: Option<WorkspaceRef>,
    pub caption: String,
    pub position: u32,
    pub width: u32,
    pub height: u32,
    /// Size of the stored JPEG.
    pub bytes: u32,
    /// Sent from a phone (not from the laptop).
    pub from_phone: bool,
    pub created_at: DateTime<Utc>,
}

/// What a person says about a photo: its caption and where it belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PhotoInput {
    pub caption: String,
    pub item_id: Option<Id>,
    /// Where no item is chosen: the workspace it belongs to.
    #[serde(default)]
    pub workspace: Option<WorkspaceRef>,
}
