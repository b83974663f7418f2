//! The team folder's sync while the app runs: at start, every five minutes,
//! when a workshop's day ends and when asked ("Jetzt abgleichen"), on a
//! thread of its own, one sync at a time, so the facilitator never waits
//! for one. Offline is normal: a sync that fails is kept in the status and
//! tried again at the next turn.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use wandzeitung::store::TeamStatus;
use wandzeitung::team::{self, SyncReport};
use wandzeitung::Store;

use crate::startup::lock;

const EVERY: Duration = Duration::from_secs(5 * 60);

/// A sync ended (or failed): windows refresh what waits and what arrived.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct TeamSynced {
    pub status: TeamStatus,
}

/// One sync at a time, and the worker's wake-up call.
#[derive(Default)]
pub struct TeamSync {
    one_at_a_time: Mutex<()>,
    wake: Mutex<Option<Sender<()>>>,
}

impl TeamSync {
    /// Syncs now, after any sync under way; an error when no team folder
    /// is set.
    pub fn run(&self, app: &AppHandle, store: &Store) -> wandzeitung::Result<SyncReport> {
        let outcome = {
            let _one = lock(&self.one_at_a_time);
            team::sync_configured(store)
        };
        announce(app, store);
        outcome
    }

    /// Asks the worker for a sync soon (a workshop's day ended).
    pub fn nudge(&self) {
        if let Some(wake) = lock(&self.wake).as_ref() {
            let _ = wake.send(());
        }
    }
}

fn announce(app: &AppHandle, store: &Store) {
    if let Ok(status) = store.team_status() {
        let _ = TeamSynced { status }.emit(app);
    }
}

/// Starts the worker for the app's store.
pub fn keep(app: &AppHandle, store: Arc<Store>) {
    let (wake, woken) = mpsc::channel();
    *lock(&app.state::<TeamSync>().wake) = Some(wake);
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || work(&app, &store, &woken));
    if let Err(e) = spawned {
        wandzeitung::note!("Wandzeitung: no team sync: {e}");
    }
}

fn work(app: &AppHandle, store: &Store, woken: &Receiver<()>) {
    loop {
        // Nothing to do (and nothing to say) until a team folder is set.
        if matches!(store.team_settings(), Ok(Some(_))) {
            if let Err(e) = app.state::<TeamSync>().run(app, store) {
                wandzeitung::note!("Wandzeitung: team sync: {e}");
            }
        }
        match woken.recv_timeout(EVERY) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}
