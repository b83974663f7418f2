//! One sync with the team folder: this laptop's changes packed and added
//! (`changes/<device>/<sequence>.json.gz`, never replacing a file), then
//! every other laptop's new files read and applied in their order. Each
//! step is kept in the store as it completes, so a sync cut off anywhere
//! (network gone, process killed) loses nothing and the next one goes on
//! from there.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::{ChangeFile, Folder, Op, Put, TeamSettings};
use crate::error::{Error, ErrorKind, Result, TeamProblem};
use crate::store::Store;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncReport {
    /// Change files of this laptop added to the folder.
    pub files_sent: usize,
    /// Change files of other laptops applied here.
    pub files_applied: usize,
    /// Change files refused, with the reason.
    pub refused: Vec<String>,
    pub bytes_sent: u64,
    pub bytes_received: u64,
}

/// Where photos lie in the team folder, named by their content.
const BLOBS: &str = "blobs";

fn blob_path(sha256: &str) -> String {
    format!("{BLOBS}/{sha256}.jpg")
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Whether an error applying a file is the file's (refuse it, go on) rather
/// than this laptop's (stop; the next sync tries again).
fn is_the_files_fault(e: &Error) -> bool {
    match e {
        Error::ReadOnlyStore { .. } | Error::StoreInUse { .. } | Error::FileInUse { .. } => false,
        Error::Database(db) => {
            db.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
        }
        other => other.kind() != ErrorKind::Unexpected,
    }
}

/// Syncs the store with the team folder set in it, the password from the
/// credential store (or `WZ_TEAM_PASSWORD`).
pub fn sync_configured(store: &Store) -> Result<SyncReport> {
    let settings = store.configured_team()?;
    sync(store, &settings, &settings.folder()?)
}

/// Syncs the store with the team folder; the outcome is kept for the status.
pub fn sync(store: &Store, settings: &TeamSettings, folder: &Folder) -> Result<SyncReport> {
    let outcome = run(store, settings, folder);
    store.team_record(outcome.as_ref().map(|_| ()))?;
    outcome
}

fn run(store: &Store, settings: &TeamSettings, folder: &Folder) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    // Packed before anything of the others is applied: a change typed here
    // is stamped before this laptop has seen what it did not know of.
    store.team_pack(settings, now_ms())?;
    let own = format!("changes/{}", settings.device);
    folder.make_folder(&own)?;
    let mut blobs_made = false;
    let mut pending = store.team_pending()?.into_iter();
    while let Some(file) = pending.next() {
        // A file's photos are in the folder before the file that names them.
        for sha in &file.photos {
            if store.team_photo_shared(sha)? {
                continue;
            }
            let bytes = match store.photo_file(sha) {
                Ok(bytes) => bytes,
                // Deleted since (and collected): the workshop's newer
                // version no longer names it.
                Err(Error::NotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            if !blobs_made {
                folder.make_folder(BLOBS)?;
                blobs_made = true;
            }
            let size = bytes.len() as u64;
            if folder.put_new(&blob_path(sha), bytes)? == Put::Added {
                report.bytes_sent += size;
            }
            store.team_photo_is_shared(sha)?;
        }
        let path = format!("{own}/{}", ChangeFile::<Op>::name(file.sequence));
        let size = file.bytes.len() as u64;
        match folder.put_new(&path, file.bytes.clone())? {
            Put::Added => report.bytes_sent += size,
            // The same file: it went up before the sync was cut off.
            Put::WasThere if folder.get(&path)? == file.bytes => {}
            // Another file of this laptop's number: the store is behind the
            // folder (put back from a backup). Its unsent files move
            // behind the folder's, so nothing of them is lost.
            Put::WasThere => {
                let last = folder
                    .list(&own)?
                    .entries
                    .iter()
                    .filter_map(|e| ChangeFile::<Op>::sequence_of(&e.name))
                    .max()
                    .unwrap_or(0);
                // What this laptop sent after the backup: the team has it,
                // so this laptop takes its follow-up again.
                for sequence in file.sequence..=last {
                    let name = ChangeFile::<Op>::name(sequence);
                    let bytes = folder.get(&format!("{own}/{name}"))?;
                    report.bytes_received += bytes.len() as u64;
                    // One that cannot be read is passed over, as another
                    // laptop's would be: the renumbered files still go up.
                    match ChangeFile::<Op>::decode(&settings.device, &name, &bytes)
                        .and_then(|sent| store.team_apply_own(settings, &sent, now_ms()))
                    {
                        Ok(()) => {}
                        Err(e) if is_the_files_fault(&e) => {
                            report.refused.push(format!("{own}/{name}: {e}"));
                        }
                        Err(e) => return Err(e),
                    }
                }
                store.team_renumber_pending(settings, last)?;
                pending = store.team_pending()?.into_iter();
                continue;
            }
        }
        store.team_uploaded(file.sequence)?;
        report.files_sent += 1;
    }
    for laptop in folder.list("changes")?.entries {
        if !laptop.is_folder || laptop.name == settings.device {
            continue;
        }
        apply_laptop(store, settings, folder, &laptop.name, &mut report)?;
    }
    Ok(report)
}

/// Applies one other laptop's files it has not applied yet, in order.
fn apply_laptop(
    store: &Store,
    settings: &TeamSettings,
    folder: &Folder,
    device: &str,
    report: &mut SyncReport,
) -> Result<()> {
    let path = format!("changes/{device}");
    let first = store.team_last_applied(device)? + 1;
    let mut files: Vec<(u64, String)> = folder
        .list(&path)?
        .entries
        .into_iter()
        .filter(|e| !e.is_folder)
        .filter_map(|e| ChangeFile::<Op>::sequence_of(&e.name).map(|s| (s, e.name)))
        .filter(|(s, _)| *s >= first)
        .collect();
    files.sort();
    for (next, (sequence, name)) in (first..).zip(files) {
        // A file not there yet (still being added): the rest waits for it.
        if sequence != next {
            break;
        }
        let bytes = folder.get(&format!("{path}/{name}"))?;
        report.bytes_received += bytes.len() as u64;
        let applied = match ChangeFile::<Op>::decode(device, &name, &bytes) {
            Ok(file) => {
                let photos = fetch_photos(store, folder, &file, report)?;
                store.team_apply(settings, &file, &photos, now_ms())
            }
            Err(e) => Err(e),
        };
        match applied {
            Ok(_) => report.files_applied += 1,
            Err(e) if is_the_files_fault(&e) => {
                let reason = e.to_string();
                store.team_refuse(device, sequence, &reason)?;
                report.refused.push(format!("{path}/{name}: {reason}"));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The photos a change file's workshops name that this laptop does not
/// hold yet, from the folder; one that is not there is said in the report
/// and left out (its workshop arrives without it).
fn fetch_photos(
    store: &Store,
    folder: &Folder,
    file: &ChangeFile<Op>,
    report: &mut SyncReport,
) -> Result<HashMap<String, Vec<u8>>> {
    let mut photos = HashMap::new();
    for op in &file.ops {
        let Op::Workshop { document, .. } = op else {
            continue;
        };
        for p in &document.photos {
            if photos.contains_key(&p.sha256)
                || store.has_photo_file(&p.sha256)
                || !super::webdav::is_our_name(&p.sha256)
            {
                continue;
            }
            match folder.get(&blob_path(&p.sha256)) {
                Ok(bytes) => {
                    report.bytes_received += bytes.len() as u64;
                    photos.insert(p.sha256.clone(), bytes);
                }
                Err(Error::Team {
                    problem: TeamProblem::NoSuchFolder,
                    ..
                }) => report
                    .refused
                    .push(format!("{}: missing", blob_path(&p.sha256))),
                Err(e) => return Err(e),
            }
        }
    }
    Ok(photos)
}
