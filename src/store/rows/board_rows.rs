//! Reading a board's and a field's row: what everything on a board (cards,
//! clusters, dots, the timer) reads of the board it is on, below the board's
//! own actions and view.

use rusqlite::{OptionalExtension, Row, Transaction};

use super::sql::{found, get_ts, Cached};
use crate::error::{Entity, Result};
use crate::model::*;

const BOARD_COLUMNS: &str = "id, workshop_id, position, title, dots_per_participant, vote_open,
    timer_seconds, timer_elapsed_ms, timer_started_at, created_at";
pub(crate) const FIELD_COLUMNS: &str = "id, board_id, position, question, hidden_collection";

pub(crate) fn board_from_row(row: &Row) -> rusqlite::Result<Board> {
    let started: Option<String> = row.get(8)?;
    Ok(Board {
        id: row.get(0)?,
        workshop_id: row.get(1)?,
        position: row.get(2)?,
        title: row.get(3)?,
        dots_per_participant: row.get(4)?,
        vote_open: row.get(5)?,
        timer: Timer {
            duration_seconds: row.get(6)?,
            elapsed_ms: row.get(7)?,
            started_at: match started {
                Some(_) => Some(get_ts(row, 8)?),
                None => None,
            },
        },
        created_at: get_ts(row, 9)?,
    })
}

pub(crate) fn field_from_row(row: &Row) -> rusqlite::Result<Field> {
    Ok(Field {
        id: row.get(0)?,
        board_id: row.get(1)?,
        position: row.get(2)?,
        question: row.get(3)?,
        hidden_collection: row.get(4)?,
    })
}

pub(crate) fn get_board(tx: &Transaction, id: &str) -> Result<Board> {
    let sql = format!("SELECT {BOARD_COLUMNS} FROM boards WHERE id = ?1");
    found(
        tx.row(&sql, [id], board_from_row).optional()?,
        Entity::Board,
        id,
    )
}

pub(crate) fn get_field(tx: &Transaction, id: &str) -> Result<Field> {
    let sql = format!("SELECT {FIELD_COLUMNS} FROM fields WHERE id = ?1");
    found(
        tx.row(&sql, [id], field_from_row).optional()?,
        Entity::Field,
        id,
    )
}

pub(crate) fn fields_of(tx: &Transaction, board_id: &str) -> Result<Vec<Field>> {
    let sql =
        format!("SELECT {FIELD_COLUMNS} FROM fields WHERE board_id = ?1 ORDER BY position, id");
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([board_id], field_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
