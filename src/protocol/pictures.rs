//! Where a protocol finds the photos' pixels: the store's photo folder,
//! named by content. A protocol rendered from a file alone has none and
//! prints each photo's caption with a note that its picture is not there.

use std::path::PathBuf;

use crate::store::photo_dir;

#[derive(Debug, Clone, Default)]
pub struct Pictures {
    dir: Option<PathBuf>,
}

impl Pictures {
    /// No pictures: a document read from a file.
    pub fn none() -> Pictures {
        Pictures { dir: None }
    }

    /// The pictures in a photo folder.
    pub fn in_folder(dir: PathBuf) -> Pictures {
        Pictures { dir: Some(dir) }
    }

    /// The pictures of the store at `store_path`.
    pub fn of_store(store_path: &std::path::Path) -> Pictures {
        Pictures::in_folder(photo_dir(store_path))
    }

    /// The stored JPEG named `sha256`, if it is there and is what its name says.
    pub fn jpeg(&self, sha256: &str) -> Option<Vec<u8>> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let bytes = std::fs::read(self.dir.as_ref()?.join(format!("{sha256}.jpg"))).ok()?;
        (crate::store::sha256_hex(&bytes) == sha256).then_some(bytes)
    }
}
