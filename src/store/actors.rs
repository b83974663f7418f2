use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::sql::{ensure_exists, found, get_enum};
use super::{workshops, Store};
use crate::error::{Entity, Error, Result};
use crate::model::*;

const ACTOR_COLUMNS: &str =
    "id, map_id, sector_id, name, role, influence, interest, involvement, contact, source_card_id";

fn actor_from_row(row: &Row) -> rusqlite::Result<Actor> {
    Ok(Actor {
        id: row.get(0)?,
        map_id: row.get(1)?,
        sector_id: row.get(2)?,
        name: row.get(3)?,
        role: row.get(4)?,
        influence: row.get(5)?,
        interest: row.get(6)?,
        involvement: get_enum(row, 7, Involvement::parse)?,
        contact: row.get(8)?,
        source_card_id: row.get(9)?,
    })
}

fn get_map(tx: &Transaction, id: &str) -> Result<ActorMap> {
    found(
        tx.query_row(
            "SELECT id, workshop_id, title FROM actor_maps WHERE id = ?1",
            [id],
            map_from_row,
        )
        .optional()?,
        Entity::ActorMap,
        id,
    )
}

fn get_actor(tx: &Transaction, id: &str) -> Result<Actor> {
    let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors WHERE id = ?1");
    found(
        tx.query_row(&sql, [id], actor_from_row).optional()?,
        Entity::Actor,
        id,
    )
}

fn scale(field: &'static str, value: u8) -> Result<u8> {
    in_range(field, value.into(), SCALE_MIN.into(), SCALE_MAX.into())?;
    Ok(value)
}

fn map_from_row(r: &Row) -> rusqlite::Result<ActorMap> {
    Ok(ActorMap {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        title: r.get(2)?,
    })
}

pub(crate) fn maps_of(tx: &Transaction, workshop_id: &str) -> Result<Vec<ActorMap>> {
    let mut stmt = tx.prepare(
        "SELECT id, workshop_id, title FROM actor_maps WHERE workshop_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([workshop_id], map_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn sectors_of(tx: &Transaction, map_id: &str) -> Result<Vec<Sector>> {
    let mut stmt = tx.prepare(
        "SELECT id, map_id, position, name FROM sectors WHERE map_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([map_id], |r| {
        Ok(Sector {
            id: r.get(0)?,
            map_id: r.get(1)?,
            position: r.get(2)?,
            name: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn actors_of(tx: &Transaction, map_id: &str) -> Result<Vec<Actor>> {
    let mut stmt = tx.prepare(
        "SELECT a.id, a.map_id, a.sector_id, a.name, a.role, a.influence, a.interest,
                a.involvement, a.contact, a.source_card_id
         FROM actors a JOIN sectors s ON s.id = a.sector_id
         WHERE a.map_id = ?1 ORDER BY s.position, a.name, a.id",
    )?;
    let rows = stmt.query_map([map_id], actor_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Creates an actor map with the five default sectors.
    pub fn create_actor_map(&self, workshop_id: &str, title: &str) -> Result<ActorMap> {
        let title = required_text("actor_map_title", title, TITLE_MAX)?;
        self.write(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            let id = new_id();
            tx.execute(
                "INSERT INTO actor_maps (id, workshop_id, title) VALUES (?1, ?2, ?3)",
                params![id, workshop_id, title],
            )?;
            for (position, name) in DEFAULT_SECTORS.iter().enumerate() {
                tx.execute(
                    "INSERT INTO sectors (id, map_id, position, name) VALUES (?1, ?2, ?3, ?4)",
                    params![new_id(), id, position, name],
                )?;
            }
            workshops::touch(tx, workshop_id)?;
            get_map(tx, &id)
        })
    }

    pub fn actor_maps(&self, workshop_id: &str) -> Result<Vec<ActorMap>> {
        self.read(|tx| maps_of(tx, workshop_id))
    }

    pub fn sectors(&self, map_id: &str) -> Result<Vec<Sector>> {
        self.read(|tx| {
            ensure_exists(tx, "actor_maps", Entity::ActorMap, map_id)?;
            sectors_of(tx, map_id)
        })
    }

    pub fn add_actor(&self, map_id: &str, input: &ActorInput) -> Result<Actor> {
        let name = required_text("actor_name", &input.name, TITLE_MAX)?;
        let role = optional_text("actor_role", &input.role, NOTE_MAX)?;
        let contact = optional_text("actor_contact", &input.contact, NOTE_MAX)?;
        let influence = scale("actor_influence", input.influence)?;
        let interest = scale("actor_interest", input.interest)?;
        self.write(|tx| {
            let map = get_map(tx, map_id)?;
            let sector_map: Option<String> = tx
                .query_row(
                    "SELECT map_id FROM sectors WHERE id = ?1",
                    [&input.sector_id],
                    |r| r.get(0),
                )
                .optional()?;
            if sector_map.as_deref() != Some(map_id) {
                return Err(Error::UnknownValue {
                    field: "actor_sector",
                    value: input.sector_id.clone(),
                });
            }
            let id = new_id();
            tx.execute(
                &format!(
                    "INSERT INTO actors ({ACTOR_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL)"
                ),
                params![
                    id,
                    map_id,
                    input.sector_id,
                    name,
                    role,
                    influence,
                    interest,
                    input.involvement.as_str(),
                    contact
                ],
            )?;
            workshops::touch(tx, &map.workshop_id)?;
            get_actor(tx, &id)
        })
    }

    pub fn actors(&self, map_id: &str) -> Result<Vec<Actor>> {
        self.read(|tx| {
            ensure_exists(tx, "actor_maps", Entity::ActorMap, map_id)?;
            actors_of(tx, map_id)
        })
    }
}
