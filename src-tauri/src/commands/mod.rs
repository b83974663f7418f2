//! Thin IPC commands: parse, call the core, map the error. The store tells
//! the windows and the phones what changed (see `events::follow`).
//! One file per workspace.
//!
//! Commands are `async` so Tauri runs them off the main thread: a store write
//! waits for its fsync there, never in the loop that paints the windows.

pub mod actors;
pub mod agenda_run;
pub mod audience;
pub mod backups;
pub mod boards;
pub mod cards;
pub mod challenges;
pub mod files;
pub mod groups;
pub mod join;
pub mod package;
pub mod photos;
pub mod projector;
pub mod team;
pub mod voting;
pub mod workshops;

use std::sync::Arc;

use tauri::State;
use wandzeitung::Store;

/// The store as the commands see it; shared with the participant server.
pub type StoreState<'a> = State<'a, Arc<Store>>;
