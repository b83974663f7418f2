//! Dot voting: each participant has a fixed number of dots per board.

use rusqlite::{params, OptionalExtension, Transaction};

use super::board_rows::get_board;
use super::owners::{board_of_card, board_of_cluster};
use super::sql;
use super::sql::Cached;
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

pub(crate) fn board_of_target(tx: &Transaction, target: &VoteTarget) -> Result<Id> {
    match target {
        VoteTarget::Card(id) => board_of_card(tx, id),
        VoteTarget::Cluster(id) => board_of_cluster(tx, id),
    }
}

fn columns(target: &VoteTarget) -> (Option<&str>, Option<&str>) {
    match target {
        VoteTarget::Card(id) => (Some(id), None),
        VoteTarget::Cluster(id) => (None, Some(id)),
    }
}

/// Every dot on a board, in the order they were placed.
pub(crate) fn of_board(tx: &Transaction, board_id: &str) -> Result<Vec<Vote>> {
    let mut stmt = tx.prepare(
        "SELECT id, board_id, card_id, cluster_id, participant, created_at FROM votes
         WHERE board_id = ?1 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([board_id], |r| {
        Ok(Vote {
            id: r.get(0)?,
            board_id: r.get(1)?,
            card_id: r.get(2)?,
            cluster_id: r.get(3)?,
            participant: r.get(4)?,
            created_at: sql::get_ts(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn dots_used(tx: &Transaction, board_id: &str) -> Result<Vec<ParticipantDots>> {
    let mut stmt = tx.prepare(
        "SELECT participant, count(*) FROM votes WHERE board_id = ?1
         GROUP BY participant ORDER BY participant",
    )?;
    let rows = stmt.query_map([board_id], |r| {
        Ok(ParticipantDots {
            participant: r.get(0)?,
            used: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Places a dot within the participant's budget. A face-down card takes no
/// dot: nobody in the room can see what they would be voting for.
pub(crate) fn place(
    tx: &Transaction,
    board_id: &str,
    target: &VoteTarget,
    participant: &str,
) -> Result<Vote> {
    let board = get_board(tx, board_id)?;
    if !board.vote_open {
        return Err(Error::VoteClosed);
    }
    record(tx, &board, target, participant, sql::now())
}

/// A dot's target: a card or cluster of this board, never a face-down card.
fn check_target(tx: &Transaction, board_id: &str, target: &VoteTarget) -> Result<()> {
    let (on_board, entity, id) = match target {
        VoteTarget::Card(id) => (
            "SELECT count(*) FROM cards c JOIN fields f ON f.id = c.field_id
             WHERE c.id = ?1 AND f.board_id = ?2",
            Entity::Card,
            id,
        ),
        VoteTarget::Cluster(id) => (
            "SELECT count(*) FROM clusters k JOIN fields f ON f.id = k.field_id
             WHERE k.id = ?1 AND f.board_id = ?2",
            Entity::Cluster,
            id,
        ),
    };
    let found: u32 = tx.row(on_board, params![id, board_id], |r| r.get(0))?;
    if found == 0 {
        return Err(Error::not_found(entity, id));
    }
    if let VoteTarget::Card(id) = target {
        let hidden: bool = tx.row("SELECT hidden FROM cards WHERE id = ?1", [id], |r| r.get(0))?;
        if hidden {
            return Err(Error::CardHidden);
        }
    }
    Ok(())
}

/// The rules of a dot, whoever places it (a person now, or a workshop file
/// being imported): on a card or cluster of this board, never on a face-down
/// card, within the participant's budget.
pub(crate) fn record(
    tx: &Transaction,
    board: &Board,
    target: &VoteTarget,
    participant: &str,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<Vote> {
    let participant = required_text("participant", participant, LABEL_MAX)?;
    let participant = participant.as_str();
    let board_id = board.id.as_str();
    check_target(tx, board_id, target)?;
    let used: u32 = tx.row(
        "SELECT count(*) FROM votes WHERE board_id = ?1 AND participant = ?2",
        params![board_id, participant],
        |r| r.get(0),
    )?;
    insert(
        tx,
        board_id,
        target,
        participant,
        created_at,
        (used, board.dots_per_participant),
    )
}

/// A dot of the plenary's vote over several boards: on a visible card or a
/// cluster of `board_id`, within `budget` (dots used, dots given) that spans
/// the boards; the board's own vote need not be open.
pub(crate) fn record_in_budget(
    tx: &Transaction,
    board_id: &str,
    target: &VoteTarget,
    participant: &str,
    budget: (u32, u32),
) -> Result<Vote> {
    check_target(tx, board_id, target)?;
    insert(tx, board_id, target, participant, sql::now(), budget)
}

fn insert(
    tx: &Transaction,
    board_id: &str,
    target: &VoteTarget,
    participant: &str,
    created_at: chrono::DateTime<chrono::Utc>,
    (used, max): (u32, u32),
) -> Result<Vote> {
    if used >= max {
        return Err(Error::DotsUsedUp {
            participant: participant.to_owned(),
            max,
        });
    }
    let (card_id, cluster_id) = columns(target);
    let vote = Vote {
        id: new_id(),
        board_id: board_id.to_owned(),
        card_id: card_id.map(str::to_owned),
        cluster_id: cluster_id.map(str::to_owned),
        participant: participant.to_owned(),
        created_at,
    };
    tx.exec(
        "INSERT INTO votes (id, board_id, card_id, cluster_id, participant, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            vote.id,
            vote.board_id,
            vote.card_id,
            vote.cluster_id,
            vote.participant,
            sql::ts(&vote.created_at)
        ],
    )?;
    Ok(vote)
}

/// Removes the participant's latest dot on the target.
pub(crate) fn take_back(
    tx: &Transaction,
    board_id: &str,
    target: &VoteTarget,
    participant: &str,
) -> Result<()> {
    if !get_board(tx, board_id)?.vote_open {
        return Err(Error::VoteClosed);
    }
    remove_latest(tx, target, participant)
}

/// Removes the participant's latest dot on the target, the vote's state
/// checked by the caller.
pub(crate) fn remove_latest(
    tx: &Transaction,
    target: &VoteTarget,
    participant: &str,
) -> Result<()> {
    let (card_id, cluster_id) = columns(target);
    let id: Option<String> = tx
        .query_row(
            "SELECT id FROM votes WHERE participant = ?1
               AND card_id IS ?2 AND cluster_id IS ?3
             ORDER BY created_at DESC, id DESC LIMIT 1",
            params![participant, card_id, cluster_id],
            |r| r.get(0),
        )
        .optional()?;
    let id = id.ok_or_else(|| Error::not_found(Entity::Vote, participant))?;
    tx.exec("DELETE FROM votes WHERE id = ?1", [id])?;
    Ok(())
}

impl Store {
    /// Opens voting with `dots` dots per participant.
    pub fn open_vote(&self, board_id: &str, dots: u32) -> Result<Applied<Board>> {
        in_range("dots_per_participant", dots.into(), 1, DOTS_MAX.into())?;
        self.board_action(
            "open_vote",
            |tx| get_board(tx, board_id).map(|b| b.id),
            |tx, board_id| {
                tx.exec(
                    "UPDATE boards SET vote_open = 1, dots_per_participant = ?2 WHERE id = ?1",
                    params![board_id, dots],
                )?;
                get_board(tx, board_id)
            },
        )
    }

    /// Closes voting; the dots stay and make the result.
    pub fn close_vote(&self, board_id: &str) -> Result<Applied<Board>> {
        self.board_action(
            "close_vote",
            |tx| get_board(tx, board_id).map(|b| b.id),
            |tx, board_id| {
                tx.exec("UPDATE boards SET vote_open = 0 WHERE id = ?1", [board_id])?;
                get_board(tx, board_id)
            },
        )
    }

    /// Removes every dot from the board, to vote again.
    pub fn clear_votes(&self, board_id: &str) -> Result<Applied<()>> {
        self.board_action(
            "clear_votes",
            |tx| get_board(tx, board_id).map(|b| b.id),
            |tx, board_id| {
                tx.exec("DELETE FROM votes WHERE board_id = ?1", [board_id])?;
                Ok(())
            },
        )
    }

    /// Places one of the participant's dots on a card or a cluster.
    pub fn add_dot(&self, target: &VoteTarget, participant: &str) -> Result<Applied<Vote>> {
        let participant = required_text("participant", participant, LABEL_MAX)?;
        self.board_action(
            "add_dot",
            |tx| board_of_target(tx, target),
            |tx, board_id| place(tx, board_id, target, &participant),
        )
    }

    /// Takes back the participant's latest dot on this card or cluster.
    pub fn remove_dot(&self, target: &VoteTarget, participant: &str) -> Result<Applied<()>> {
        self.board_action(
            "remove_dot",
            |tx| board_of_target(tx, target),
            |tx, board_id| take_back(tx, board_id, target, participant),
        )
    }
}
