//! What leaves the store as a file: the versioned workshop document (JSON)
//! for backup and exchange. The PDF, Markdown and CSV renderers will read the
//! same document.

pub mod csv;
pub mod dates;
pub mod document;
pub mod labels;
pub mod markdown;
pub mod pdf;

pub use document::{WorkshopDocument, FORMAT, FORMAT_VERSION};
