//! Opening the store when the app starts.

use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Manager};
use wandzeitung::model::Id;
use wandzeitung::{store, templates, Store};

use crate::error::ApiError;

/// What the first screen needs to know about this start.
#[derive(Default)]
pub struct Startup {
    /// Set when the store was empty and the demo workshop was created for it.
    pub demo_workshop: Mutex<Option<Id>>,
    /// The store claimed for this process (one writer per store).
    pub claim: Mutex<Option<store::Claim>>,
    /// Why the store could not be opened; the window then shows only this
    /// (and the backups it can be restored from). Cleared once it opens.
    pub problem: Mutex<Option<ApiError>>,
}

/// A store opened for this process, with its claim and, for an empty one,
/// the demo workshop made in it.
pub struct Opened {
    pub store: Store,
    pub claim: store::Claim,
    pub demo_workshop: Option<Id>,
}

/// Makes what the first screen will ask for and takes a while to make
/// (the built-in templates, for the start page) on a thread of its own while
/// the window is being made.
pub fn prepare_in_background() {
    let spawned = std::thread::Builder::new()
        .name("prepare".into())
        .spawn(templates::prepare_builtins);
    if let Err(e) = spawned {
        wandzeitung::note!("Wandzeitung: templates are made when first asked for: {e}");
    }
}

/// Opens the store where the CLI finds it too (`$WANDZEITUNG_DB` or the data
/// folder), after `prepare` (e.g. a restore) has run under the claim, and
/// fills an empty one with the demo workshop. A read-only store stays as it
/// is: no demo, no backups.
pub fn open_store(
    prepare: impl FnOnce(&std::path::Path) -> wandzeitung::Result<()>,
) -> wandzeitung::Result<Opened> {
    let path = store::default_path()?;
    let claim = store::claim(&path)?;
    prepare(&path)?;
    let store = Store::open(&path)?;
    let demo_workshop = if !store.read_only() && store.workshop_count()? == 0 {
        Some(templates::create_demo_workshop(&store)?)
    } else {
        None
    };
    Ok(Opened {
        store,
        claim,
        demo_workshop,
    })
}

/// Hands an opened store to the app: managed for the commands, backed up
/// while it runs (unless read-only), its claim held for the process.
pub fn adopt(app: &AppHandle, opened: Opened) {
    let startup = app.state::<Startup>();
    let store = Arc::new(opened.store);
    app.manage(crate::events::follow(app, &store));
    if !store.read_only() {
        crate::backups::keep(store.clone());
        crate::team_sync::keep(app, store.clone());
    }
    app.manage(store);
    *lock(&startup.claim) = Some(opened.claim);
    *lock(&startup.demo_workshop) = opened.demo_workshop;
    *lock(&startup.problem) = None;
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// From now on the app's notes also go to `logs/wandzeitung.log` beside the
/// store: on Windows the released app has no console to read them from.
pub fn start_log() {
    let Ok(path) = store::default_path() else {
        return;
    };
    let Some(dir) = path.parent() else {
        return;
    };
    match wandzeitung::diag::to_file(&dir.join("logs")) {
        Ok(_) => wandzeitung::note!(
            "Wandzeitung {} started, store {}",
            env!("CARGO_PKG_VERSION"),
            path.display()
        ),
        Err(e) => eprintln!("Wandzeitung: no log file: {e}"),
    }
}
