//! Applying: another laptop's change file taken whole into the store, in one
//! transaction with the number of the last file applied from that laptop;
//! its photos kept first, and taken away again should the file be refused.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};

use super::steps::{checked_step, lost_step, put_step, remember_step, step_at};
use super::{
    garbled, load_clock, local_of, register, save_clock, set_applying, set_register, write_field,
    Kept,
};
use crate::error::Result;
use crate::model::document::{PhotoDocument, WorkshopDocument, FORMAT as DOCUMENT_FORMAT};
use crate::model::Source;
use crate::store::photo_files::{photo_dir, picture_path, sha256_hex};
use crate::store::photos::KeptPixels;
use crate::store::sql::Cached;
use crate::store::{challenges, transfer, Store};
use crate::team::{ChangeFile, Clock, EventStep, FollowUpField, Op, Stamp, TeamSettings};

/// A team member's name as the team folder's user, generously.
const LABEL_MAX: usize = 200;

/// Puts the team's follow-up (fields and steps) over the challenges of a
/// workshop version just taken in.
fn overlay(tx: &Transaction, challenges: &HashMap<String, String>) -> Result<()> {
    for (origin, local) in challenges {
        for field in FollowUpField::ALL {
            if let Some(kept) = register(tx, origin, field)? {
                write_field(tx, local, field, kept.value.as_deref())?;
            }
        }
        let steps: Vec<(EventStep, bool)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT happened_on, status, note, created_at, gone FROM team_events
                 WHERE challenge_id = ?1 ORDER BY created_at",
            )?;
            let rows = stmt.query_map([origin], |r| Ok((step_at(r, 0)?, r.get(4)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (step, gone) in steps {
            put_step(tx, local, &step, gone)?;
        }
    }
    Ok(())
}

fn label_of(tx: &Transaction, device: &str, mine: &TeamSettings) -> Result<String> {
    if device == mine.device {
        return Ok(mine.label().to_owned());
    }
    Ok(tx
        .row(
            "SELECT label FROM team_devices WHERE device = ?1",
            [device],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| device.to_owned()))
}

/// The rows of one change file of another laptop, in the open transaction.
struct Applier<'t> {
    tx: &'t Transaction<'t>,
    mine: &'t TeamSettings,
    device: &'t str,
    label: String,
    clock: Clock,
    now_ms: u64,
    /// Whether a workshop was replaced or deleted (its photos may be free).
    replaced: bool,
    /// The file's photos kept in the photo folder, by content.
    pictures: &'t HashMap<String, KeptPixels>,
}

/// Whether an op is one of the team's follow-up (fields, history steps),
/// which a laptop put back from a backup takes again from its own files.
fn is_follow_up(op: &Op) -> bool {
    matches!(op, Op::Field { .. } | Op::Event { .. })
}

impl Applier<'_> {
    fn stamp_of(&mut self, stamp: &Stamp) -> Result<()> {
        if stamp.device != self.device {
            return Err(garbled(format!(
                "a change of {} in a file of {}",
                stamp.device, self.device
            )));
        }
        self.clock.observe(stamp, self.now_ms);
        Ok(())
    }

    fn op(&mut self, op: &Op) -> Result<()> {
        match op {
            Op::Device { label } => {
                let label = label.trim();
                if label.is_empty()
                    || label.chars().count() > LABEL_MAX
                    || label.chars().any(char::is_control)
                {
                    return Err(garbled("a laptop's name that is no name"));
                }
                self.label = label.to_owned();
                Ok(())
            }
            Op::Workshop {
                id,
                stamp,
                document,
            } => {
                self.stamp_of(stamp)?;
                self.workshop(id, stamp, document)
            }
            Op::WorkshopGone { id, stamp, .. } => {
                self.stamp_of(stamp)?;
                self.workshop_gone(id, stamp)
            }
            Op::Field {
                challenge,
                field,
                value,
                stamp,
                base,
            } => {
                self.stamp_of(stamp)?;
                let value = challenges::check_follow_up(*field, value.as_deref())?;
                let incoming = Kept {
                    value,
                    stamp: stamp.clone(),
                    base: base.clone(),
                };
                self.field(challenge, *field, incoming)
            }
            Op::Event {
                challenge,
                step,
                gone,
            } => {
                checked_step(step)?;
                self.step(challenge, step, *gone)
            }
        }
    }

    /// Who holds the workshop: refuses a file that speaks for a workshop of
    /// this laptop or of a third one.
    fn holder(&self, id: &str) -> Result<Option<(String, bool)>> {
        let held: Option<(String, String, bool)> = self
            .tx
            .row(
                "SELECT device, stamp, deleted FROM team_workshops WHERE workshop_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match held {
            Some((device, _, _)) if device != self.device => Err(garbled(format!(
                "{} speaks for a workshop of {device}",
                self.device
            ))),
            Some((_, stamp, deleted)) => Ok(Some((stamp, deleted))),
            None => {
                let here: bool = self.tx.row(
                    "SELECT count(*) > 0 FROM workshops WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                if here {
                    return Err(garbled(format!(
                        "{} speaks for a workshop of this laptop",
                        self.device
                    )));
                }
                Ok(None)
            }
        }
    }

    fn drop_version(&mut self, id: &str) -> Result<()> {
        self.tx
            .exec("DELETE FROM team_challenges WHERE workshop_id = ?1", [id])?;
        if self.tx.exec("DELETE FROM workshops WHERE id = ?1", [id])? > 0 {
            self.replaced = true;
        }
        Ok(())
    }

    fn workshop(&mut self, id: &str, stamp: &Stamp, doc: &WorkshopDocument) -> Result<()> {
        if let Some((held, deleted)) = self.holder(id)? {
            if deleted || held >= stamp.key() {
                return Ok(());
            }
        }
        if doc.format != DOCUMENT_FORMAT {
            return Err(garbled(format!("workshop {id} is not a workshop document")));
        }
        self.drop_version(id)?;
        let pictures: Vec<(&PhotoDocument, KeptPixels)> = doc
            .photos
            .iter()
            .filter_map(|p| Some((p, self.pictures.get(&p.sha256)?.clone())))
            .collect();
        let inserted = transfer::insert_document(self.tx, doc, &pictures, &mut |_| {}, Some(id))?;
        for (origin, local) in &inserted.challenges {
            self.tx.exec(
                "INSERT INTO team_challenges (origin_id, local_id, workshop_id) VALUES (?1, ?2, ?3)",
                params![origin, local, id],
            )?;
        }
        self.tx.exec(
            "INSERT OR REPLACE INTO team_workshops (workshop_id, device, label, stamp, deleted)
             VALUES (?1, ?2, ?3, ?4, 0)",
            params![id, self.device, self.label, stamp.key()],
        )?;
        overlay(self.tx, &inserted.challenges)
    }

    fn workshop_gone(&mut self, id: &str, stamp: &Stamp) -> Result<()> {
        if let Some((held, deleted)) = self.holder(id)? {
            if deleted || held >= stamp.key() {
                return Ok(());
            }
        }
        self.drop_version(id)?;
        self.tx.exec(
            "INSERT OR REPLACE INTO team_workshops (workshop_id, device, label, stamp, deleted)
             VALUES (?1, ?2, ?3, ?4, 1)",
            params![id, self.device, self.label, stamp.key()],
        )?;
        Ok(())
    }

    fn field(&mut self, challenge: &str, field: FollowUpField, incoming: Kept) -> Result<()> {
        let current = register(self.tx, challenge, field)?;
        // Which value the field ends with, and which one lost to a change
        // made without knowing it (a change made after seeing the value it
        // replaces is no conflict: `base` tells).
        let (winner, loser, take) = match &current {
            None => (&incoming, None, true),
            Some(cur) if cur.stamp == incoming.stamp => return Ok(()),
            Some(cur) if incoming.stamp > cur.stamp => {
                let concurrent = incoming.base.as_ref() != Some(&cur.stamp);
                (&incoming, concurrent.then_some(cur), true)
            }
            Some(cur) => {
                let concurrent = cur.base.as_ref() != Some(&incoming.stamp);
                (cur, concurrent.then_some(&incoming), false)
            }
        };
        if let Some(lost) = loser.filter(|l| l.value != winner.value) {
            let lost_label = label_of(self.tx, &lost.stamp.device, self.mine)?;
            let step = lost_step(field, lost, &lost_label, &winner.stamp);
            self.step(challenge, &step, false)?;
        }
        let local = local_of(self.tx, challenge)?;
        if take {
            set_register(self.tx, challenge, field, &incoming)?;
            if let Some(local) = &local {
                // A change typed here while this sync ran waits in the
                // outbox; it is stamped later than anything seen now, so
                // it will win: the field keeps it.
                let typed_here: bool = self.tx.row(
                    "SELECT count(*) > 0 FROM team_outbox_fields WHERE challenge_id = ?1 AND field = ?2",
                    params![local.id, field.column()],
                    |r| r.get(0),
                )?;
                if !typed_here {
                    write_field(self.tx, &local.id, field, incoming.value.as_deref())?;
                }
            }
        }
        Ok(())
    }

    fn step(&mut self, challenge: &str, step: &EventStep, gone: bool) -> Result<()> {
        let local = local_of(self.tx, challenge)?;
        if !local.as_ref().is_some_and(|l| l.own) {
            remember_step(self.tx, challenge, step, gone)?;
        }
        if let Some(local) = local {
            put_step(self.tx, &local.id, step, gone)?;
        }
        Ok(())
    }
}

impl Store {
    /// The number of the last file applied here from `device` (0: none).
    pub fn team_last_applied(&self, device: &str) -> Result<u64> {
        self.read(|tx| {
            let last: Option<i64> = tx
                .row(
                    "SELECT last_sequence FROM team_devices WHERE device = ?1",
                    [device],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(last.unwrap_or(0).max(0) as u64)
        })
    }

    /// Applies another laptop's change file whole, or nothing of it.
    /// `photos` are the bytes of its workshops' photos that were not here,
    /// by content. Returns false for a file applied before.
    pub fn team_apply(
        &self,
        mine: &TeamSettings,
        file: &ChangeFile<Op>,
        photos: &HashMap<String, Vec<u8>>,
        now_ms: u64,
    ) -> Result<bool> {
        if file.device == mine.device {
            return Err(garbled("a file of this laptop in another's folder"));
        }
        let mut pictures = HashMap::new();
        let kept = self.keep_team_pictures(file, photos, &mut pictures);
        let applied = kept.and_then(|()| self.apply_file(mine, file, &pictures, now_ms));
        if applied.is_err() {
            // Nothing of a refused file stays: its pictures neither.
            for kept in pictures.values() {
                kept.discard(&self.path);
            }
        }
        applied
    }

    /// Takes the follow-up of one of this laptop's own files that the store
    /// does not know of (it was put back from a backup): the team has
    /// those changes, and so must this laptop again. Its workshops stay as
    /// the backup holds them.
    pub fn team_apply_own(
        &self,
        mine: &TeamSettings,
        file: &ChangeFile<Op>,
        now_ms: u64,
    ) -> Result<()> {
        if file.device != mine.device {
            return Err(garbled("another laptop's file in this laptop's folder"));
        }
        let own = ChangeFile {
            format: file.format,
            device: file.device.clone(),
            sequence: file.sequence,
            ops: file
                .ops
                .iter()
                .filter(|op| is_follow_up(op))
                .cloned()
                .collect(),
        };
        let none = HashMap::new();
        self.write_as(Source::TeamSync, |tx| {
            set_applying(tx, true)?;
            let mut applier = Applier {
                tx,
                mine,
                device: &own.device,
                label: mine.label().to_owned(),
                clock: load_clock(tx, &mine.device)?,
                now_ms,
                replaced: false,
                pictures: &none,
            };
            for op in &own.ops {
                applier.op(op)?;
            }
            save_clock(tx, &applier.clock)?;
            set_applying(tx, false)
        })
        .map(|(value, _)| value)
    }

    /// The photos a change file's workshops name, kept in the photo folder:
    /// those here already as they are, the others from `photos`, checked
    /// to be the picture their name says (one missing is left out).
    fn keep_team_pictures(
        &self,
        file: &ChangeFile<Op>,
        photos: &HashMap<String, Vec<u8>>,
        kept: &mut HashMap<String, KeptPixels>,
    ) -> Result<()> {
        let dir = photo_dir(&self.path);
        for op in &file.ops {
            let Op::Workshop { document, .. } = op else {
                continue;
            };
            for p in &document.photos {
                if kept.contains_key(&p.sha256) {
                    continue;
                }
                let here = picture_path(&dir, &p.sha256);
                let pixels = if let Ok(meta) = std::fs::metadata(&here) {
                    KeptPixels {
                        sha256: p.sha256.clone(),
                        width: p.width,
                        height: p.height,
                        bytes: meta.len(),
                        new_files: false,
                    }
                } else if let Some(bytes) = photos.get(&p.sha256) {
                    self.keep_team_picture(&p.sha256, bytes)?
                } else {
                    continue;
                };
                kept.insert(p.sha256.clone(), pixels);
            }
        }
        Ok(())
    }

    /// A photo of another laptop, kept as it came: a JPEG that this
    /// laptop's own intake reads, named by its content; its thumbnail made
    /// here.
    fn keep_team_picture(&self, sha256: &str, bytes: &[u8]) -> Result<KeptPixels> {
        if sha256_hex(bytes) != sha256 {
            return Err(garbled(format!("the photo {sha256} is not the one named")));
        }
        if !matches!(
            crate::photos::sniff(bytes),
            Ok(crate::photos::PhotoFormat::Jpeg)
        ) {
            return Err(garbled(format!("the photo {sha256} is not a JPEG")));
        }
        let taken = crate::photos::take_in(bytes)?;
        let put = crate::store::photo_files::put(&photo_dir(&self.path), bytes, &taken.thumb)?;
        Ok(KeptPixels {
            sha256: put.sha256,
            width: taken.width,
            height: taken.height,
            bytes: bytes.len() as u64,
            new_files: put.new,
        })
    }

    /// The rows of a change file, in one transaction.
    fn apply_file(
        &self,
        mine: &TeamSettings,
        file: &ChangeFile<Op>,
        pictures: &HashMap<String, KeptPixels>,
        now_ms: u64,
    ) -> Result<bool> {
        let replaced = self
            .write_as(Source::TeamSync, |tx| {
                let last: i64 = tx
                    .row(
                        "SELECT last_sequence FROM team_devices WHERE device = ?1",
                        [&file.device],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or(0);
                let last = last.max(0) as u64;
                if file.sequence <= last {
                    return Ok(None);
                }
                if file.sequence != last + 1 {
                    return Err(garbled(format!(
                        "file {} of {} before file {}",
                        file.sequence,
                        file.device,
                        last + 1
                    )));
                }
                set_applying(tx, true)?;
                let mut applier = Applier {
                    tx,
                    mine,
                    device: &file.device,
                    label: label_of(tx, &file.device, mine)?,
                    clock: load_clock(tx, &mine.device)?,
                    now_ms,
                    replaced: false,
                    pictures,
                };
                for op in &file.ops {
                    applier.op(op)?;
                }
                tx.exec(
                    "INSERT INTO team_devices (device, label, last_sequence) VALUES (?1, ?2, ?3)
                 ON CONFLICT (device) DO UPDATE SET label = ?2, last_sequence = ?3",
                    params![file.device, applier.label, file.sequence as i64],
                )?;
                save_clock(tx, &applier.clock)?;
                let replaced = applier.replaced;
                set_applying(tx, false)?;
                Ok(Some(replaced))
            })?
            .0;
        if replaced == Some(true) {
            if let Err(e) = self.collect_photos() {
                crate::note!("wandzeitung: photo files not collected: {e}");
            }
        }
        Ok(replaced.is_some())
    }

    /// A change file that cannot be applied: named in the status and passed
    /// over, so that the laptop's later files still arrive.
    pub fn team_refuse(&self, device: &str, sequence: u64, reason: &str) -> Result<()> {
        self.write(|tx| {
            tx.exec(
                "INSERT OR REPLACE INTO team_refused (device, sequence, reason) VALUES (?1, ?2, ?3)",
                params![device, sequence as i64, reason],
            )?;
            tx.exec(
                "INSERT INTO team_devices (device, label, last_sequence) VALUES (?1, ?1, ?2)
                 ON CONFLICT (device) DO UPDATE SET last_sequence = max(last_sequence, ?2)",
                params![device, sequence as i64],
            )?;
            Ok(())
        })
    }
}
