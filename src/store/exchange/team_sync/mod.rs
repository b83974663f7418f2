//! The store's side of the team folder: what this laptop changed, packed
//! into change files, and the other laptops' change files applied, each in
//! one transaction with the number of the last file applied from that
//! laptop, so nothing is applied twice or half.
//!
//! A workshop is the laptop's that made it: the others hold its latest
//! version read-only (`team_workshops`). A challenge's follow-up belongs to
//! the team: each field takes the value with the latest stamp, kept in
//! `team_fields` also while the challenge is not here, and put back over
//! every newer version of its workshop. A value that lost to a concurrent
//! change is written into the challenge's history, in the same words on
//! every laptop, so each laptop adds the same step once.

mod apply;
mod pack;
mod steps;

use rusqlite::{params, OptionalExtension, Transaction};

use super::photo_files::{photo_dir, picture_path};
use super::sql::{self, Cached};
use super::Store;
use crate::error::{Error, Result, TeamProblem};
use crate::model::*;
use crate::team::{Clock, FollowUpField, Stamp};

/// What waits and what happened, for the window and `wz sync --status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamStatus {
    /// Changes made here that are not on the server yet.
    pub waiting: u32,
    /// When a sync last went through, and the last failure since then.
    pub last_success: Option<String>,
    pub last_error: Option<SyncFailure>,
    /// The other laptops whose files were read here.
    pub laptops: Vec<TeamLaptop>,
    /// Change files that were refused.
    pub refused: Vec<RefusedFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamLaptop {
    pub device: String,
    pub label: String,
    pub files_applied: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RefusedFile {
    pub device: String,
    pub sequence: u64,
    pub reason: String,
}

/// Why the last sync failed, as the window says it (a catalogue key and
/// its values) and in English for the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncFailure {
    pub message_key: String,
    pub params: std::collections::BTreeMap<String, String>,
    pub detail: String,
}

/// A change file made here and not yet on the server.
#[derive(Debug, Clone)]
pub struct PendingFile {
    pub sequence: u64,
    pub bytes: Vec<u8>,
    /// The photos its workshops name (by content): in the folder first.
    pub photos: Vec<String>,
}

fn garbled(detail: impl Into<String>) -> Error {
    Error::Team {
        problem: TeamProblem::Garbled,
        detail: detail.into(),
    }
}

fn load_clock(tx: &Transaction, device: &str) -> Result<Clock> {
    let (wall_ms, counter): (i64, i64) = tx.row(
        "SELECT clock_wall_ms, clock_counter FROM team_state WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let last = Stamp {
        wall_ms: wall_ms.max(0) as u64,
        counter: counter.clamp(0, u32::MAX.into()) as u32,
        device: device.to_owned(),
    };
    Ok(Clock::new(device, Some(&last)))
}

fn save_clock(tx: &Transaction, clock: &Clock) -> Result<()> {
    let (wall_ms, counter) = clock.state();
    tx.exec(
        "UPDATE team_state SET clock_wall_ms = ?1, clock_counter = ?2 WHERE id = 1",
        params![wall_ms as i64, counter],
    )?;
    Ok(())
}

fn set_applying(tx: &Transaction, on: bool) -> Result<()> {
    tx.exec("UPDATE team_state SET applying = ?1 WHERE id = 1", [on])?;
    Ok(())
}

/// Where a challenge of this store is known to the team: its id on the
/// laptop that made its workshop; None when it is gone.
fn origin_of(tx: &Transaction, local_id: &str) -> Result<Option<String>> {
    let foreign: Option<String> = tx
        .row(
            "SELECT origin_id FROM team_challenges WHERE local_id = ?1",
            [local_id],
            |r| r.get(0),
        )
        .optional()?;
    if foreign.is_some() {
        return Ok(foreign);
    }
    Ok(tx
        .row("SELECT id FROM challenges WHERE id = ?1", [local_id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// A challenge the team names, here: its id in this store, and whether its
/// workshop is this laptop's own.
struct Local {
    id: String,
    own: bool,
}

fn local_of(tx: &Transaction, origin_id: &str) -> Result<Option<Local>> {
    let foreign: Option<String> = tx
        .row(
            "SELECT local_id FROM team_challenges WHERE origin_id = ?1",
            [origin_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = foreign {
        return Ok(Some(Local { id, own: false }));
    }
    let own: Option<String> = tx
        .row(
            "SELECT c.id FROM challenges c JOIN challenge_lists l ON l.id = c.list_id
             WHERE c.id = ?1 AND l.workshop_id NOT IN (SELECT workshop_id FROM team_workshops)",
            [origin_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(own.map(|id| Local { id, own: true }))
}

/// The team's last word on a field: value, stamp, and the stamp it replaced.
struct Kept {
    value: Option<String>,
    stamp: Stamp,
    base: Option<Stamp>,
}

fn register(tx: &Transaction, challenge: &str, field: FollowUpField) -> Result<Option<Kept>> {
    let row: Option<(Option<String>, String, String)> = tx
        .row(
            "SELECT value, stamp, base FROM team_fields WHERE challenge_id = ?1 AND field = ?2",
            params![challenge, field.column()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.and_then(|(value, stamp, base)| {
        Some(Kept {
            value,
            stamp: Stamp::from_key(&stamp)?,
            base: Stamp::from_key(&base),
        })
    }))
}

fn set_register(
    tx: &Transaction,
    challenge: &str,
    field: FollowUpField,
    kept: &Kept,
) -> Result<()> {
    tx.exec(
        "INSERT OR REPLACE INTO team_fields (challenge_id, field, value, stamp, base)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            challenge,
            field.column(),
            kept.value,
            kept.stamp.key(),
            kept.base.as_ref().map(Stamp::key).unwrap_or_default()
        ],
    )?;
    Ok(())
}

fn write_field(
    tx: &Transaction,
    local_id: &str,
    field: FollowUpField,
    value: Option<&str>,
) -> Result<()> {
    tx.exec(
        &format!(
            "UPDATE challenges SET {} = ?2, revision = revision + 1 WHERE id = ?1",
            field.column()
        ),
        params![local_id, value],
    )?;
    Ok(())
}

impl Store {
    /// Whether the photo named `sha256` is known to be in the team folder.
    pub fn team_photo_shared(&self, sha256: &str) -> Result<bool> {
        self.read(|tx| {
            Ok(tx.row(
                "SELECT count(*) > 0 FROM team_blobs WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )?)
        })
    }

    /// The photo named `sha256` is in the team folder now.
    pub fn team_photo_is_shared(&self, sha256: &str) -> Result<()> {
        self.write(|tx| {
            tx.exec(
                "INSERT OR IGNORE INTO team_blobs (sha256) VALUES (?1)",
                [sha256],
            )?;
            Ok(())
        })
    }

    /// The picture of a photo of this store, by content.
    pub fn photo_file(&self, sha256: &str) -> Result<Vec<u8>> {
        let path = picture_path(&photo_dir(&self.path), sha256);
        super::photo_files::read(&path, sha256)
    }

    /// Whether this store holds the photo named by `sha256`.
    pub fn has_photo_file(&self, sha256: &str) -> bool {
        picture_path(&photo_dir(&self.path), sha256).exists()
    }

    /// Notes how a sync ended.
    pub fn team_record(&self, outcome: std::result::Result<(), &Error>) -> Result<()> {
        self.write(|tx| {
            match outcome {
                Ok(()) => tx.exec(
                    "UPDATE team_state SET last_success = ?1, last_error = NULL WHERE id = 1",
                    [sql::ts(&sql::now())],
                )?,
                Err(e) => {
                    let failure = SyncFailure {
                        message_key: e.message_key(),
                        params: e.params(),
                        detail: e.to_string(),
                    };
                    tx.exec(
                        "UPDATE team_state SET last_error = ?1 WHERE id = 1",
                        [serde_json::to_string(&failure)?],
                    )?
                }
            };
            Ok(())
        })
    }

    /// What waits and what happened.
    pub fn team_status(&self) -> Result<TeamStatus> {
        self.read(|tx| {
            let counted: i64 = tx.row(
                "SELECT (SELECT count(*) FROM team_outbox_fields)
                      + (SELECT count(*) FROM team_outbox_events)
                      + (SELECT count(*) FROM team_outbox_gone)
                      + (SELECT coalesce(sum(ops), 0) FROM team_pending)",
                [],
                |r| r.get(0),
            )?;
            let set: bool = tx.row("SELECT count(*) > 0 FROM team_settings", [], |r| r.get(0))?;
            let workshops = if set {
                pack::changed_workshops(tx)?.len() as i64
            } else {
                0
            };
            let (last_success, last_error): (Option<String>, Option<String>) = tx.row(
                "SELECT last_success, last_error FROM team_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let last_error = last_error.and_then(|e| serde_json::from_str(&e).ok());
            let laptops = {
                let mut stmt = tx.prepare(
                    "SELECT device, label, last_sequence FROM team_devices ORDER BY label, device",
                )?;
                let rows = stmt.query_map([], |r| {
                    Ok(TeamLaptop {
                        device: r.get(0)?,
                        label: r.get(1)?,
                        files_applied: r.get::<_, i64>(2)?.max(0) as u64,
                    })
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let refused = {
                let mut stmt = tx.prepare(
                    "SELECT device, sequence, reason FROM team_refused ORDER BY device, sequence",
                )?;
                let rows = stmt.query_map([], |r| {
                    Ok(RefusedFile {
                        device: r.get(0)?,
                        sequence: r.get::<_, i64>(1)?.max(0) as u64,
                        reason: r.get(2)?,
                    })
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            Ok(TeamStatus {
                waiting: (counted + workshops).clamp(0, u32::MAX.into()) as u32,
                last_success,
                last_error,
                laptops,
                refused,
            })
        })
    }

    /// This laptop's own copy of a workshop (another laptop's, to change
    /// it here): everything of it, photos too, under new ids. Its id.
    pub fn copy_workshop(&self, workshop_id: &str) -> Result<Id> {
        let doc = self.export_workshop(workshop_id)?;
        let mut photo = |sha: &str| self.photo_file(sha).map(Some);
        self.import_workshop_file(&doc, &mut photo, &mut |_| {})
    }

    /// The team member a workshop came from, if it is another laptop's.
    pub fn team_origin(&self, workshop_id: &str) -> Result<Option<String>> {
        self.read(|tx| super::owners::team_label(tx, workshop_id))
    }
}
