use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::sql::{self, ensure_exists, found, get_ts, next_position, touched};
use super::{cards, workshops, Store};
use crate::error::{Entity, Result};
use crate::model::*;

const BOARD_COLUMNS: &str =
    "id, workshop_id, position, title, dots_per_participant, vote_open, created_at";
const FIELD_COLUMNS: &str = "id, board_id, position, question, hidden_collection";

fn board_from_row(row: &Row) -> rusqlite::Result<Board> {
    Ok(Board {
        id: row.get(0)?,
        workshop_id: row.get(1)?,
        position: row.get(2)?,
        title: row.get(3)?,
        dots_per_participant: row.get(4)?,
        vote_open: row.get(5)?,
        created_at: get_ts(row, 6)?,
    })
}

fn field_from_row(row: &Row) -> rusqlite::Result<Field> {
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
        tx.query_row(&sql, [id], board_from_row).optional()?,
        Entity::Board,
        id,
    )
}

pub(crate) fn get_field(tx: &Transaction, id: &str) -> Result<Field> {
    let sql = format!("SELECT {FIELD_COLUMNS} FROM fields WHERE id = ?1");
    found(
        tx.query_row(&sql, [id], field_from_row).optional()?,
        Entity::Field,
        id,
    )
}

/// The workshop a field belongs to, for marking it as changed.
pub(crate) fn workshop_of_field(tx: &Transaction, field_id: &str) -> Result<String> {
    found(
        tx.query_row(
            "SELECT b.workshop_id FROM fields f JOIN boards b ON b.id = f.board_id WHERE f.id = ?1",
            [field_id],
            |r| r.get(0),
        )
        .optional()?,
        Entity::Field,
        field_id,
    )
}

pub(crate) fn summaries(tx: &Transaction, workshop_id: &str) -> Result<Vec<BoardSummary>> {
    let mut stmt = tx.prepare(
        "SELECT b.id, b.title,
                (SELECT count(*) FROM fields f WHERE f.board_id = b.id),
                (SELECT count(*) FROM cards c JOIN fields f ON f.id = c.field_id
                   WHERE f.board_id = b.id)
         FROM boards b WHERE b.workshop_id = ?1 ORDER BY b.position, b.id",
    )?;
    let rows = stmt.query_map([workshop_id], |row| {
        Ok(BoardSummary {
            id: row.get(0)?,
            title: row.get(1)?,
            field_count: row.get(2)?,
            card_count: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_field(tx: &Transaction, board_id: &str, question: &str) -> Result<Field> {
    let id = new_id();
    let position = next_position(tx, "fields", "board_id", board_id)?;
    tx.execute(
        &format!("INSERT INTO fields ({FIELD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, 0)"),
        params![id, board_id, position, question],
    )?;
    get_field(tx, &id)
}

fn view(tx: &Transaction, board_id: &str) -> Result<BoardView> {
    let board = get_board(tx, board_id)?;
    let mut fields: Vec<FieldView> = {
        let sql =
            format!("SELECT {FIELD_COLUMNS} FROM fields WHERE board_id = ?1 ORDER BY position, id");
        let mut stmt = tx.prepare(&sql)?;
        let rows = stmt.query_map([board_id], field_from_row)?;
        rows.map(|f| {
            f.map(|field| FieldView {
                field,
                clusters: Vec::new(),
                cards: Vec::new(),
            })
        })
        .collect::<rusqlite::Result<_>>()?
    };
    let index: HashMap<String, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.field.id.clone(), i))
        .collect();

    let mut stmt = tx.prepare(
        "SELECT c.id, c.field_id, c.position, c.heading FROM clusters c
         JOIN fields f ON f.id = c.field_id WHERE f.board_id = ?1
         ORDER BY c.position, c.id",
    )?;
    let clusters = stmt.query_map([board_id], |row| {
        Ok(Cluster {
            id: row.get(0)?,
            field_id: row.get(1)?,
            position: row.get(2)?,
            heading: row.get(3)?,
        })
    })?;
    for cluster in clusters {
        let cluster = cluster?;
        if let Some(&i) = index.get(&cluster.field_id) {
            fields[i].clusters.push(cluster);
        }
    }

    for card in cards::of_board(tx, board_id)? {
        if let Some(&i) = index.get(&card.field_id) {
            fields[i].cards.push(card);
        }
    }
    Ok(BoardView { board, fields })
}

impl Store {
    /// Creates a board with one field per question (none for an empty board).
    pub fn create_board(
        &self,
        workshop_id: &str,
        title: &str,
        questions: &[&str],
    ) -> Result<BoardView> {
        let title = required_text("board_title", title, TITLE_MAX)?;
        let questions = questions
            .iter()
            .map(|q| required_text("field_question", q, TITLE_MAX))
            .collect::<Result<Vec<_>>>()?;
        self.write(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            let id = new_id();
            let position = next_position(tx, "boards", "workshop_id", workshop_id)?;
            tx.execute(
                &format!("INSERT INTO boards ({BOARD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, 3, 0, ?5)"),
                params![id, workshop_id, position, title, sql::ts(&sql::now())],
            )?;
            for q in &questions {
                insert_field(tx, &id, q)?;
            }
            workshops::touch(tx, workshop_id)?;
            view(tx, &id)
        })
    }

    pub fn rename_board(&self, board_id: &str, title: &str) -> Result<Board> {
        let title = required_text("board_title", title, TITLE_MAX)?;
        self.write(|tx| {
            let rows = tx.execute(
                "UPDATE boards SET title = ?2 WHERE id = ?1",
                params![board_id, title],
            )?;
            touched(rows, Entity::Board, board_id)?;
            let board = get_board(tx, board_id)?;
            workshops::touch(tx, &board.workshop_id)?;
            Ok(board)
        })
    }

    pub fn delete_board(&self, board_id: &str) -> Result<()> {
        self.write(|tx| {
            let board = get_board(tx, board_id)?;
            tx.execute("DELETE FROM boards WHERE id = ?1", [board_id])?;
            workshops::touch(tx, &board.workshop_id)
        })
    }

    /// The board with its fields, clusters and cards, in display order.
    pub fn board_view(&self, board_id: &str) -> Result<BoardView> {
        self.read(|tx| view(tx, board_id))
    }

    pub fn add_field(&self, board_id: &str, question: &str) -> Result<Field> {
        let question = required_text("field_question", question, TITLE_MAX)?;
        self.write(|tx| {
            let board = get_board(tx, board_id)?;
            let field = insert_field(tx, board_id, &question)?;
            workshops::touch(tx, &board.workshop_id)?;
            Ok(field)
        })
    }

    pub fn update_field(&self, field_id: &str, question: &str) -> Result<Field> {
        let question = required_text("field_question", question, TITLE_MAX)?;
        self.write(|tx| {
            let rows = tx.execute(
                "UPDATE fields SET question = ?2 WHERE id = ?1",
                params![field_id, question],
            )?;
            touched(rows, Entity::Field, field_id)?;
            let workshop_id = workshop_of_field(tx, field_id)?;
            workshops::touch(tx, &workshop_id)?;
            get_field(tx, field_id)
        })
    }

    /// Deletes the field with its cards and clusters.
    pub fn delete_field(&self, field_id: &str) -> Result<()> {
        self.write(|tx| {
            let workshop_id = workshop_of_field(tx, field_id)?;
            tx.execute("DELETE FROM fields WHERE id = ?1", [field_id])?;
            workshops::touch(tx, &workshop_id)
        })
    }
}
