use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::sql::{ensure_exists, found, get_enum, get_json, get_opt_date, next_position};
use super::{workshops, Store};
use crate::error::{Entity, Result};
use crate::model::*;

const COLUMNS: &str = "id, list_id, position, title, description, dimensions, success_conditions,
    resources, responsible, next_step, due_date, status, source_card_id";

fn from_row(row: &Row) -> rusqlite::Result<Challenge> {
    Ok(Challenge {
        id: row.get(0)?,
        list_id: row.get(1)?,
        position: row.get(2)?,
        title: row.get(3)?,
        description: row.get(4)?,
        dimensions: get_json(row, 5)?,
        success_conditions: row.get(6)?,
        resources: row.get(7)?,
        responsible: row.get(8)?,
        next_step: row.get(9)?,
        due_date: get_opt_date(row, 10)?,
        status: get_enum(row, 11, ChallengeStatus::parse)?,
        source_card_id: row.get(12)?,
    })
}

fn list_from_row(r: &Row) -> rusqlite::Result<ChallengeList> {
    Ok(ChallengeList {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        title: r.get(2)?,
    })
}

pub(crate) fn lists_of(tx: &Transaction, workshop_id: &str) -> Result<Vec<ChallengeList>> {
    let mut stmt = tx.prepare(
        "SELECT id, workshop_id, title FROM challenge_lists WHERE workshop_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([workshop_id], list_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn challenges_of(tx: &Transaction, list_id: &str) -> Result<Vec<Challenge>> {
    let sql = format!("SELECT {COLUMNS} FROM challenges WHERE list_id = ?1 ORDER BY position, id");
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([list_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get_list(tx: &Transaction, id: &str) -> Result<ChallengeList> {
    found(
        tx.query_row(
            "SELECT id, workshop_id, title FROM challenge_lists WHERE id = ?1",
            [id],
            list_from_row,
        )
        .optional()?,
        Entity::ChallengeList,
        id,
    )
}

fn get(tx: &Transaction, id: &str) -> Result<Challenge> {
    let sql = format!("SELECT {COLUMNS} FROM challenges WHERE id = ?1");
    found(
        tx.query_row(&sql, [id], from_row).optional()?,
        Entity::Challenge,
        id,
    )
}

impl Store {
    pub fn create_challenge_list(&self, workshop_id: &str, title: &str) -> Result<ChallengeList> {
        let title = required_text("challenge_list_title", title, TITLE_MAX)?;
        self.write(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            let id = new_id();
            tx.execute(
                "INSERT INTO challenge_lists (id, workshop_id, title) VALUES (?1, ?2, ?3)",
                params![id, workshop_id, title],
            )?;
            workshops::touch(tx, workshop_id)?;
            get_list(tx, &id)
        })
    }

    pub fn add_challenge(&self, list_id: &str, input: &ChallengeInput) -> Result<Challenge> {
        let title = required_text("challenge_title", &input.title, TITLE_MAX)?;
        let description = optional_text("challenge_description", &input.description, NOTE_MAX)?;
        let success = optional_text("challenge_success", &input.success_conditions, NOTE_MAX)?;
        let resources = optional_text("challenge_resources", &input.resources, NOTE_MAX)?;
        let responsible = optional_text("challenge_responsible", &input.responsible, LABEL_MAX)?;
        let next_step = optional_text("challenge_next_step", &input.next_step, NOTE_MAX)?;
        let due_date = match input.due_date.trim() {
            "" => None,
            d => Some(parse_date("challenge_due_date", d)?.to_string()),
        };
        let mut dimensions: Vec<Dimension> = Vec::new();
        for d in &input.dimensions {
            if !dimensions.contains(d) {
                dimensions.push(*d);
            }
        }
        let dimensions = serde_json::to_string(&dimensions)?;
        self.write(|tx| {
            let list = get_list(tx, list_id)?;
            let id = new_id();
            let position = next_position(tx, "challenges", "list_id", list_id)?;
            tx.execute(
                &format!(
                    "INSERT INTO challenges ({COLUMNS})
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL)"
                ),
                params![
                    id,
                    list_id,
                    position,
                    title,
                    description,
                    dimensions,
                    success,
                    resources,
                    responsible,
                    next_step,
                    due_date,
                    input.status.as_str()
                ],
            )?;
            workshops::touch(tx, &list.workshop_id)?;
            get(tx, &id)
        })
    }

    pub fn challenge_lists(&self, workshop_id: &str) -> Result<Vec<ChallengeList>> {
        self.read(|tx| lists_of(tx, workshop_id))
    }

    pub fn challenges(&self, list_id: &str) -> Result<Vec<Challenge>> {
        self.read(|tx| {
            ensure_exists(tx, "challenge_lists", Entity::ChallengeList, list_id)?;
            challenges_of(tx, list_id)
        })
    }
}
