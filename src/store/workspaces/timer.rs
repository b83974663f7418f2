//! The countdown of the current step. Its state is stored, so the projector
//! window and a restarted app show the same time; it is not undoable.

use chrono::Utc;
use rusqlite::{params, Transaction};

use super::board_rows::get_board;
use super::history::record_change;
use super::sql;
use super::Store;
use crate::error::Result;
use crate::model::*;

fn elapsed_now(timer: &Timer) -> u32 {
    let running = timer
        .started_at
        .map(|t| (Utc::now() - t).num_milliseconds().max(0))
        .unwrap_or(0);
    (i64::from(timer.elapsed_ms) + running).min(i64::from(u32::MAX)) as u32
}

impl Store {
    /// Sets the countdown to `seconds` and stops it.
    pub fn set_timer(&self, board_id: &str, seconds: u32) -> Result<Timer> {
        in_range("timer_seconds", seconds.into(), 1, TIMER_MAX_SECONDS.into())?;
        self.timer_write(board_id, |tx| {
            tx.execute(
                "UPDATE boards SET timer_seconds = ?2, timer_elapsed_ms = 0, timer_started_at = NULL
                 WHERE id = ?1",
                params![board_id, seconds],
            )?;
            Ok(())
        })
    }

    /// Starts or resumes the countdown; a running one keeps running.
    pub fn start_timer(&self, board_id: &str) -> Result<Timer> {
        self.timer_write(board_id, |tx| {
            tx.execute(
                "UPDATE boards SET timer_started_at = ?2 WHERE id = ?1 AND timer_started_at IS NULL",
                params![board_id, sql::ts(&sql::now())],
            )?;
            Ok(())
        })
    }

    /// Pauses the countdown, keeping the time that ran.
    pub fn pause_timer(&self, board_id: &str) -> Result<Timer> {
        self.timer_write(board_id, |tx| {
            let timer = get_board(tx, board_id)?.timer;
            if timer.started_at.is_some() {
                tx.execute(
                    "UPDATE boards SET timer_elapsed_ms = ?2, timer_started_at = NULL WHERE id = ?1",
                    params![board_id, elapsed_now(&timer)],
                )?;
            }
            Ok(())
        })
    }

    /// Back to the full duration, stopped.
    pub fn reset_timer(&self, board_id: &str) -> Result<Timer> {
        self.timer_write(board_id, |tx| {
            tx.execute(
                "UPDATE boards SET timer_elapsed_ms = 0, timer_started_at = NULL WHERE id = ?1",
                [board_id],
            )?;
            Ok(())
        })
    }

    /// Changes the board's timer; the board's followers hear of it.
    fn timer_write(
        &self,
        board_id: &str,
        change: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Timer> {
        self.write(|tx| {
            get_board(tx, board_id)?;
            change(tx)?;
            record_change(tx, WorkspaceRef::board(board_id))?;
            Ok(get_board(tx, board_id)?.timer)
        })
    }
}
