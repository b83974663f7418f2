use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::boards::workshop_of_field;
use super::sql::{self, found, get_enum, get_ts, next_position};
use super::{workshops, Store};
use crate::error::{Entity, Result};
use crate::model::*;

const COLUMNS: &str = "id, field_id, cluster_id, position, text, color, author, hidden, created_at";

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
        created_at: get_ts(row, 8)?,
    })
}

struct Valid {
    text: String,
    color: CardColor,
    author: String,
}

fn validate(input: &CardInput) -> Result<Valid> {
    Ok(Valid {
        text: required_text("card_text", &input.text, CARD_TEXT_MAX)?,
        color: input.color,
        author: optional_text("card_author", &input.author, LABEL_MAX)?,
    })
}

pub(crate) fn get(tx: &Transaction, id: &str) -> Result<Card> {
    let sql = format!("SELECT {COLUMNS} FROM cards WHERE id = ?1");
    found(
        tx.query_row(&sql, [id], from_row).optional()?,
        Entity::Card,
        id,
    )
}

/// Every card on a board, field by field in display order.
pub(crate) fn of_board(tx: &Transaction, board_id: &str) -> Result<Vec<Card>> {
    let mut stmt = tx.prepare(
        "SELECT c.id, c.field_id, c.cluster_id, c.position, c.text, c.color, c.author, c.hidden,
                c.created_at
         FROM cards c JOIN fields f ON f.id = c.field_id
         WHERE f.board_id = ?1 ORDER BY c.field_id, c.position, c.id",
    )?;
    let rows = stmt.query_map([board_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Adds a card at the end of the field. In a field that collects hidden,
    /// the card starts face down.
    pub fn add_card(&self, field_id: &str, input: &CardInput) -> Result<Card> {
        let v = validate(input)?;
        self.write(|tx| {
            let field = super::boards::get_field(tx, field_id)?;
            let id = new_id();
            let position = next_position(tx, "cards", "field_id", field_id)?;
            tx.execute(
                &format!(
                    "INSERT INTO cards ({COLUMNS}) VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![
                    id,
                    field_id,
                    position,
                    v.text,
                    v.color.as_str(),
                    v.author,
                    field.hidden_collection,
                    sql::ts(&sql::now())
                ],
            )?;
            let workshop_id = workshop_of_field(tx, field_id)?;
            workshops::touch(tx, &workshop_id)?;
            get(tx, &id)
        })
    }

    pub fn update_card(&self, card_id: &str, input: &CardInput) -> Result<Card> {
        let v = validate(input)?;
        self.write(|tx| {
            let card = get(tx, card_id)?;
            tx.execute(
                "UPDATE cards SET text = ?2, color = ?3, author = ?4 WHERE id = ?1",
                params![card_id, v.text, v.color.as_str(), v.author],
            )?;
            let workshop_id = workshop_of_field(tx, &card.field_id)?;
            workshops::touch(tx, &workshop_id)?;
            get(tx, card_id)
        })
    }

    pub fn delete_card(&self, card_id: &str) -> Result<()> {
        self.write(|tx| {
            let card = get(tx, card_id)?;
            tx.execute("DELETE FROM cards WHERE id = ?1", [card_id])?;
            let workshop_id = workshop_of_field(tx, &card.field_id)?;
            workshops::touch(tx, &workshop_id)
        })
    }

    pub fn card(&self, card_id: &str) -> Result<Card> {
        self.read(|tx| get(tx, card_id))
    }
}
