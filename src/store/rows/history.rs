//! Undo and redo of the actions on a board, an actor map or a challenge list.
//!
//! A board action runs as one recorded step: while it runs, triggers (see
//! migration 002) log the SQL that reverses each row it changes. Undo replays
//! a step's statements backwards; the same triggers record the reverse of the
//! replay into the step, so the step is then ready to be redone. History lives
//! in the store, so it survives a restart of the app.

use rusqlite::{params, OptionalExtension, Transaction};

use super::sql::Cached;
use super::{feed, owners, sql, Store};
use crate::error::Result;
use crate::model::*;

/// Undoable steps kept per workspace; older ones are forgotten.
pub const HISTORY_DEPTH: u32 = 100;

fn set_cursor(tx: &Transaction, step: Option<i64>) -> Result<()> {
    tx.exec(
        "UPDATE history_cursor SET step_id = ?1 WHERE id = 1",
        [step],
    )?;
    Ok(())
}

/// Starts recording a new step. Whatever was undone can no longer be redone.
fn begin(tx: &Transaction, scope_id: &str, label: &str) -> Result<i64> {
    tx.exec(
        "DELETE FROM history_steps WHERE scope_id = ?1 AND state = 'undone'",
        [scope_id],
    )?;
    tx.exec(
        "INSERT INTO history_steps (scope_id, label, state, created_at) VALUES (?1, ?2, 'done', ?3)",
        params![scope_id, label, sql::ts(&sql::now())],
    )?;
    let step = tx.last_insert_rowid();
    set_cursor(tx, Some(step))?;
    Ok(step)
}

fn end(tx: &Transaction, scope_id: &str, step: i64) -> Result<()> {
    set_cursor(tx, None)?;
    let ops: i64 = tx.row(
        "SELECT count(*) FROM history_ops WHERE step_id = ?1",
        [step],
        |r| r.get(0),
    )?;
    if ops == 0 {
        // The action changed nothing; there is nothing to undo.
        tx.exec("DELETE FROM history_steps WHERE id = ?1", [step])?;
        return Ok(());
    }
    tx.exec(
        "DELETE FROM history_steps WHERE scope_id = ?1 AND state = 'done' AND id <= (
             SELECT id FROM history_steps WHERE scope_id = ?1 AND state = 'done'
             ORDER BY id DESC LIMIT 1 OFFSET ?2)",
        params![scope_id, HISTORY_DEPTH],
    )?;
    Ok(())
}

pub(crate) fn state(tx: &Transaction, scope_id: &str) -> Result<History> {
    let undo = tx
        .query_row(
            "SELECT label FROM history_steps WHERE scope_id = ?1 AND state = 'done'
             ORDER BY id DESC LIMIT 1",
            [scope_id],
            |r| r.get(0),
        )
        .optional()?;
    let redo = tx
        .query_row(
            "SELECT label FROM history_steps WHERE scope_id = ?1 AND state = 'undone'
             ORDER BY id ASC LIMIT 1",
            [scope_id],
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
    tx.exec("DELETE FROM history_ops WHERE step_id = ?1", [step])?;
    // Rows come back in reverse order of their removal (a card before its
    // field); the references between them hold again by the commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    set_cursor(tx, Some(step))?;
    for op in &ops {
        tx.execute_batch(op)?;
    }
    set_cursor(tx, None)?;
    tx.exec(
        "UPDATE history_steps SET state = ?2 WHERE id = ?1",
        params![step, new_state],
    )?;
    Ok(())
}

/// Each workspace has its own undo history.
impl Workspace {
    /// Fails with the right "not found" when the scope is gone.
    fn check(self, tx: &Transaction, id: &str) -> Result<()> {
        owners::workshop_of(tx, self, id).map(|_| ())
    }

    /// Marks the workspace's workshop as changed now.
    fn touch(self, tx: &Transaction, id: &str) -> Result<()> {
        owners::touch(tx, self, id)
    }
}

/// The actions that change only a challenge's follow-up, which every laptop
/// of the team may do, also on another laptop's workshop (where
/// `update_challenge` may change nothing else: see `challenges`).
const FOLLOW_UP_ACTIONS: [&str; 2] = ["update_challenge", "record_progress"];

/// Runs an action as one undoable step of its workspace's history, inside a
/// transaction the caller commits.
pub(crate) fn scoped_in<T>(
    tx: &Transaction,
    scope: Workspace,
    label: &str,
    locate: impl FnOnce(&Transaction) -> Result<Id>,
    action: impl FnOnce(&Transaction, &str) -> Result<T>,
) -> Result<Applied<T>> {
    let scope_id = locate(tx)?;
    let step = begin(tx, &scope_id, label)?;
    let value = action(tx, &scope_id)?;
    end(tx, &scope_id, step)?;
    if FOLLOW_UP_ACTIONS.contains(&label) {
        owners::touch_follow_up(tx, scope, &scope_id)?;
    } else {
        scope.touch(tx, &scope_id)?;
    }
    applied(tx, value, scope, &scope_id)
}

/// An action's result, recorded as a change of its workspace for whoever
/// follows the store.
fn applied<T>(tx: &Transaction, value: T, scope: Workspace, scope_id: &str) -> Result<Applied<T>> {
    let history = record_change(tx, scope.at(scope_id))?;
    Ok(Applied {
        value,
        history,
        workspace: scope.at(scope_id),
    })
}

/// Records that a workspace changed (an undo step, its timer, its
/// deletion) for whoever follows the store; returns its history now.
pub(crate) fn record_change(tx: &Transaction, workspace: WorkspaceRef) -> Result<History> {
    let history = state(tx, &workspace.id)?;
    feed::record(Subject::Workspace {
        workspace,
        history: history.clone(),
        card: None,
    });
    Ok(history)
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
        self.scoped_action(Workspace::Board, label, locate, action)
    }

    /// Runs an action of any workspace as one transaction and one undoable
    /// step of that workspace's history.
    pub(crate) fn scoped_action<T>(
        &self,
        scope: Workspace,
        label: &str,
        locate: impl FnOnce(&Transaction) -> Result<Id>,
        action: impl FnOnce(&Transaction, &str) -> Result<T>,
    ) -> Result<Applied<T>> {
        self.write(|tx| scoped_in(tx, scope, label, locate, action))
    }

    /// Undoes the board's last action. Returns false when there was none.
    pub fn undo(&self, board_id: &str) -> Result<Applied<bool>> {
        self.step_history(&WorkspaceRef::board(board_id), false)
    }

    /// Redoes the board's action undone last. Returns false when there was none.
    pub fn redo(&self, board_id: &str) -> Result<Applied<bool>> {
        self.step_history(&WorkspaceRef::board(board_id), true)
    }

    /// Undo (`forward` false) or redo (`forward` true) in any workspace: one
    /// call shape for boards, actor maps and challenge lists.
    pub fn step_history(&self, workspace: &WorkspaceRef, forward: bool) -> Result<Applied<bool>> {
        let (kind, id) = (workspace.kind, workspace.id.as_str());
        if forward {
            self.step_through(kind, id, "undone", "done", "ASC")
        } else {
            self.step_through(kind, id, "done", "undone", "DESC")
        }
    }

    fn step_through(
        &self,
        scope: Workspace,
        scope_id: &str,
        from: &str,
        to: &str,
        order: &str,
    ) -> Result<Applied<bool>> {
        self.write(|tx| {
            scope.check(tx, scope_id)?;
            let step: Option<i64> = tx
                .query_row(
                    &format!(
                        "SELECT id FROM history_steps WHERE scope_id = ?1 AND state = ?2
                         ORDER BY id {order} LIMIT 1"
                    ),
                    params![scope_id, from],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(step) = step {
                replay(tx, step, to)?;
                // Only follow-up can have been done on another laptop's
                // workshop, so only follow-up can be undone there.
                owners::touch_follow_up(tx, scope, scope_id)?;
            }
            applied(tx, step.is_some(), scope, scope_id)
        })
    }

    /// Drops a workspace's undo and redo steps, e.g. after a template filled it.
    pub(crate) fn forget_history(&self, scope_id: &str) -> Result<()> {
        self.write(|tx| {
            tx.exec("DELETE FROM history_steps WHERE scope_id = ?1", [scope_id])?;
            Ok(())
        })
    }

    pub fn history(&self, board_id: &str) -> Result<History> {
        self.read(|tx| {
            Workspace::Board.check(tx, board_id)?;
            state(tx, board_id)
        })
    }
}
