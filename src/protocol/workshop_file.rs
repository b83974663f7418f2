//! The workshop file: the JSON document alone, or, to carry the photos'
//! pixels too, a ZIP holding `workshop.json` and each stored JPEG as
//! `photos/<sha256>.jpg`. JSON files of every earlier version stay readable
//! as they are. A ZIP is read entry by entry, each within its bound, and
//! only the entries named here are ever looked up (nothing is unpacked to
//! disk): a bomb, ten thousand entries or a name with `..` cost little.

use std::io::{Read, Seek, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::Pictures;
use super::WorkshopDocument;
use crate::error::{Error, FileProblem, Result};
use crate::model::document::MAX_BYTES;
use crate::model::{Id, PHOTOS_PER_WORKSHOP_MAX, PHOTO_FILE_MAX};
use crate::Store;

/// The document's name inside the ZIP.
pub const DOCUMENT_ENTRY: &str = "workshop.json";
/// Entries a workshop ZIP may have: the document and a workshop's photos.
const ENTRIES_MAX: usize = PHOTOS_PER_WORKSHOP_MAX as usize + 1;

fn photo_entry(sha256: &str) -> String {
    format!("photos/{sha256}.jpg")
}

fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::UnsupportedFile {
        problem: FileProblem::Damaged,
        detail: detail.to_string(),
    }
}

/// The ZIP's bytes: the document, compressed, and every photo it names
/// whose pixels `pictures` has, stored as they are (a JPEG does not shrink).
pub fn zip_bytes(doc: &WorkshopDocument, pictures: &Pictures) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let io = |e: zip::result::ZipError| Error::Io(std::io::Error::other(e));
    zip.start_file(
        DOCUMENT_ENTRY,
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
    )
    .map_err(io)?;
    zip.write_all(doc.to_json()?.as_bytes())?;
    let mut written = std::collections::HashSet::new();
    for photo in &doc.photos {
        if !written.insert(photo.sha256.as_str()) {
            continue;
        }
        if let Some(jpeg) = pictures.jpeg(&photo.sha256) {
            zip.start_file(
                photo_entry(&photo.sha256),
                SimpleFileOptions::default().compression_method(CompressionMethod::Stored),
            )
            .map_err(io)?;
            zip.write_all(&jpeg)?;
        }
    }
    Ok(zip.finish().map_err(io)?.into_inner())
}

/// A workshop file as read: its document and, from a ZIP, the way to its
/// photos' bytes.
pub struct WorkshopFile {
    pub doc: WorkshopDocument,
    archive: Option<zip::ZipArchive<std::fs::File>>,
}

/// Reads at most `max` bytes of `from`; more is refused as too large.
fn bounded(from: impl Read, max: usize, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    from.take(max as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Err(Error::UnsupportedFile {
            problem: FileProblem::TooLarge,
            detail: format!("{what} is larger than {} MB", max / 1_000_000),
        });
    }
    Ok(bytes)
}

/// An entry's bytes within `max`: a read that fails on the way (a CRC that
/// does not match, a stream cut short) is a damaged file, not a disk error.
fn entry_bytes(entry: impl Read, max: usize, what: &str) -> Result<Vec<u8>> {
    bounded(entry, max, what).map_err(|e| match e {
        Error::Io(io) => damaged(io),
        e => e,
    })
}

impl WorkshopFile {
    /// Reads a workshop file, JSON or ZIP, told apart by its first bytes.
    pub fn read(path: &Path) -> Result<WorkshopFile> {
        let mut file = std::fs::File::open(path)?;
        let mut magic = [0u8; 4];
        let n = file.read(&mut magic)?;
        file.rewind()?;
        if magic[..n] != *b"PK\x03\x04" {
            return Ok(WorkshopFile {
                doc: WorkshopDocument::from_json(&bounded(file, MAX_BYTES, "the file")?)?,
                archive: None,
            });
        }
        let mut archive = zip::ZipArchive::new(file).map_err(damaged)?;
        if archive.len() > ENTRIES_MAX {
            return Err(damaged(format!(
                "{} entries, a workshop has at most {ENTRIES_MAX}",
                archive.len()
            )));
        }
        let json = {
            let entry = archive
                .by_name(DOCUMENT_ENTRY)
                .map_err(|_| Error::UnsupportedFile {
                    problem: FileProblem::NotOurs,
                    detail: format!("no {DOCUMENT_ENTRY} in the archive"),
                })?;
            entry_bytes(entry, MAX_BYTES, DOCUMENT_ENTRY)?
        };
        Ok(WorkshopFile {
            doc: WorkshopDocument::from_json(&json)?,
            archive: Some(archive),
        })
    }

    /// Imports the file as a new workshop, with the photos it carries: all
    /// of it or nothing (`Store::import_workshop_file`).
    pub fn import_into(self, store: &Store, progress: &mut dyn FnMut(u64)) -> Result<Id> {
        let WorkshopFile { doc, mut archive } = self;
        store.import_workshop_file(&doc, &mut |sha| photo(archive.as_mut(), sha), progress)
    }
}

/// The bytes of the photo named `sha256`, as the file carries them; `None`
/// from a JSON file or when the archive lacks it.
fn photo(
    archive: Option<&mut zip::ZipArchive<std::fs::File>>,
    sha256: &str,
) -> Result<Option<Vec<u8>>> {
    let Some(archive) = archive else {
        return Ok(None);
    };
    let entry = match archive.by_name(&photo_entry(sha256)) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e)),
    };
    entry_bytes(entry, PHOTO_FILE_MAX, "a photo").map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_without_the_document_is_not_ours_and_a_bomb_is_refused_by_its_bound() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, entries: &[(&str, Vec<u8>)]| {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for (entry, bytes) in entries {
                zip.start_file(
                    *entry,
                    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
                )
                .unwrap();
                zip.write_all(bytes).unwrap();
            }
            let path = dir.path().join(name);
            std::fs::write(&path, zip.finish().unwrap().into_inner()).unwrap();
            path
        };
        let foreign = write("fremd.zip", &[("readme.txt", b"hallo".to_vec())]);
        assert!(matches!(
            WorkshopFile::read(&foreign),
            Err(Error::UnsupportedFile {
                problem: FileProblem::NotOurs,
                ..
            })
        ));
        // 70 MB of spaces pack into a few dozen kilobytes.
        let bomb = write("bombe.zip", &[(DOCUMENT_ENTRY, vec![b' '; 70_000_000])]);
        assert!(std::fs::metadata(&bomb).unwrap().len() < 1_000_000);
        assert!(matches!(
            WorkshopFile::read(&bomb),
            Err(Error::UnsupportedFile {
                problem: FileProblem::TooLarge,
                ..
            })
        ));
        let cut = dir.path().join("abgeschnitten.zip");
        let whole = std::fs::read(&foreign).unwrap();
        std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
        assert!(matches!(
            WorkshopFile::read(&cut),
            Err(Error::UnsupportedFile {
                problem: FileProblem::Damaged,
                ..
            })
        ));
    }
}
