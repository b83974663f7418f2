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

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::photo_files::{photo_dir, picture_path, sha256_hex};
use super::photos::KeptPixels;
use super::sql::{self, Cached};
use super::{challenge_events, challenges, transfer, Store};
use crate::error::{Error, Result, TeamProblem};
use crate::model::document::{PhotoDocument, WorkshopDocument, FORMAT as DOCUMENT_FORMAT};
use crate::model::*;
use crate::team::{ChangeFile, Clock, EventStep, FollowUpField, Op, Stamp, TeamSettings, FORMAT};

/// Workshops in one change file: a first sync of a laptop with years of
/// workshops goes as many files of a few MB each, not one huge one.
const WORKSHOPS_PER_FILE: usize = 20;
/// A team member's name as the team folder's user, generously.
const LABEL_MAX: usize = 200;

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

/// A history step as the team has it, checked under the rules of a step
/// recorded here.
fn checked_step(step: &EventStep) -> Result<(NaiveDate, Option<ChallengeStatus>, DateTime<Utc>)> {
    let day = parse_date("progress_date", &step.happened_on)?;
    let status = match step.status.as_deref() {
        None => None,
        Some(s) => Some(
            ChallengeStatus::parse(s).ok_or_else(|| Error::UnknownValue {
                field: "challenge_status",
                value: s.to_owned(),
            })?,
        ),
    };
    let at = DateTime::parse_from_rfc3339(&step.created_at)
        .map_err(|_| Error::InvalidDate {
            field: "progress_date",
            value: step.created_at.clone(),
        })?
        .with_timezone(&Utc);
    Ok((day, status, at))
}

fn step_exists(tx: &Transaction, local_id: &str, step: &EventStep) -> Result<Option<String>> {
    Ok(tx
        .row(
            "SELECT id FROM challenge_events WHERE challenge_id = ?1 AND happened_on = ?2
             AND status IS ?3 AND note = ?4 AND created_at = ?5 LIMIT 1",
            params![
                local_id,
                step.happened_on,
                step.status,
                step.note,
                step.created_at
            ],
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds (or, `gone`, removes) a step on a challenge here; a step that is
/// there already is the same step.
fn put_step(tx: &Transaction, local_id: &str, step: &EventStep, gone: bool) -> Result<()> {
    let (day, status, at) = checked_step(step)?;
    match (step_exists(tx, local_id, step)?, gone) {
        (Some(id), true) => {
            tx.exec("DELETE FROM challenge_events WHERE id = ?1", [id])?;
        }
        (None, false) => {
            challenge_events::insert_event_at(tx, local_id, day, status, &step.note, at)?;
        }
        _ => {}
    }
    Ok(())
}

/// Keeps a step of another laptop's challenge, to put back over every
/// newer version of its workshop.
fn remember_step(tx: &Transaction, origin: &str, step: &EventStep, gone: bool) -> Result<()> {
    tx.exec(
        "INSERT OR REPLACE INTO team_events (challenge_id, happened_on, status, note, created_at, gone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            origin,
            step.happened_on,
            step.status,
            step.note,
            step.created_at,
            gone
        ],
    )?;
    Ok(())
}

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
            let rows = stmt.query_map([origin], |r| {
                Ok((
                    EventStep {
                        happened_on: r.get(0)?,
                        status: r.get(1)?,
                        note: r.get(2)?,
                        created_at: r.get(3)?,
                    },
                    r.get(4)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (step, gone) in steps {
            put_step(tx, local, &step, gone)?;
        }
    }
    Ok(())
}

fn status_word(value: &str) -> &str {
    match value {
        "open" => "offen",
        "in_progress" => "in Arbeit",
        "done" => "erledigt",
        "dropped" => "verworfen",
        other => other,
    }
}

fn field_word(field: FollowUpField) -> &'static str {
    match field {
        FollowUpField::Status => "Status",
        FollowUpField::Responsible => "Verantwortung",
        FollowUpField::NextStep => "Nächster Schritt",
        FollowUpField::DueDate => "Fällig am",
        FollowUpField::ReviewDate => "Überprüfen am",
        FollowUpField::ImpactGoal => "Wirkungsziel",
        FollowUpField::ImpactSignal => "Woran wir es merken",
    }
}

/// The history step for a value that lost to a concurrent change: the same
/// on every laptop (dated by the winning change), so it is one step.
fn lost_step(field: FollowUpField, lost: &Kept, lost_label: &str, winner: &Stamp) -> EventStep {
    let at = DateTime::<Utc>::from_timestamp_millis(winner.wall_ms as i64)
        .unwrap_or(DateTime::UNIX_EPOCH);
    let value = match (field, lost.value.as_deref()) {
        (_, None | Some("")) => "(leer)".to_owned(),
        (FollowUpField::Status, Some(v)) => status_word(v).to_owned(),
        (_, Some(v)) => v.to_owned(),
    };
    let mut note = format!(
        "Gleichzeitig geändert auf {lost_label}: {} „{value}“ wurde durch eine andere Änderung ersetzt.",
        field_word(field)
    );
    if note.chars().count() > NOTE_MAX {
        note = note.chars().take(NOTE_MAX - 1).collect::<String>() + "…";
    }
    EventStep {
        happened_on: at.date_naive().to_string(),
        status: None,
        note,
        created_at: sql::ts(&at),
    }
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
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                EventStep {
                    happened_on: r.get(1)?,
                    status: r.get(2)?,
                    note: r.get(3)?,
                    created_at: r.get(4)?,
                },
                r.get(5)?,
            ))
        })?;
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
fn changed_workshops(tx: &Transaction) -> Result<Vec<(String, String)>> {
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
        self.write(|tx| {
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
        let put = super::photo_files::put(&photo_dir(&self.path), bytes, &taken.thumb)?;
        Ok(KeptPixels {
            sha256: put.sha256,
            width: taken.width,
            height: taken.height,
            bytes: bytes.len() as u64,
            new_files: put.new,
        })
    }

    /// Whether this store holds the photo named by `sha256`.
    pub fn has_photo_file(&self, sha256: &str) -> bool {
        picture_path(&photo_dir(&self.path), sha256).exists()
    }

    /// The rows of a change file, in one transaction.
    fn apply_file(
        &self,
        mine: &TeamSettings,
        file: &ChangeFile<Op>,
        pictures: &HashMap<String, KeptPixels>,
        now_ms: u64,
    ) -> Result<bool> {
        let replaced = self.write(|tx| {
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
        })?;
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
                changed_workshops(tx)?.len() as i64
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
