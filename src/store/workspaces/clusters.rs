use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::order::reorder;
use super::owners::{board_of_cluster, board_of_field};
use super::sql::Cached;
use super::sql::{found, next_position};
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

/// A cluster with its own dots and its total (own and its cards'): the one
/// place the total is defined.
const SELECT: &str = "SELECT k.id, k.field_id, k.position, k.heading,
    (SELECT count(*) FROM votes v WHERE v.cluster_id = k.id),
    (SELECT count(*) FROM votes v WHERE v.cluster_id = k.id
        OR v.card_id IN (SELECT c.id FROM cards c WHERE c.cluster_id = k.id))
    FROM clusters k";

fn from_row(row: &Row) -> rusqlite::Result<Cluster> {
    Ok(Cluster {
        id: row.get(0)?,
        field_id: row.get(1)?,
        position: row.get(2)?,
        heading: row.get(3)?,
        dots: row.get(4)?,
        total_dots: row.get(5)?,
    })
}

fn get(tx: &Transaction, id: &str) -> Result<Cluster> {
    found(
        tx.row(&format!("{SELECT} WHERE k.id = ?1"), [id], from_row)
            .optional()?,
        Entity::Cluster,
        id,
    )
}

pub(crate) fn of_board(tx: &Transaction, board_id: &str) -> Result<Vec<Cluster>> {
    let mut stmt = tx.prepare(&format!(
        "{SELECT} JOIN fields f ON f.id = k.field_id WHERE f.board_id = ?1
         ORDER BY k.position, k.id"
    ))?;
    let rows = stmt.query_map([board_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Groups cards of one field under a new heading.
    pub fn create_cluster(
        &self,
        field_id: &str,
        heading: &str,
        card_ids: &[Id],
    ) -> Result<Applied<Cluster>> {
        let heading = required_text("cluster_heading", heading, TITLE_MAX)?;
        self.board_action(
            "create_cluster",
            |tx| board_of_field(tx, field_id),
            |tx, _| {
                let id = new_id();
                let position = next_position(tx, "clusters", "field_id", field_id)?;
                tx.exec(
                    "INSERT INTO clusters (id, field_id, position, heading) VALUES (?1, ?2, ?3, ?4)",
                    params![id, field_id, position, heading],
                )?;
                for card in card_ids {
                    let rows = tx.exec(
                        "UPDATE cards SET cluster_id = ?2 WHERE id = ?1 AND field_id = ?3",
                        params![card, id, field_id],
                    )?;
                    if rows == 0 {
                        return Err(Error::UnknownValue {
                            field: "cluster_card",
                            value: card.clone(),
                        });
                    }
                }
                get(tx, &id)
            },
        )
    }

    pub fn rename_cluster(&self, cluster_id: &str, heading: &str) -> Result<Applied<Cluster>> {
        let heading = required_text("cluster_heading", heading, TITLE_MAX)?;
        self.board_action(
            "rename_cluster",
            |tx| board_of_cluster(tx, cluster_id),
            |tx, _| {
                tx.exec(
                    "UPDATE clusters SET heading = ?2 WHERE id = ?1",
                    params![cluster_id, heading],
                )?;
                get(tx, cluster_id)
            },
        )
    }

    /// Removes the heading; its cards stay in the field, unclustered. Dots on
    /// the heading itself go with it.
    pub fn dissolve_cluster(&self, cluster_id: &str) -> Result<Applied<()>> {
        self.board_action(
            "dissolve_cluster",
            |tx| board_of_cluster(tx, cluster_id),
            |tx, _| {
                tx.exec("DELETE FROM clusters WHERE id = ?1", [cluster_id])?;
                Ok(())
            },
        )
    }

    /// Moves a cluster to `index` among the clusters of its field.
    pub fn move_cluster(&self, cluster_id: &str, index: u32) -> Result<Applied<()>> {
        self.board_action(
            "move_cluster",
            |tx| board_of_cluster(tx, cluster_id),
            |tx, _| {
                let field_id = get(tx, cluster_id)?.field_id;
                let mut stmt = tx.prepare(
                    "SELECT id, position FROM clusters WHERE field_id = ?1 ORDER BY position, id",
                )?;
                let ids = stmt
                    .query_map([&field_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                reorder(tx, "clusters", ids, cluster_id, index as usize)
            },
        )
    }
}
