//! Wandzeitung's core: the workshop model, the SQLite store and the built-in
//! templates. No window, no Tauri: the desktop shell and the `wz` CLI both
//! stand on this API.

pub mod diag;
pub mod error;
mod error_view;
pub(crate) mod files;
pub mod join;
pub mod model;
mod named;
pub mod photos;
pub mod protocol;
pub mod qr;
pub mod store;
pub mod team;
pub mod templates;

pub use error::{
    Error, ErrorCode, ErrorKind, ErrorView, FileProblem, PhotoProblem, Result, TeamProblem,
};
pub use store::Store;
