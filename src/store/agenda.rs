use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::owners::touch_workshop;
use super::sql::{ensure_exists, found, get_time, next_position, touched};
use super::Store;
use crate::error::{Entity, Result};
use crate::model::*;

const COLUMNS: &str = "id, workshop_id, position, start_time, duration_minutes, title, who";

fn from_row(row: &Row) -> rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: row.get(0)?,
        workshop_id: row.get(1)?,
        position: row.get(2)?,
        start_time: get_time(row, 3)?,
        duration_minutes: row.get(4)?,
        title: row.get(5)?,
        who: row.get(6)?,
    })
}

struct Valid {
    start_time: String,
    duration_minutes: u32,
    title: String,
    who: String,
}

fn validate(input: &AgendaItemInput) -> Result<Valid> {
    let start = parse_time("agenda_start", &input.start_time)?;
    in_range(
        "agenda_duration",
        input.duration_minutes.into(),
        0,
        DURATION_MAX_MINUTES.into(),
    )?;
    Ok(Valid {
        start_time: start.format("%H:%M").to_string(),
        duration_minutes: input.duration_minutes,
        title: required_text("agenda_title", &input.title, TITLE_MAX)?,
        who: optional_text("agenda_who", &input.who, NOTE_MAX)?,
    })
}

fn get(tx: &Transaction, id: &str) -> Result<AgendaItem> {
    let sql = format!("SELECT {COLUMNS} FROM agenda_items WHERE id = ?1");
    found(
        tx.query_row(&sql, [id], from_row).optional()?,
        Entity::AgendaItem,
        id,
    )
}

/// The agenda in the order the facilitator gave it.
pub(crate) fn list(tx: &Transaction, workshop_id: &str) -> Result<Vec<AgendaItem>> {
    let sql =
        format!("SELECT {COLUMNS} FROM agenda_items WHERE workshop_id = ?1 ORDER BY position, id");
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([workshop_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks the item and appends it to the workshop's agenda.
pub(crate) fn insert(
    tx: &Transaction,
    workshop_id: &str,
    input: &AgendaItemInput,
) -> Result<AgendaItem> {
    let v = validate(input)?;
    ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
    let id = new_id();
    let position = next_position(tx, "agenda_items", "workshop_id", workshop_id)?;
    tx.execute(
        &format!("INSERT INTO agenda_items ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![
            id,
            workshop_id,
            position,
            v.start_time,
            v.duration_minutes,
            v.title,
            v.who
        ],
    )?;
    get(tx, &id)
}

impl Store {
    pub fn add_agenda_item(
        &self,
        workshop_id: &str,
        input: &AgendaItemInput,
    ) -> Result<AgendaItem> {
        self.write(|tx| {
            let item = insert(tx, workshop_id, input)?;
            touch_workshop(tx, workshop_id)?;
            Ok(item)
        })
    }

    pub fn update_agenda_item(&self, id: &str, input: &AgendaItemInput) -> Result<AgendaItem> {
        let v = validate(input)?;
        self.write(|tx| {
            let rows = tx.execute(
                "UPDATE agenda_items SET start_time = ?2, duration_minutes = ?3, title = ?4, who = ?5
                 WHERE id = ?1",
                params![id, v.start_time, v.duration_minutes, v.title, v.who],
            )?;
            touched(rows, Entity::AgendaItem, id)?;
            let item = get(tx, id)?;
            touch_workshop(tx, &item.workshop_id)?;
            Ok(item)
        })
    }

    pub fn delete_agenda_item(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let item = get(tx, id)?;
            tx.execute("DELETE FROM agenda_items WHERE id = ?1", [id])?;
            touch_workshop(tx, &item.workshop_id)
        })
    }

    pub fn agenda(&self, workshop_id: &str) -> Result<Vec<AgendaItem>> {
        self.read(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            list(tx, workshop_id)
        })
    }
}
