//! Relations between the actors of one map: a labelled line on the grid.

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::owners::map_of_actor;
use super::sql::found;
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

fn relation_from_row(r: &Row) -> rusqlite::Result<ActorRelation> {
    Ok(ActorRelation {
        id: r.get(0)?,
        map_id: r.get(1)?,
        from_actor_id: r.get(2)?,
        to_actor_id: r.get(3)?,
        label: r.get(4)?,
    })
}

fn get_relation(tx: &Transaction, id: &str) -> Result<ActorRelation> {
    found(
        tx.query_row(
            "SELECT id, map_id, from_actor_id, to_actor_id, label FROM actor_relations WHERE id = ?1",
            [id],
            relation_from_row,
        )
        .optional()?,
        Entity::ActorRelation,
        id,
    )
}

/// In the order they were drawn (ids are time-ordered, and undo keeps them).
pub(crate) fn relations_of(tx: &Transaction, map_id: &str) -> Result<Vec<ActorRelation>> {
    let mut stmt = tx.prepare(
        "SELECT id, map_id, from_actor_id, to_actor_id, label FROM actor_relations
         WHERE map_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([map_id], relation_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a relation between two actors of `map_id`; the checks every
/// relation passes, whether drawn in the app or read from a file.
pub(crate) fn insert(
    tx: &Transaction,
    map_id: &str,
    from_actor_id: &str,
    to_actor_id: &str,
    label: &str,
) -> Result<ActorRelation> {
    let label = optional_text("relation_label", label, LABEL_MAX)?;
    if from_actor_id == to_actor_id {
        return Err(Error::RelationToItself);
    }
    for actor in [from_actor_id, to_actor_id] {
        if map_of_actor(tx, actor)? != map_id {
            return Err(Error::UnknownValue {
                field: "relation_actor",
                value: actor.to_owned(),
            });
        }
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO actor_relations (id, map_id, from_actor_id, to_actor_id, label)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, map_id, from_actor_id, to_actor_id, label],
    )?;
    get_relation(tx, &id)
}

impl Store {
    /// Draws a relation from one actor to another of the same map.
    pub fn add_actor_relation(
        &self,
        from_actor_id: &str,
        to_actor_id: &str,
        label: &str,
    ) -> Result<Applied<ActorRelation>> {
        self.scoped_action(
            Workspace::ActorMap,
            "add_actor_relation",
            |tx| map_of_actor(tx, from_actor_id),
            |tx, map_id| insert(tx, map_id, from_actor_id, to_actor_id, label),
        )
    }

    pub fn delete_actor_relation(&self, id: &str) -> Result<Applied<()>> {
        self.scoped_action(
            Workspace::ActorMap,
            "delete_actor_relation",
            |tx| get_relation(tx, id).map(|r| r.map_id),
            |tx, _| {
                tx.execute("DELETE FROM actor_relations WHERE id = ?1", [id])?;
                Ok(())
            },
        )
    }
}
