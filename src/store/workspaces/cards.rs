use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::board_rows::get_field;
use super::order::write_positions;
use super::owners::{board_of_card, board_of_field, cards_on};
use super::sql::Cached;
use super::sql::{self, found, get_enum, get_ts, next_position};
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

const SELECT: &str = "SELECT c.id, c.field_id, c.cluster_id, c.position, c.text, c.color,
    c.author, c.hidden, (SELECT count(*) FROM votes v WHERE v.card_id = c.id), c.created_at,
    c.participant
    FROM cards c";

fn from_row(row: &Row) -> rusqlite::Result<Card> {
    Ok(Card {
        id: row.get(0)?,
        field_id: row.get(1)?,
        cluster_id: row.get(2)?,
        position: row.get(3)?,
        text: row.get(4)?,
        color: get_enum(row, 5, CardColor::parse)?,
        author: row.get(6)?,
        hidden: row.get(7)?,
        dots: row.get(8)?,
        created_at: get_ts(row, 9)?,
        participant: row.get(10)?,
    })
}

pub(crate) struct Valid {
    pub text: String,
    pub color: CardColor,
    pub author: String,
}

pub(crate) fn validate(input: &CardInput) -> Result<Valid> {
    Ok(Valid {
        text: required_text("card_text", &input.text, CARD_TEXT_MAX)?,
        color: input.color,
        author: optional_name("card_author", &input.author, LABEL_MAX)?,
    })
}

pub(crate) fn get(tx: &Transaction, id: &str) -> Result<Card> {
    found(
        tx.row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
            .optional()?,
        Entity::Card,
        id,
    )
}

/// The text of a card that may leave its board: a hidden card's text is
/// not shown anywhere until the facilitator reveals it.
pub(crate) fn revealed_text(tx: &Transaction, card_id: &str) -> Result<(String, u32)> {
    let (text, hidden, dots): (String, bool, u32) = found(
        tx.row(
            "SELECT text, hidden, (SELECT count(*) FROM votes v WHERE v.card_id = c.id)
             FROM cards c WHERE id = ?1",
            [card_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?,
        Entity::Card,
        card_id,
    )?;
    if hidden {
        return Err(Error::CardHidden);
    }
    Ok((text, dots))
}

/// Every card on a board, field by field, in position order.
pub(crate) fn of_board(tx: &Transaction, board_id: &str) -> Result<Vec<Card>> {
    let mut stmt = tx.prepare(&format!(
        "{SELECT} JOIN fields f ON f.id = c.field_id
         WHERE f.board_id = ?1 ORDER BY c.field_id, c.position, c.id"
    ))?;
    let rows = stmt.query_map([board_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (id, position, cluster) of a field's cards in position order.
fn positions(tx: &Transaction, field_id: &str) -> Result<Vec<(Id, u32, Option<Id>)>> {
    let mut stmt = tx.prepare(
        "SELECT id, position, cluster_id FROM cards WHERE field_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([field_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a card at the end of the field, face down in a field that
/// collects hidden. `participant` is the phone's token, or empty.
pub(crate) fn insert(
    tx: &Transaction,
    field_id: &str,
    v: &Valid,
    participant: &str,
) -> Result<Card> {
    let field = get_field(tx, field_id)?;
    room_for(
        "cards_per_board",
        cards_on(tx, &field.board_id)?,
        CARDS_PER_BOARD_MAX,
    )?;
    let id = new_id();
    let position = next_position(tx, "cards", "field_id", field_id)?;
    tx.exec(
        "INSERT INTO cards (id, field_id, cluster_id, position, text, color, author,
                            hidden, created_at, participant)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            field_id,
            position,
            v.text,
            v.color.as_str(),
            v.author,
            field.hidden_collection,
            sql::ts(&sql::now()),
            participant
        ],
    )?;
    get(tx, &id)
}

impl Store {
    /// Adds a card at the end of the field. In a field that collects hidden,
    /// the card starts face down.
    pub fn add_card(&self, field_id: &str, input: &CardInput) -> Result<Applied<Card>> {
        let v = validate(input)?;
        self.board_action(
            "add_card",
            |tx| board_of_field(tx, field_id),
            |tx, _| insert(tx, field_id, &v, ""),
        )
    }

    pub fn update_card(&self, card_id: &str, input: &CardInput) -> Result<Applied<Card>> {
        let v = validate(input)?;
        self.board_action(
            "update_card",
            |tx| board_of_card(tx, card_id),
            |tx, _| {
                tx.exec(
                    "UPDATE cards SET text = ?2, color = ?3, author = ?4 WHERE id = ?1",
                    params![card_id, v.text, v.color.as_str(), v.author],
                )?;
                get(tx, card_id)
            },
        )
    }

    pub fn delete_card(&self, card_id: &str) -> Result<Applied<()>> {
        self.board_action(
            "delete_card",
            |tx| board_of_card(tx, card_id),
            |tx, _| {
                tx.exec("DELETE FROM cards WHERE id = ?1", [card_id])?;
                Ok(())
            },
        )
    }

    pub fn card(&self, card_id: &str) -> Result<Card> {
        self.read(|tx| get(tx, card_id))
    }

    /// Moves a card to `index` among the cards of `cluster_id` (or among the
    /// unclustered cards when it is None) in `field_id`, on the same board.
    pub fn move_card(
        &self,
        card_id: &str,
        field_id: &str,
        cluster_id: Option<&str>,
        index: u32,
    ) -> Result<Applied<Card>> {
        self.board_action(
            "move_card",
            |tx| board_of_card(tx, card_id),
            |tx, board_id| {
                if board_of_field(tx, field_id)? != board_id {
                    return Err(Error::OtherBoard);
                }
                if let Some(cluster) = cluster_id {
                    let cluster_field: Option<String> = tx
                        .query_row(
                            "SELECT field_id FROM clusters WHERE id = ?1",
                            [cluster],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if cluster_field.as_deref() != Some(field_id) {
                        return Err(Error::UnknownValue {
                            field: "card_cluster",
                            value: cluster.to_owned(),
                        });
                    }
                }
                let mut order = positions(tx, field_id)?;
                order.retain(|(id, _, _)| id != card_id);
                let group: Vec<usize> = order
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, _, c))| c.as_deref() == cluster_id)
                    .map(|(i, _)| i)
                    .collect();
                let at = match group.get(index as usize) {
                    Some(&i) => i,
                    None => group.last().map(|&i| i + 1).unwrap_or(order.len()),
                };
                order.insert(
                    at,
                    (card_id.to_owned(), u32::MAX, cluster_id.map(str::to_owned)),
                );
                tx.exec(
                    "UPDATE cards SET field_id = ?2, cluster_id = ?3 WHERE id = ?1
                     AND (field_id IS NOT ?2 OR cluster_id IS NOT ?3)",
                    params![card_id, field_id, cluster_id],
                )?;
                let rows: Vec<(Id, u32)> =
                    order.into_iter().map(|(id, old, _)| (id, old)).collect();
                write_positions(tx, "cards", &rows)?;
                get(tx, card_id)
            },
        )
    }
}
