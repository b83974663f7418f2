//! Thin IPC commands: parse, call the core, map the error, announce the change.
//! One file per workspace.

pub mod boards;
pub mod cards;
pub mod projector;
pub mod voting;
pub mod workshops;

use tauri::State;
use wandzeitung::Store;

/// The store as the commands see it.
pub type StoreState<'a> = State<'a, Store>;
