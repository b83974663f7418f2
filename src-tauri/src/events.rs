//! Events that keep every window on the same page: the projector follows the
//! facilitator within one frame, without polling.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event;
use wandzeitung::model::{Change, Id, Published, Subject};
use wandzeitung::store::Subscription;

/// What one commit of the store changed, and who changed it (the window,
/// a phone, the team folder): every window hears of every commit, and each
/// tells its own echo from another's write by the source.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct StoreChanged {
    pub changes: Vec<Change>,
}

/// What the facilitator shows: one workspace (a board, with the field in
/// focus if any; an actor map; a challenge list), or nothing yet. One enum:
/// the TypeScript `switch` over it is exhaustive, so a fourth workspace is a
/// compile error wherever it is not handled yet.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type, Event)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Presentation {
    #[default]
    Nothing,
    Board {
        board_id: Id,
        field_id: Option<Id>,
    },
    ActorMap {
        map_id: Id,
    },
    ChallengeList {
        list_id: Id,
    },
    /// An agenda item's own view: its questions, or its poll.
    Item {
        item_id: Id,
    },
    /// One photo of the Fotoprotokoll, full screen.
    Photo {
        photo_id: Id,
    },
}

/// How far an import has come: `done` of `total` items (cards, actors,
/// challenges and what holds them) taken over. The window shows it while a
/// large file goes in.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

impl ImportProgress {
    /// Reports `done` of `total` to the windows, at most every tenth of a
    /// second (and always the last item): a sent event costs more than an
    /// inserted card.
    pub fn reporter(app: &AppHandle, total: u64) -> impl FnMut(u64) + '_ {
        let mut last: Option<std::time::Instant> = None;
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        move |done| {
            let done = u32::try_from(done).unwrap_or(u32::MAX);
            if done < total && last.is_some_and(|t| t.elapsed().as_millis() < 100) {
                return;
            }
            last = Some(std::time::Instant::now());
            if let Err(e) = (ImportProgress { done, total }).emit(app) {
                wandzeitung::note!("wandzeitung: import-progress event not sent: {e}");
            }
        }
    }
}

/// The windows follow the store while the app runs.
pub struct Following {
    _subscription: Subscription,
}

/// Passes each of the store's commits on to the windows; a window that
/// misses one still shows correct data the next time it loads, so a failed
/// emit is only logged.
pub fn follow(app: &AppHandle, store: &wandzeitung::Store) -> Following {
    let app = app.clone();
    let subscription = store.subscribe(move |published: &Published| {
        for change in &published.changes {
            if let Subject::Agenda { workshop_id, .. } = &change.subject {
                crate::commands::agenda_run::moved(&app, workshop_id);
            }
        }
        let event = StoreChanged {
            changes: published.changes.clone(),
        };
        if let Err(e) = event.emit(&app) {
            wandzeitung::note!("wandzeitung: store-changed event not sent: {e}");
        }
    });
    Following {
        _subscription: subscription,
    }
}
