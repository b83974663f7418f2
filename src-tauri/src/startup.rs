//! Opening the store when the app starts.

use wandzeitung::model::Id;
use wandzeitung::{store, templates, Store};

use crate::error::ApiError;

/// What the first screen needs to know about this start.
#[derive(Default)]
pub struct Startup {
    /// Set when the store was empty and the demo workshop was created for it.
    pub demo_workshop: Option<Id>,
    /// The store claimed for this process (one writer per store).
    pub claim: std::sync::Mutex<Option<store::Claim>>,
    /// Why the store could not be opened; the window then shows only this
    /// (and the backups it can be restored from). Cleared by a restore.
    pub problem: std::sync::Mutex<Option<ApiError>>,
}

/// Opens the store where the CLI finds it too (`$WANDZEITUNG_DB` or the data
/// folder) and fills an empty one with the demo workshop.
pub fn open_store() -> wandzeitung::Result<(Store, Startup)> {
    let path = store::default_path()?;
    let claim = store::claim(&path)?;
    let store = Store::open(&path)?;
    let demo_workshop = if store.workshop_count()? == 0 {
        Some(templates::create_demo_workshop(&store)?)
    } else {
        None
    };
    Ok((
        store,
        Startup {
            demo_workshop,
            claim: std::sync::Mutex::new(Some(claim)),
            problem: Default::default(),
        },
    ))
}
