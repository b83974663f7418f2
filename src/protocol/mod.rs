//! What leaves the store as a file: the versioned workshop document (JSON)
//! for backup and exchange, and the protocol as PDF, Markdown and CSV, all
//! rendered from that same document.

pub mod attendance;
pub mod audience;
pub mod csv;
pub mod dates;
pub mod day;
pub mod export;
pub mod follow_up;
pub mod labels;
pub mod markdown;
pub mod pdf;
mod pictures;
pub mod results_csv;
pub mod workshop_file;

pub use pictures::Pictures;
pub use workshop_file::WorkshopFile;

/// The workshop document is the model's (the store reads and writes it);
/// the protocol renders from it.
pub use crate::model::document::{self, WorkshopDocument, FORMAT, FORMAT_VERSION};
