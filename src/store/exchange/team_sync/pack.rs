//! Packing: what this laptop changed since its last change file, stamped
//! and made into new ones, kept in the store until they are on the server.

use rusqlite::{params, Transaction};

use super::steps::{remember_step, step_at};
use super::{load_clock, origin_of, register, save_clock, set_register, Kept, PendingFile};
use crate::error::Result;
use crate::store::sql::Cached;
use crate::store::{transfer, Store};
use crate::team::{ChangeFile, EventStep, FollowUpField, Op, TeamSettings, FORMAT};

/// Workshops in one change file: a first sync of a laptop with years of
/// workshops goes as many files of a few MB each, not one huge one.
const WORKSHOPS_PER_FILE: usize = 20;

/// The outbox's rows, made into operations with stamps.
fn outgoing(tx: &Transaction, settings: &TeamSettings, now_ms: u64) -> Result<Vec<Op>> {
    let mut clock = load_clock(tx, &settings.device)?;
    let mut ops = Vec::new();
    let fields: Vec<(String, String, Option<String>, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT challenge_id, field, value, changed_ms FROM team_outbox_fields
             ORDER BY changed_ms, challenge_id, field",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (local, column, value, changed_ms) in fields {
        let (Some(field), Some(challenge)) =
            (FollowUpField::from_column(&column), origin_of(tx, &local)?)
        else {
            continue;
        };
        let stamp = clock.stamp(changed_ms.max(0) as u64);
        let base = register(tx, &challenge, field)?.map(|k| k.stamp);
        let kept = Kept {
            value: value.clone(),
            stamp: stamp.clone(),
            base: base.clone(),
        };
        set_register(tx, &challenge, field, &kept)?;
        ops.push(Op::Field {
            challenge,
            field,
            value,
            stamp,
            base,
        });
    }
    let steps: Vec<(String, EventStep, bool)> = {
        let mut stmt = tx.prepare(
            "SELECT challenge_id, happened_on, status, note, created_at, gone
             FROM team_outbox_events ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, step_at(r, 1)?, r.get(5)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (local, step, gone) in steps {
        let Some(challenge) = origin_of(tx, &local)? else {
            continue;
        };
        if challenge != local {
            remember_step(tx, &challenge, &step, gone)?;
        }
        ops.push(Op::Event {
            challenge,
            step,
            gone,
        });
    }
    let gone: Vec<(String, i64)> = {
        let mut stmt = tx.prepare("SELECT workshop_id, changed_ms FROM team_outbox_gone")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, changed_ms) in gone {
        tx.exec("DELETE FROM team_sent WHERE workshop_id = ?1", [&id])?;
        let files: Vec<String> = {
            let mut stmt =
                tx.prepare("SELECT file FROM team_carried WHERE workshop_id = ?1 ORDER BY file")?;
            let rows = stmt.query_map([&id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.exec("DELETE FROM team_carried WHERE workshop_id = ?1", [&id])?;
        ops.push(Op::WorkshopGone {
            id,
            stamp: clock.stamp(changed_ms.max(0) as u64),
            files,
        });
    }
    for (id, updated_at) in changed_workshops(tx)? {
        let document = transfer::document_of(tx, &id)?;
        tx.exec(
            "INSERT OR REPLACE INTO team_sent (workshop_id, updated_at) VALUES (?1, ?2)",
            params![id, updated_at],
        )?;
        ops.push(Op::Workshop {
            id,
            stamp: clock.stamp(now_ms),
            document: Box::new(document),
        });
    }
    tx.execute_batch(
        "DELETE FROM team_outbox_fields; DELETE FROM team_outbox_events; DELETE FROM team_outbox_gone;",
    )?;
    save_clock(tx, &clock)?;
    Ok(ops)
}

/// This laptop's workshops changed since they were last packed.
pub(super) fn changed_workshops(tx: &Transaction) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare(
        "SELECT w.id, w.updated_at FROM workshops w
         LEFT JOIN team_sent s ON s.workshop_id = w.id
         WHERE w.id NOT IN (SELECT workshop_id FROM team_workshops)
           AND (s.updated_at IS NULL OR s.updated_at <> w.updated_at)
         ORDER BY w.updated_at, w.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Packs what changed here since the last change file into new ones,
    /// kept in the store until they are on the server. Returns how many
    /// files were made.
    pub fn team_pack(&self, settings: &TeamSettings, now_ms: u64) -> Result<usize> {
        self.write(|tx| {
            let ops = outgoing(tx, settings, now_ms)?;
            let mut files: Vec<Vec<Op>> = Vec::new();
            let mut workshops_in_last = usize::MAX;
            for op in ops {
                let is_workshop = matches!(op, Op::Workshop { .. });
                if files.is_empty() || (is_workshop && workshops_in_last >= WORKSHOPS_PER_FILE) {
                    files.push(vec![Op::Device {
                        label: settings.label().to_owned(),
                    }]);
                    workshops_in_last = 0;
                }
                if is_workshop {
                    workshops_in_last += 1;
                }
                files.last_mut().expect("a file").push(op);
            }
            let mut sequence: i64 = tx.row(
                "SELECT next_sequence FROM team_state WHERE id = 1",
                [],
                |r| r.get(0),
            )?;
            let made = files.len();
            for ops in files {
                let count = ops.len() - 1;
                let photos: std::collections::BTreeSet<&str> = ops
                    .iter()
                    .filter_map(|op| match op {
                        Op::Workshop { document, .. } => Some(document),
                        _ => None,
                    })
                    .flat_map(|d| d.photos.iter().map(|p| p.sha256.as_str()))
                    .collect();
                let photos = serde_json::to_string(&photos)?;
                let file = ChangeFile {
                    format: FORMAT,
                    device: settings.device.clone(),
                    sequence: sequence as u64,
                    ops,
                };
                tx.exec(
                    "INSERT INTO team_pending (sequence, bytes, ops, photos) VALUES (?1, ?2, ?3, ?4)",
                    params![sequence, file.encode()?, count as i64, photos],
                )?;
                for op in &file.ops {
                    if let Op::Workshop { id, document, .. } = op {
                        let name = format!(
                            "changes/{}/{}",
                            settings.device,
                            ChangeFile::<Op>::name(sequence as u64)
                        );
                        let blobs = document.photos.iter().map(|p| format!("blobs/{}.jpg", p.sha256));
                        for carried in std::iter::once(name).chain(blobs) {
                            tx.exec(
                                "INSERT OR IGNORE INTO team_carried (workshop_id, file) VALUES (?1, ?2)",
                                params![id, carried],
                            )?;
                        }
                    }
                }
                sequence += 1;
            }
            tx.exec(
                "UPDATE team_state SET next_sequence = ?1 WHERE id = 1",
                [sequence],
            )?;
            Ok(made)
        })
    }

    /// The change files made here and not yet on the server, in order.
    pub fn team_pending(&self) -> Result<Vec<PendingFile>> {
        self.read(|tx| {
            let mut stmt =
                tx.prepare("SELECT sequence, bytes, photos FROM team_pending ORDER BY sequence")?;
            let rows = stmt.query_map([], |r| {
                let photos: String = r.get(2)?;
                Ok(PendingFile {
                    sequence: r.get::<_, i64>(0)? as u64,
                    bytes: r.get(1)?,
                    photos: serde_json::from_str(&photos).unwrap_or_default(),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The folder holds files of this laptop up to `after` that this store
    /// does not know of (it was put back from a backup, or copied): its
    /// change files not yet sent take the numbers after those, in order.
    pub fn team_renumber_pending(&self, settings: &TeamSettings, after: u64) -> Result<()> {
        self.write(|tx| {
            let pending: Vec<(i64, Vec<u8>)> = {
                let mut stmt =
                    tx.prepare("SELECT sequence, bytes FROM team_pending ORDER BY sequence")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            // Out of the way first: the new numbers may overlap the old.
            tx.exec("UPDATE team_pending SET sequence = -sequence", [])?;
            let mut next = after + 1;
            for (old, bytes) in pending {
                let name = ChangeFile::<Op>::name(old as u64);
                let mut file = ChangeFile::<Op>::decode(&settings.device, &name, &bytes)?;
                file.sequence = next;
                tx.exec(
                    "UPDATE team_pending SET sequence = ?1, bytes = ?2 WHERE sequence = ?3",
                    params![next as i64, file.encode()?, -old],
                )?;
                let place =
                    |n: u64| format!("changes/{}/{}", settings.device, ChangeFile::<Op>::name(n));
                // Aside until every file has its new number: old and new overlap.
                tx.exec(
                    "UPDATE team_carried SET file = 'renumbered:' || ?1 WHERE file = ?2",
                    params![place(next), place(old as u64)],
                )?;
                next += 1;
            }
            tx.exec(
                "UPDATE team_carried SET file = substr(file, 12) WHERE file LIKE 'renumbered:%'",
                [],
            )?;
            tx.exec(
                "UPDATE team_state SET next_sequence = max(next_sequence, ?1) WHERE id = 1",
                [next as i64],
            )?;
            Ok(())
        })
    }

    /// A change file is on the server.
    pub fn team_uploaded(&self, sequence: u64) -> Result<()> {
        self.write(|tx| {
            tx.exec(
                "DELETE FROM team_pending WHERE sequence = ?1",
                [sequence as i64],
            )?;
            Ok(())
        })
    }
}
