//! Photos of the paper walls and flip charts: taken in from a phone or a
//! file, cleaned of everything but their pixels. The store keeps them (see
//! `store::photo_files`); the protocol embeds them as they are stored.

mod intake;
mod sniff;

pub use intake::{take_in, Processed};
pub use sniff::{sniff, PhotoFormat};

/// Reads a photo file, refusing one over the size limit before reading it.
pub fn read_file(path: &std::path::Path) -> crate::Result<Vec<u8>> {
    use std::io::Read;
    let limit = crate::model::PHOTO_FILE_MAX as u64;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    // One byte past the limit tells "too large" without reading the rest.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(crate::Error::PhotoRefused {
            problem: crate::PhotoProblem::TooLarge,
            detail: format!("{} is larger than {limit} bytes", path.display()),
        });
    }
    Ok(bytes)
}
