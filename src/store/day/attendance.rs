//! Who took part, by actor group: a phone's group as it said it, the items
//! it contributed to, and the people without a phone counted by hand. Kept
//! with the workshop (not the join session), never with a name.

use rusqlite::{params, Transaction};

use super::sql::Cached;
use super::{agenda, feed, workshops, Store};
use crate::error::{Entity, Error, Result};
use crate::model::*;

/// A phone joined: counted, its group not asked yet.
pub(crate) fn joined(tx: &Transaction, workshop_id: &str, participant: &str) -> Result<()> {
    tx.exec(
        "INSERT OR IGNORE INTO attendance (workshop_id, participant) VALUES (?1, ?2)",
        params![workshop_id, participant],
    )?;
    Ok(())
}

/// A phone contributed to an item.
pub(crate) fn took_part(tx: &Transaction, item_id: &str, participant: &str) -> Result<()> {
    tx.exec(
        "INSERT OR IGNORE INTO item_attendance (item_id, participant) VALUES (?1, ?2)",
        params![item_id, participant],
    )?;
    Ok(())
}

/// Every phone's group (None: not asked yet), by participant: the phones' day.
pub(crate) fn groups_said(
    tx: &Transaction,
    workshop_id: &str,
) -> Result<std::collections::HashMap<String, Option<String>>> {
    let mut stmt =
        tx.prepare("SELECT participant, actor_group FROM attendance WHERE workshop_id = ?1")?;
    let rows = stmt.query_map([workshop_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn document_of(tx: &Transaction, workshop_id: &str) -> Result<AttendanceDocument> {
    let mut phones = Vec::new();
    let mut stmt = tx.prepare(
        "SELECT participant, actor_group FROM attendance WHERE workshop_id = ?1
         ORDER BY participant",
    )?;
    let said: Vec<(String, Option<String>)> = stmt
        .query_map([workshop_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut items = tx.prepare(
        "SELECT a.item_id FROM item_attendance a JOIN agenda_items i ON i.id = a.item_id
         WHERE i.workshop_id = ?1 AND a.participant = ?2 ORDER BY i.position, i.id",
    )?;
    for (participant, group) in said {
        phones.push(PhoneAttendance {
            group,
            items: items
                .query_map(params![workshop_id, participant], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        });
    }
    let mut stmt = tx.prepare(
        "SELECT actor_group, people FROM attendance_by_hand
         WHERE workshop_id = ?1 AND people > 0 ORDER BY actor_group",
    )?;
    let by_hand = stmt
        .query_map([workshop_id], |r| {
            Ok(PeopleByHand {
                group: r.get(0)?,
                people: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AttendanceDocument { phones, by_hand })
}

/// A file's attendance, under new opaque ids; `item_of` maps the file's
/// item ids to the new ones.
pub(crate) fn insert_document(
    tx: &Transaction,
    workshop_id: &str,
    doc: &AttendanceDocument,
    item_of: &dyn Fn(&str) -> Result<Id>,
) -> Result<()> {
    for phone in &doc.phones {
        let participant = new_id();
        let group = match &phone.group {
            Some(g) => Some(optional_name("actor_group", g, LABEL_MAX)?),
            None => None,
        };
        tx.exec(
            "INSERT INTO attendance (workshop_id, participant, actor_group) VALUES (?1, ?2, ?3)",
            params![workshop_id, participant, group],
        )?;
        for item in &phone.items {
            took_part(tx, &item_of(item)?, &participant)?;
        }
    }
    for hand in &doc.by_hand {
        set_by_hand(tx, workshop_id, &hand.group, hand.people)?;
    }
    Ok(())
}

fn set_by_hand(tx: &Transaction, workshop_id: &str, group: &str, people: u32) -> Result<()> {
    let group = optional_name("actor_group", group, LABEL_MAX)?;
    in_range("people", people.into(), 0, PARTICIPANTS_MAX.into())?;
    tx.exec(
        "INSERT INTO attendance_by_hand (workshop_id, actor_group, people) VALUES (?1, ?2, ?3)
         ON CONFLICT (workshop_id, actor_group) DO UPDATE SET people = excluded.people",
        params![workshop_id, group, people],
    )?;
    Ok(())
}

fn counted(tx: &Transaction, workshop_id: &str) -> Result<Attendance> {
    let workshop = workshops::get(tx, workshop_id)?;
    let items: Vec<Id> = agenda::list(tx, workshop_id)?
        .into_iter()
        .map(|i| i.id)
        .collect();
    Ok(Attendance::of(
        &workshop.actor_groups,
        &items,
        &document_of(tx, workshop_id)?,
    ))
}

impl Store {
    /// A phone says which actor group it belongs to ("" for "rather not
    /// say"), or changes it; the workshop's groups only.
    pub fn choose_actor_group(
        &self,
        workshop_id: &str,
        participant: &str,
        group: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let groups = workshops::get(tx, workshop_id)?.actor_groups;
            if !group.is_empty() && !groups.iter().any(|g| g == group) {
                return Err(Error::not_found(Entity::ActorGroup, group));
            }
            // A phone that joined before groups were counted has no row yet.
            tx.exec(
                "INSERT INTO attendance (workshop_id, participant, actor_group) VALUES (?1, ?2, ?3)
                 ON CONFLICT (workshop_id, participant) DO UPDATE SET actor_group = excluded.actor_group",
                params![workshop_id, participant, group],
            )?;
            feed::record(Subject::Session {
                workshop_id: workshop_id.to_owned(),
            });
            Ok(())
        })
    }

    /// People without a phone in one group, counted by the facilitator.
    pub fn set_people_by_hand(
        &self,
        workshop_id: &str,
        group: &str,
        people: u32,
    ) -> Result<Attendance> {
        self.write(|tx| {
            workshops::get(tx, workshop_id)?;
            set_by_hand(tx, workshop_id, group, people)?;
            super::owners::touch_workshop(tx, workshop_id)?;
            counted(tx, workshop_id)
        })
    }

    /// Who took part, counted by group and by item.
    pub fn attendance(&self, workshop_id: &str) -> Result<Attendance> {
        self.read(|tx| counted(tx, workshop_id))
    }
}
