use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::owners::touch_workshop;
use super::relations;
use super::sql::{ensure_exists, found, get_enum, next_position};
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

const ACTOR_COLUMNS: &str = "id, map_id, sector_id, name, role, influence, interest, involvement, \
     contact, source_card_id, placed";

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
        placed: row.get(10)?,
    })
}

pub(crate) fn get_map(tx: &Transaction, id: &str) -> Result<ActorMap> {
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

pub(crate) fn get_actor(tx: &Transaction, id: &str) -> Result<Actor> {
    let sql = format!("SELECT {ACTOR_COLUMNS} FROM actors WHERE id = ?1");
    found(
        tx.query_row(&sql, [id], actor_from_row).optional()?,
        Entity::Actor,
        id,
    )
}

fn get_sector(tx: &Transaction, id: &str) -> Result<Sector> {
    found(
        tx.query_row(
            "SELECT id, map_id, position, name FROM sectors WHERE id = ?1",
            [id],
            sector_from_row,
        )
        .optional()?,
        Entity::Sector,
        id,
    )
}

fn sector_from_row(r: &Row) -> rusqlite::Result<Sector> {
    Ok(Sector {
        id: r.get(0)?,
        map_id: r.get(1)?,
        position: r.get(2)?,
        name: r.get(3)?,
    })
}

/// An actor's fields, checked; the same rules for new and edited ones, and
/// for actors read from a workshop file.
pub(crate) struct Checked {
    sector_id: Id,
    name: String,
    role: String,
    contact: String,
    influence: u8,
    interest: u8,
    involvement: Involvement,
}

pub(crate) fn check(input: &ActorInput) -> Result<Checked> {
    Ok(Checked {
        sector_id: input.sector_id.clone(),
        name: required_name("actor_name", &input.name, TITLE_MAX)?,
        role: optional_text("actor_role", &input.role, NOTE_MAX)?,
        contact: optional_text("actor_contact", &input.contact, NOTE_MAX)?,
        influence: scale("actor_influence", input.influence)?,
        interest: scale("actor_interest", input.interest)?,
        involvement: input.involvement,
    })
}

/// A sector's name, checked: for new and renamed sectors and those read from a file.
pub(crate) fn sector_name(name: &str) -> Result<String> {
    required_name("sector_name", name, LABEL_MAX)
}

/// An actor can only be in a sector of its own map.
fn ensure_sector_of(tx: &Transaction, map_id: &str, sector_id: &str) -> Result<()> {
    let sector_map: Option<String> = tx
        .query_row(
            "SELECT map_id FROM sectors WHERE id = ?1",
            [sector_id],
            |r| r.get(0),
        )
        .optional()?;
    if sector_map.as_deref() != Some(map_id) {
        return Err(Error::UnknownValue {
            field: "actor_sector",
            value: sector_id.to_owned(),
        });
    }
    Ok(())
}

pub(crate) fn insert(
    tx: &Transaction,
    map_id: &str,
    a: &Checked,
    source_card: Option<&str>,
) -> Result<Actor> {
    insert_placed(tx, map_id, a, source_card, true)
}

/// An actor on the grid (`placed`), or in the tray beside it until the
/// group places it (proposed from a phone).
pub(crate) fn insert_placed(
    tx: &Transaction,
    map_id: &str,
    a: &Checked,
    source_card: Option<&str>,
    placed: bool,
) -> Result<Actor> {
    ensure_sector_of(tx, map_id, &a.sector_id)?;
    let id = new_id();
    tx.execute(
        &format!(
            "INSERT INTO actors ({ACTOR_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        ),
        params![
            id,
            map_id,
            a.sector_id,
            a.name,
            a.role,
            a.influence,
            a.interest,
            a.involvement.as_str(),
            a.contact,
            source_card,
            placed
        ],
    )?;
    get_actor(tx, &id)
}

pub(crate) fn insert_map(tx: &Transaction, workshop_id: &str, title: &str) -> Result<Id> {
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
    Ok(id)
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
    let rows = stmt.query_map([map_id], sector_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn actors_of(tx: &Transaction, map_id: &str) -> Result<Vec<Actor>> {
    let mut stmt = tx.prepare(
        "SELECT a.id, a.map_id, a.sector_id, a.name, a.role, a.influence, a.interest,
                a.involvement, a.contact, a.source_card_id, a.placed
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
            let id = insert_map(tx, workshop_id, &title)?;
            touch_workshop(tx, workshop_id)?;
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

    pub fn actor_map_view(&self, map_id: &str) -> Result<ActorMapView> {
        self.read(|tx| {
            Ok(ActorMapView {
                map: get_map(tx, map_id)?,
                sectors: sectors_of(tx, map_id)?,
                actors: actors_of(tx, map_id)?,
                relations: relations::relations_of(tx, map_id)?,
                history: super::history::state(tx, map_id)?,
            })
        })
    }

    pub fn add_actor(&self, map_id: &str, input: &ActorInput) -> Result<Applied<Actor>> {
        let a = check(input)?;
        self.scoped_action(
            Workspace::ActorMap,
            "add_actor",
            |tx| get_map(tx, map_id).map(|m| m.id),
            |tx, map_id| insert(tx, map_id, &a, None),
        )
    }

    pub fn update_actor(&self, id: &str, input: &ActorInput) -> Result<Applied<Actor>> {
        let a = check(input)?;
        self.scoped_action(
            Workspace::ActorMap,
            "update_actor",
            |tx| get_actor(tx, id).map(|a| a.map_id),
            |tx, map_id| {
                ensure_sector_of(tx, map_id, &a.sector_id)?;
                tx.execute(
                    "UPDATE actors SET sector_id = ?2, name = ?3, role = ?4, influence = ?5,
                         interest = ?6, involvement = ?7, contact = ?8
                     WHERE id = ?1",
                    params![
                        id,
                        a.sector_id,
                        a.name,
                        a.role,
                        a.influence,
                        a.interest,
                        a.involvement.as_str(),
                        a.contact
                    ],
                )?;
                get_actor(tx, id)
            },
        )
    }

    /// Moves an actor on the grid: the drag of a token.
    pub fn place_actor(&self, id: &str, influence: u8, interest: u8) -> Result<Applied<Actor>> {
        let influence = scale("actor_influence", influence)?;
        let interest = scale("actor_interest", interest)?;
        self.scoped_action(
            Workspace::ActorMap,
            "place_actor",
            |tx| get_actor(tx, id).map(|a| a.map_id),
            |tx, _| {
                tx.execute(
                    "UPDATE actors SET influence = ?2, interest = ?3, placed = 1 WHERE id = ?1",
                    params![id, influence, interest],
                )?;
                get_actor(tx, id)
            },
        )
    }

    pub fn delete_actor(&self, id: &str) -> Result<Applied<()>> {
        self.scoped_action(
            Workspace::ActorMap,
            "delete_actor",
            |tx| get_actor(tx, id).map(|a| a.map_id),
            |tx, _| {
                tx.execute("DELETE FROM actors WHERE id = ?1", [id])?;
                Ok(())
            },
        )
    }

    pub fn add_sector(&self, map_id: &str, name: &str) -> Result<Applied<Sector>> {
        let name = sector_name(name)?;
        self.scoped_action(
            Workspace::ActorMap,
            "add_sector",
            |tx| get_map(tx, map_id).map(|m| m.id),
            |tx, map_id| {
                let id = new_id();
                let position = next_position(tx, "sectors", "map_id", map_id)?;
                tx.execute(
                    "INSERT INTO sectors (id, map_id, position, name) VALUES (?1, ?2, ?3, ?4)",
                    params![id, map_id, position, name],
                )?;
                get_sector(tx, &id)
            },
        )
    }

    pub fn rename_sector(&self, id: &str, name: &str) -> Result<Applied<Sector>> {
        let name = sector_name(name)?;
        self.scoped_action(
            Workspace::ActorMap,
            "rename_sector",
            |tx| get_sector(tx, id).map(|s| s.map_id),
            |tx, _| {
                tx.execute(
                    "UPDATE sectors SET name = ?2 WHERE id = ?1",
                    params![id, name],
                )?;
                get_sector(tx, id)
            },
        )
    }

    /// Removes a sector that holds no actors: the facilitator moves them
    /// first, so no actor is lost by accident.
    pub fn delete_sector(&self, id: &str) -> Result<Applied<()>> {
        self.scoped_action(
            Workspace::ActorMap,
            "delete_sector",
            |tx| get_sector(tx, id).map(|s| s.map_id),
            |tx, _| {
                let sector = get_sector(tx, id)?;
                let count: u32 = tx.query_row(
                    "SELECT count(*) FROM actors WHERE sector_id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                if count > 0 {
                    return Err(Error::SectorNotEmpty {
                        sector: sector.name,
                        count,
                    });
                }
                tx.execute("DELETE FROM sectors WHERE id = ?1", [id])?;
                Ok(())
            },
        )
    }

    pub fn actors(&self, map_id: &str) -> Result<Vec<Actor>> {
        self.read(|tx| {
            ensure_exists(tx, "actor_maps", Entity::ActorMap, map_id)?;
            actors_of(tx, map_id)
        })
    }
}
