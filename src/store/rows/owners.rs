//! What belongs to what, and marking the owner as changed: the lookups
//! every aggregate needs about the others (the board a card is on, the
//! workshop a workspace belongs to) live here, below the aggregates, so no
//! aggregate reaches into another for them.

use rusqlite::{params, OptionalExtension, Transaction};

use super::sql::{self, found, Cached};
use crate::error::{Entity, Result};
use crate::model::{Id, Workspace};

fn owner(tx: &Transaction, query: &str, id: &str, entity: Entity) -> Result<Id> {
    found(tx.row(query, [id], |r| r.get(0)).optional()?, entity, id)
}

/// The board a field belongs to.
pub(crate) fn board_of_field(tx: &Transaction, field_id: &str) -> Result<Id> {
    owner(
        tx,
        "SELECT board_id FROM fields WHERE id = ?1",
        field_id,
        Entity::Field,
    )
}

/// The board a card is on.
pub(crate) fn board_of_card(tx: &Transaction, card_id: &str) -> Result<Id> {
    owner(
        tx,
        "SELECT f.board_id FROM cards c JOIN fields f ON f.id = c.field_id WHERE c.id = ?1",
        card_id,
        Entity::Card,
    )
}

/// The board a cluster is on.
pub(crate) fn board_of_cluster(tx: &Transaction, cluster_id: &str) -> Result<Id> {
    owner(
        tx,
        "SELECT f.board_id FROM clusters k JOIN fields f ON f.id = k.field_id WHERE k.id = ?1",
        cluster_id,
        Entity::Cluster,
    )
}

/// The actor map an actor is on.
pub(crate) fn map_of_actor(tx: &Transaction, actor_id: &str) -> Result<Id> {
    owner(
        tx,
        "SELECT map_id FROM actors WHERE id = ?1",
        actor_id,
        Entity::Actor,
    )
}

/// The workshop a workspace (board, actor map, challenge list) belongs to.
pub(crate) fn workshop_of(tx: &Transaction, kind: Workspace, id: &str) -> Result<Id> {
    let (table, entity) = match kind {
        Workspace::Board => ("boards", Entity::Board),
        Workspace::ActorMap => ("actor_maps", Entity::ActorMap),
        Workspace::ChallengeList => ("challenge_lists", Entity::ChallengeList),
    };
    owner(
        tx,
        &format!("SELECT workshop_id FROM {table} WHERE id = ?1"),
        id,
        entity,
    )
}

/// Marks the workshop as changed now, so the list shows the latest work
/// first. Every change of a workshop passes here, so here a workshop of
/// another laptop of the team is refused: it is changed where it was made.
pub(crate) fn touch_workshop(tx: &Transaction, workshop_id: &str) -> Result<()> {
    check_ours(tx, workshop_id)?;
    tx.exec(
        "UPDATE workshops SET updated_at = ?2 WHERE id = ?1",
        params![workshop_id, sql::ts(&sql::now())],
    )?;
    Ok(())
}

/// Marks the workshop of a workspace as changed now.
pub(crate) fn touch(tx: &Transaction, kind: Workspace, id: &str) -> Result<()> {
    let workshop = workshop_of(tx, kind, id)?;
    touch_workshop(tx, &workshop)
}

/// `touch` for a change of a challenge's follow-up, which every laptop of
/// the team may make: another laptop's workshop is left as it came.
pub(crate) fn touch_follow_up(tx: &Transaction, kind: Workspace, id: &str) -> Result<()> {
    let workshop = workshop_of(tx, kind, id)?;
    if team_label(tx, &workshop)?.is_some() {
        return Ok(());
    }
    touch_workshop(tx, &workshop)
}

/// The team member a workshop came from, if it is another laptop's.
pub(crate) fn team_label(tx: &Transaction, workshop_id: &str) -> Result<Option<String>> {
    Ok(tx
        .row(
            "SELECT label FROM team_workshops WHERE workshop_id = ?1 AND deleted = 0",
            [workshop_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Fails unless the workshop was made on this laptop (or is not shared).
pub(crate) fn check_ours(tx: &Transaction, workshop_id: &str) -> Result<()> {
    match team_label(tx, workshop_id)? {
        Some(label) => Err(crate::error::Error::TeamWorkshop { label }),
        None => Ok(()),
    }
}

/// Boards in a workshop, for its bound.
pub(crate) fn boards_in(tx: &Transaction, workshop_id: &str) -> Result<u32> {
    Ok(tx.row(
        "SELECT count(*) FROM boards WHERE workshop_id = ?1",
        [workshop_id],
        |r| r.get(0),
    )?)
}

/// Cards on a board, for its bound.
pub(crate) fn cards_on(tx: &Transaction, board_id: &str) -> Result<u32> {
    Ok(tx.row(
        "SELECT count(*) FROM cards c JOIN fields f ON f.id = c.field_id WHERE f.board_id = ?1",
        [board_id],
        |r| r.get(0),
    )?)
}

/// Fails with "workshop not found" unless the workshop exists.
pub(crate) fn check_workshop(tx: &Transaction, workshop_id: &str) -> Result<()> {
    owner(
        tx,
        "SELECT id FROM workshops WHERE id = ?1",
        workshop_id,
        Entity::Workshop,
    )
    .map(|_| ())
}
