//! What a committed write changed, and who made it. The store publishes
//! these after each commit (never for a rolled-back write); the phones'
//! server and the windows follow them, whoever wrote: the window, a phone,
//! `wz`, or the team folder.

use serde::{Deserialize, Serialize};

use super::{AgendaItem, Card, History, Id, Photo, WorkspaceRef};

/// Who made a write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Source {
    /// The facilitator, in the app's window.
    Window,
    /// A participant's phone.
    Phone { participant: Id },
    /// `wz` on the command line (`wz serve` for the phones' own writes
    /// names the phone).
    CommandLine,
    /// Another laptop's changes, taken in from the team folder.
    TeamSync,
}

/// One thing a write changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Subject {
    /// A board, actor map or challenge list took one undo step. `card` is
    /// the card a phone wrote or edited: a window can show it in place.
    Workspace {
        workspace: WorkspaceRef,
        history: History,
        card: Option<Card>,
    },
    /// The questions, poll or groups of an agenda item.
    Item { item_id: Id },
    /// Another agenda item runs in the workshop (`item` None: none runs).
    Agenda {
        workshop_id: Id,
        item: Option<AgendaItem>,
    },
    /// A photo was added to the workshop's gallery.
    Photo { photo: Photo },
    /// The phones' session of the workshop changed (the door, photos taken).
    Session { workshop_id: Id },
}

/// A change and its writer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Change {
    pub source: Source,
    pub subject: Subject,
}

/// The changes of one commit, numbered in commit order from the store's
/// opening: a phone that was told of number `n` has seen every change up to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Published {
    pub number: u64,
    pub changes: Vec<Change>,
}

impl Published {
    /// Whether the workshop's agenda moved in this commit.
    pub fn moves_agenda_of(&self, workshop_id: &str) -> bool {
        self.changes.iter().any(
            |c| matches!(&c.subject, Subject::Agenda { workshop_id: w, .. } if w == workshop_id),
        )
    }
}
