//! The rows of what became of a challenge after its workshop: each status
//! change and note with the day it happened. Below `challenges`, which
//! records a status changed in its form here; `progress` builds the
//! actions on both.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Row, Transaction};

use super::sql::{self, get_date, Cached};
use crate::error::Result;
use crate::model::*;

/// Steps kept for one challenge: years of monthly notes fit many times.
pub const EVENTS_PER_CHALLENGE_MAX: u32 = 1_000;

const COLUMNS: &str = "id, challenge_id, happened_on, status, note, created_at";

fn from_row(r: &Row) -> rusqlite::Result<ChallengeEvent> {
    let status: Option<String> = r.get(3)?;
    Ok(ChallengeEvent {
        id: r.get(0)?,
        challenge_id: r.get(1)?,
        happened_on: get_date(r, 2)?,
        status: status.as_deref().and_then(ChallengeStatus::parse),
        note: r.get(4)?,
        created_at: sql::get_ts(r, 5)?,
    })
}

/// A checked step: a status, a note or both, within the challenge's room.
pub(crate) fn insert_event(
    tx: &Transaction,
    challenge_id: &str,
    happened_on: NaiveDate,
    status: Option<ChallengeStatus>,
    note: &str,
) -> Result<ChallengeEvent> {
    insert_event_at(tx, challenge_id, happened_on, status, note, sql::now())
}

pub(crate) fn insert_event_at(
    tx: &Transaction,
    challenge_id: &str,
    happened_on: NaiveDate,
    status: Option<ChallengeStatus>,
    note: &str,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<ChallengeEvent> {
    let note = match status {
        Some(_) => optional_text("progress_note", note, NOTE_MAX)?,
        None => required_text("progress_note", note, NOTE_MAX)?,
    };
    use chrono::Datelike;
    if !YEARS.contains(&happened_on.year()) {
        return Err(crate::error::Error::InvalidDate {
            field: "progress_date",
            value: happened_on.to_string(),
        });
    }
    let count: u32 = tx.row(
        "SELECT count(*) FROM challenge_events WHERE challenge_id = ?1",
        [challenge_id],
        |r| r.get(0),
    )?;
    room_for("events_per_challenge", count, EVENTS_PER_CHALLENGE_MAX)?;
    let id = new_id();
    tx.exec(
        "INSERT INTO challenge_events (id, challenge_id, happened_on, status, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            challenge_id,
            happened_on.to_string(),
            status.map(ChallengeStatus::as_str),
            note,
            sql::ts(&created_at)
        ],
    )?;
    Ok(ChallengeEvent {
        id,
        challenge_id: challenge_id.to_owned(),
        happened_on,
        status,
        note,
        created_at,
    })
}

/// The steps of one challenge, oldest first.
pub(crate) fn events_of(tx: &Transaction, challenge_id: &str) -> Result<Vec<ChallengeEvent>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM challenge_events WHERE challenge_id = ?1
         ORDER BY happened_on, created_at, id"
    ))?;
    let rows = stmt.query_map([challenge_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The steps of every challenge of a list, for its workshop file.
pub(crate) fn events_of_list(tx: &Transaction, list_id: &str) -> Result<Vec<ChallengeEvent>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.id, e.challenge_id, e.happened_on, e.status, e.note, e.created_at
         FROM challenge_events e JOIN challenges c ON c.id = e.challenge_id
         WHERE c.list_id = ?1 ORDER BY c.position, e.happened_on, e.created_at, e.id",
    )?;
    let rows = stmt.query_map([list_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every challenge's steps, by challenge, for a report over many of them:
/// one pass over the table rather than a query per challenge.
pub(crate) fn all_events(
    tx: &Transaction,
    wanted: &std::collections::HashSet<&str>,
) -> Result<BTreeMap<Id, Vec<ChallengeEvent>>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM challenge_events ORDER BY challenge_id, happened_on, created_at, id"
    ))?;
    let mut out: BTreeMap<Id, Vec<ChallengeEvent>> = BTreeMap::new();
    for e in stmt.query_map([], from_row)? {
        let e = e?;
        if wanted.contains(e.challenge_id.as_str()) {
            out.entry(e.challenge_id.clone()).or_default().push(e);
        }
    }
    Ok(out)
}
