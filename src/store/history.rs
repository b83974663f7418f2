//! Undo and redo of board actions.
//!
//! A board action runs as one recorded step: while it runs, triggers (see
//! migration 002) log the SQL that reverses each row it changes. Undo replays
//! a step's statements backwards; the same triggers record the reverse of the
//! replay into the step, so the step is then ready to be redone. History lives
//! in the store, so it survives a restart of the app.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{sql, Store};
use crate::error::Result;
use crate::model::*;

/// Undoable steps kept per board; older ones are forgotten.
pub const HISTORY_DEPTH: u32 = 100;

fn set_cursor(tx: &Transaction, step: Option<i64>) -> Result<()> {
    tx.execute(
        "UPDATE history_cursor SET step_id = ?1 WHERE id = 1",
        [step],
    )?;
    Ok(())
}

/// Starts recording a new step. Whatever was undone can no longer be redone.
fn begin(tx: &Transaction, board_id: &str, label: &str) -> Result<i64> {
    tx.execute(
        "DELETE FROM history_steps WHERE board_id = ?1 AND state = 'undone'",
        [board_id],
    )?;
    tx.execute(
        "INSERT INTO history_steps (board_id, label, state, created_at) VALUES (?1, ?2, 'done', ?3)",
        params![board_id, label, sql::ts(&sql::now())],
    )?;
    let step = tx.last_insert_rowid();
    set_cursor(tx, Some(step))?;
    Ok(step)
}

fn end(tx: &Transaction, board_id: &str, step: i64) -> Result<()> {
    set_cursor(tx, None)?;
    let ops: i64 = tx.query_row(
        "SELECT count(*) FROM history_ops WHERE step_id = ?1",
        [step],
        |r| r.get(0),
    )?;
    if ops == 0 {
        // The action changed nothing; there is nothing to undo.
        tx.execute("DELETE FROM history_steps WHERE id = ?1", [step])?;
        return Ok(());
    }
    tx.execute(
        "DELETE FROM history_steps WHERE board_id = ?1 AND state = 'done' AND id <= (
             SELECT id FROM history_steps WHERE board_id = ?1 AND state = 'done'
             ORDER BY id DESC LIMIT 1 OFFSET ?2)",
        params![board_id, HISTORY_DEPTH],
    )?;
    Ok(())
}

pub(crate) fn state(tx: &Transaction, board_id: &str) -> Result<History> {
    let undo = tx
        .query_row(
            "SELECT label FROM history_steps WHERE board_id = ?1 AND state = 'done'
             ORDER BY id DESC LIMIT 1",
            [board_id],
            |r| r.get(0),
        )
        .optional()?;
    let redo = tx
        .query_row(
            "SELECT label FROM history_steps WHERE board_id = ?1 AND state = 'undone'
             ORDER BY id ASC LIMIT 1",
            [board_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(History { undo, redo })
}

/// Replays a step backwards and flips it between done and undone.
fn replay(tx: &Transaction, step: i64, new_state: &str) -> Result<()> {
    let ops: Vec<String> = {
        let mut stmt =
            tx.prepare("SELECT sql FROM history_ops WHERE step_id = ?1 ORDER BY seq DESC")?;
        let rows = stmt.query_map([step], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    tx.execute("DELETE FROM history_ops WHERE step_id = ?1", [step])?;
    // Rows come back in reverse order of their removal (a card before its
    // field); the references between them hold again by the commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    set_cursor(tx, Some(step))?;
    for op in &ops {
        tx.execute_batch(op)?;
    }
    set_cursor(tx, None)?;
    tx.execute(
        "UPDATE history_steps SET state = ?2 WHERE id = ?1",
        params![step, new_state],
    )?;
    Ok(())
}

impl Store {
    /// Runs a board action as one transaction and one undoable step.
    /// `locate` finds the board the action belongs to (and fails if the thing
    /// acted on does not exist).
    pub(crate) fn board_action<T>(
        &self,
        label: &str,
        locate: impl FnOnce(&Transaction) -> Result<Id>,
        action: impl FnOnce(&Transaction, &str) -> Result<T>,
    ) -> Result<Applied<T>> {
        self.write(|tx| {
            let board_id = locate(tx)?;
            let step = begin(tx, &board_id, label)?;
            let value = action(tx, &board_id)?;
            end(tx, &board_id, step)?;
            super::boards::touch_board(tx, &board_id)?;
            Ok(Applied {
                value,
                history: state(tx, &board_id)?,
                board_id,
            })
        })
    }

    /// Undoes the board's last action. Returns false when there was none.
    pub fn undo(&self, board_id: &str) -> Result<Applied<bool>> {
        self.step_through(board_id, "done", "undone", "DESC")
    }

    /// Redoes the action undone last. Returns false when there was none.
    pub fn redo(&self, board_id: &str) -> Result<Applied<bool>> {
        self.step_through(board_id, "undone", "done", "ASC")
    }

    fn step_through(
        &self,
        board_id: &str,
        from: &str,
        to: &str,
        order: &str,
    ) -> Result<Applied<bool>> {
        self.write(|tx| {
            super::boards::get_board(tx, board_id)?;
            let step: Option<i64> = tx
                .query_row(
                    &format!(
                        "SELECT id FROM history_steps WHERE board_id = ?1 AND state = ?2
                         ORDER BY id {order} LIMIT 1"
                    ),
                    params![board_id, from],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(step) = step {
                replay(tx, step, to)?;
                super::boards::touch_board(tx, board_id)?;
            }
            Ok(Applied {
                value: step.is_some(),
                history: state(tx, board_id)?,
                board_id: board_id.to_owned(),
            })
        })
    }

    /// Drops the board's undo and redo steps, e.g. after it was filled by a template.
    pub(crate) fn forget_history(&self, board_id: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM history_steps WHERE board_id = ?1", [board_id])?;
            Ok(())
        })
    }

    pub fn history(&self, board_id: &str) -> Result<History> {
        self.read(|tx| {
            super::boards::get_board(tx, board_id)?;
            state(tx, board_id)
        })
    }
}
