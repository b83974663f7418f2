//! A challenge's history steps as the team shares them: checked under the
//! rules of a step recorded here, one step when equal, and the step that
//! keeps a value lost to a concurrent change.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

use super::Kept;
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::challenge_events;
use crate::store::sql::{self, Cached};
use crate::team::{EventStep, FollowUpField, Stamp};

/// A history step as the team has it, checked under the rules of a step
/// recorded here.
pub(super) fn checked_step(
    step: &EventStep,
) -> Result<(NaiveDate, Option<ChallengeStatus>, DateTime<Utc>)> {
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

/// A step from a row's columns `at`, `at + 1`, … (happened_on, status,
/// note, created_at), as the outbox and the kept steps hold it.
pub(super) fn step_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<EventStep> {
    Ok(EventStep {
        happened_on: r.get(at)?,
        status: r.get(at + 1)?,
        note: r.get(at + 2)?,
        created_at: r.get(at + 3)?,
    })
}

/// Adds (or, `gone`, removes) a step on a challenge here; a step that is
/// there already is the same step.
pub(super) fn put_step(
    tx: &Transaction,
    local_id: &str,
    step: &EventStep,
    gone: bool,
) -> Result<()> {
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
pub(super) fn remember_step(
    tx: &Transaction,
    origin: &str,
    step: &EventStep,
    gone: bool,
) -> Result<()> {
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
pub(super) fn lost_step(
    field: FollowUpField,
    lost: &Kept,
    lost_label: &str,
    winner: &Stamp,
) -> EventStep {
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
