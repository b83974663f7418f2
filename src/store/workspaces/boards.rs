use std::collections::HashMap;

use rusqlite::{params, Transaction};

use super::board_rows::{fields_of, get_board, get_field, FIELD_COLUMNS};
use super::order::reorder;
use super::owners::{board_of_field, boards_in, touch_workshop};
use super::sql::Cached;
use super::sql::{self, ensure_exists, next_position};
use super::{cards, clusters, history, votes, Store};
use crate::error::{Entity, Result};
use crate::model::*;

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
            questions: Vec::new(),
        })
    })?;
    let mut boards: Vec<BoardSummary> = rows.collect::<rusqlite::Result<_>>()?;
    for b in &mut boards {
        b.questions = fields_of(tx, &b.id)?
            .into_iter()
            .map(|f| QuestionRef {
                id: f.id,
                question: f.question,
            })
            .collect();
    }
    Ok(boards)
}

fn insert_field(tx: &Transaction, board_id: &str, question: &str) -> Result<Field> {
    let id = new_id();
    let position = next_position(tx, "fields", "board_id", board_id)?;
    tx.exec(
        &format!("INSERT INTO fields ({FIELD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, 0)"),
        params![id, board_id, position, question],
    )?;
    get_field(tx, &id)
}

/// A board's title (a group's name).
pub(crate) fn title(tx: &Transaction, board_id: &str) -> Result<String> {
    Ok(get_board(tx, board_id)?.title)
}

/// A new board at the end of the workshop's boards, one field per question
/// (title and questions already checked).
pub(crate) fn insert(
    tx: &Transaction,
    workshop_id: &str,
    title: &str,
    questions: &[String],
) -> Result<Id> {
    ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
    room_for(
        "boards_per_workshop",
        boards_in(tx, workshop_id)?,
        BOARDS_PER_WORKSHOP_MAX,
    )?;
    let id = new_id();
    let position = next_position(tx, "boards", "workshop_id", workshop_id)?;
    tx.exec(
        "INSERT INTO boards (id, workshop_id, position, title, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, workshop_id, position, title, sql::ts(&sql::now())],
    )?;
    for q in questions {
        insert_field(tx, &id, q)?;
    }
    Ok(id)
}

pub(crate) fn view(tx: &Transaction, board_id: &str) -> Result<BoardView> {
    let board = get_board(tx, board_id)?;
    let mut fields: Vec<FieldView> = fields_of(tx, board_id)?
        .into_iter()
        .map(|field| FieldView {
            field,
            clusters: Vec::new(),
            cards: Vec::new(),
        })
        .collect();
    let index: HashMap<String, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.field.id.clone(), i))
        .collect();
    for cluster in clusters::of_board(tx, board_id)? {
        if let Some(&i) = index.get(&cluster.field_id) {
            fields[i].clusters.push(cluster);
        }
    }
    for card in cards::of_board(tx, board_id)? {
        if let Some(&i) = index.get(&card.field_id) {
            fields[i].cards.push(card);
        }
    }
    let ranking = board_ranking(&fields);
    Ok(BoardView {
        dots_used: votes::dots_used(tx, board_id)?,
        history: history::state(tx, board_id)?,
        board,
        fields,
        ranking,
    })
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
            let id = insert(tx, workshop_id, &title, &questions)?;
            touch_workshop(tx, workshop_id)?;
            view(tx, &id)
        })
    }

    pub fn rename_board(&self, board_id: &str, title: &str) -> Result<Applied<Board>> {
        let title = required_text("board_title", title, TITLE_MAX)?;
        self.board_action(
            "rename_board",
            |tx| get_board(tx, board_id).map(|b| b.id),
            |tx, board_id| {
                tx.exec(
                    "UPDATE boards SET title = ?2 WHERE id = ?1",
                    params![board_id, title],
                )?;
                get_board(tx, board_id)
            },
        )
    }

    /// Deletes the board with everything on it. Not undoable: its history goes with it.
    pub fn delete_board(&self, board_id: &str) -> Result<()> {
        self.write(|tx| {
            let board = get_board(tx, board_id)?;
            tx.exec("DELETE FROM boards WHERE id = ?1", [board_id])?;
            touch_workshop(tx, &board.workshop_id)?;
            history::record_change(tx, WorkspaceRef::board(board_id)).map(|_| ())
        })
    }

    /// The board with its fields, clusters, cards and vote result.
    pub fn board_view(&self, board_id: &str) -> Result<BoardView> {
        self.read(|tx| view(tx, board_id))
    }

    pub fn add_field(&self, board_id: &str, question: &str) -> Result<Applied<Field>> {
        let question = required_text("field_question", question, TITLE_MAX)?;
        self.board_action(
            "add_field",
            |tx| get_board(tx, board_id).map(|b| b.id),
            |tx, board_id| insert_field(tx, board_id, &question),
        )
    }

    pub fn update_field(&self, field_id: &str, question: &str) -> Result<Applied<Field>> {
        let question = required_text("field_question", question, TITLE_MAX)?;
        self.board_action(
            "update_field",
            |tx| board_of_field(tx, field_id),
            |tx, _| {
                tx.exec(
                    "UPDATE fields SET question = ?2 WHERE id = ?1",
                    params![field_id, question],
                )?;
                get_field(tx, field_id)
            },
        )
    }

    /// Deletes the field with its cards and clusters.
    pub fn delete_field(&self, field_id: &str) -> Result<Applied<()>> {
        self.board_action(
            "delete_field",
            |tx| board_of_field(tx, field_id),
            |tx, _| {
                tx.exec("DELETE FROM fields WHERE id = ?1", [field_id])?;
                Ok(())
            },
        )
    }

    /// Moves a field to `index` among the board's fields.
    pub fn move_field(&self, field_id: &str, index: u32) -> Result<Applied<()>> {
        self.board_action(
            "move_field",
            |tx| board_of_field(tx, field_id),
            |tx, board_id| {
                let ids = fields_of(tx, board_id)?
                    .into_iter()
                    .map(|f| (f.id, f.position))
                    .collect();
                reorder(tx, "fields", ids, field_id, index as usize)
            },
        )
    }

    /// Switches hidden collection on or off. Cards added while it is on are
    /// face down until the field is revealed.
    pub fn set_hidden_collection(&self, field_id: &str, hidden: bool) -> Result<Applied<Field>> {
        self.board_action(
            "set_hidden_collection",
            |tx| board_of_field(tx, field_id),
            |tx, _| {
                tx.exec(
                    "UPDATE fields SET hidden_collection = ?2 WHERE id = ?1",
                    params![field_id, hidden],
                )?;
                get_field(tx, field_id)
            },
        )
    }

    /// Turns every hidden card of the field face up at once. Hidden
    /// collection stays as the facilitator set it: a second round on the
    /// same question collects face down again, as the first did.
    pub fn reveal_field(&self, field_id: &str) -> Result<Applied<u32>> {
        self.board_action(
            "reveal_field",
            |tx| board_of_field(tx, field_id),
            |tx, _| {
                let revealed = tx.exec(
                    "UPDATE cards SET hidden = 0 WHERE field_id = ?1 AND hidden = 1",
                    [field_id],
                )?;
                Ok(revealed as u32)
            },
        )
    }
}
