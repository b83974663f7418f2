use rusqlite::{OptionalExtension, Row, ToSql, Transaction};

use super::sql::Cached;
use super::sql::{self, found, get_date, get_json, get_ts, touched};
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

const COLUMNS: &str = "id, title, date, place, facilitators, participant_count, language, \
     created_at, updated_at, goals, actor_groups";

fn from_row(row: &Row) -> rusqlite::Result<Workshop> {
    Ok(Workshop {
        id: row.get(0)?,
        title: row.get(1)?,
        date: get_date(row, 2)?,
        place: row.get(3)?,
        facilitators: get_json(row, 4)?,
        participant_count: row.get(5)?,
        language: sql::get_enum(row, 6, Language::parse)?,
        created_at: get_ts(row, 7)?,
        updated_at: get_ts(row, 8)?,
        goals: get_json(row, 9)?,
        actor_groups: get_json(row, 10)?,
    })
}

/// A header that passed every check, ready to be written.
struct Header {
    title: String,
    date: chrono::NaiveDate,
    place: String,
    facilitators: String,
    participant_count: u32,
    language: Language,
    goals: String,
    actor_groups: String,
}

/// A short list of lines (goals, actor groups): each one visible line
/// within its bound, blank and repeated ones dropped.
fn lines(field: &'static str, input: &[String], each: usize, most: usize) -> Result<String> {
    let mut kept: Vec<String> = Vec::new();
    for line in input {
        let line = optional_name(field, line, each)?;
        if !line.is_empty() && !kept.contains(&line) {
            kept.push(line);
        }
    }
    if kept.len() > most {
        return Err(Error::OutOfRange {
            field,
            value: kept.len() as i64,
            min: 0,
            max: most as i64,
        });
    }
    Ok(serde_json::to_string(&kept)?)
}

fn validate(input: &WorkshopInput) -> Result<Header> {
    let title = required_text("workshop_title", &input.title, TITLE_MAX)?;
    let date = parse_date("workshop_date", &input.date)?;
    let place = optional_text("workshop_place", &input.place, LABEL_MAX)?;
    let mut facilitators = Vec::new();
    for name in &input.facilitators {
        let name = optional_name("facilitator", name, LABEL_MAX)?;
        if !name.is_empty() {
            facilitators.push(name);
        }
    }
    if facilitators.len() > FACILITATORS_MAX {
        return Err(Error::OutOfRange {
            field: "facilitators",
            value: facilitators.len() as i64,
            min: 0,
            max: FACILITATORS_MAX as i64,
        });
    }
    in_range(
        "participant_count",
        input.participant_count.into(),
        0,
        PARTICIPANTS_MAX.into(),
    )?;
    Ok(Header {
        title,
        date,
        place,
        facilitators: serde_json::to_string(&facilitators)?,
        participant_count: input.participant_count,
        language: input.language,
        goals: lines("goal", &input.goals, TITLE_MAX, GOALS_MAX)?,
        actor_groups: lines(
            "actor_group",
            &input.actor_groups,
            LABEL_MAX,
            ACTOR_GROUPS_MAX,
        )?,
    })
}

pub(crate) fn get(tx: &Transaction, id: &str) -> Result<Workshop> {
    let sql = format!("SELECT {COLUMNS} FROM workshops WHERE id = ?1");
    found(
        tx.row(&sql, [id], from_row).optional()?,
        Entity::Workshop,
        id,
    )
}

/// The columns a workshop's form sets (and when), in insert and update alike.
const FORM: [&str; 9] = [
    "title",
    "date",
    "place",
    "facilitators",
    "participant_count",
    "language",
    "updated_at",
    "goals",
    "actor_groups",
];

/// The values of `FORM`, in its order; `text` is the date, the language
/// and the time of the change, as stored.
fn form_values<'a>(h: &'a Header, text: &'a (String, &str, String)) -> [&'a dyn ToSql; 9] {
    let (date, language, now) = text;
    [
        &h.title,
        date,
        &h.place,
        &h.facilitators,
        &h.participant_count,
        language,
        now,
        &h.goals,
        &h.actor_groups,
    ]
}

/// Checks the header and inserts a new workshop; returns its id.
pub(crate) fn insert(tx: &Transaction, input: &WorkshopInput) -> Result<Id> {
    insert_as(tx, input, &new_id())
}

/// `insert` under a given id: another laptop's workshop keeps the id it has
/// there, so the team's changes can name it.
pub(crate) fn insert_as(tx: &Transaction, input: &WorkshopInput, id: &str) -> Result<Id> {
    let h = validate(input)?;
    let id = id.to_owned();
    let now = sql::ts(&sql::now());
    let text = (h.date.to_string(), h.language.as_str(), now.clone());
    let mut values: Vec<&dyn ToSql> = vec![&id, &now];
    values.extend(form_values(&h, &text));
    tx.execute(
        &sql::insert_statement("workshops", &["id", "created_at"], &FORM),
        &*values,
    )?;
    Ok(id)
}

impl Store {
    pub fn create_workshop(&self, input: &WorkshopInput) -> Result<Workshop> {
        self.write(|tx| {
            let id = insert(tx, input)?;
            get(tx, &id)
        })
    }

    pub fn update_workshop(&self, id: &str, input: &WorkshopInput) -> Result<Workshop> {
        let h = validate(input)?;
        self.write(|tx| {
            super::owners::check_ours(tx, id)?;
            let text = (
                h.date.to_string(),
                h.language.as_str(),
                sql::ts(&sql::now()),
            );
            let mut values: Vec<&dyn ToSql> = vec![&id];
            values.extend(form_values(&h, &text));
            let rows = tx.execute(&sql::update_statement("workshops", &FORM, ""), &*values)?;
            touched(rows, Entity::Workshop, id)?;
            get(tx, id)
        })
    }

    /// Deletes a workshop for good, with everything in it: from the store
    /// (freed pages zeroed by `secure_delete`), from the write-ahead log
    /// (copied back and emptied), and from every automatic backup
    /// (participants' cards are personal data). Returns how many backups
    /// held it. Once the store has let it go, the deletion stands: a backup
    /// or photo file that cannot be purged is said in the log.
    pub fn delete_workshop(&self, id: &str) -> Result<usize> {
        self.write(|tx| {
            super::owners::check_ours(tx, id)?;
            let rows = tx.exec("DELETE FROM workshops WHERE id = ?1", [id])?;
            touched(rows, Entity::Workshop, id)
        })?;
        self.checkpoint_and_truncate();
        let purged = self.purge_backups(id);
        // The workshop's photo files go once no backup names them either;
        // a file left behind is taken at the next start, the deletion stands.
        if let Err(e) = self.collect_photos() {
            crate::note!("wandzeitung: photo files not collected: {e}");
        }
        Ok(purged)
    }

    pub fn workshop(&self, id: &str) -> Result<Workshop> {
        self.read(|tx| get(tx, id))
    }

    /// All workshops, the most recently changed first.
    pub fn list_workshops(&self) -> Result<Vec<WorkshopSummary>> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT w.id, w.title, w.date, w.place,
                        (SELECT count(*) FROM boards b WHERE b.workshop_id = w.id),
                        (SELECT count(*) FROM cards c JOIN fields f ON f.id = c.field_id
                           JOIN boards b ON b.id = f.board_id WHERE b.workshop_id = w.id),
                        w.updated_at, tw.label
                 FROM workshops w
                 LEFT JOIN team_workshops tw ON tw.workshop_id = w.id AND tw.deleted = 0
                 ORDER BY w.updated_at DESC, w.id DESC",
            )?;
            let rows = stmt.query_map([], |row| {
                Ok(WorkshopSummary {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    date: get_date(row, 2)?,
                    place: row.get(3)?,
                    board_count: row.get(4)?,
                    card_count: row.get(5)?,
                    updated_at: get_ts(row, 6)?,
                    origin: row.get(7)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    pub fn workshop_count(&self) -> Result<u64> {
        self.read(|tx| Ok(tx.row("SELECT count(*) FROM workshops", [], |r| r.get(0))?))
    }

    /// The workshop with its agenda and the list of its boards.
    pub fn workshop_detail(&self, id: &str) -> Result<WorkshopDetail> {
        self.read(|tx| {
            Ok(WorkshopDetail {
                workshop: get(tx, id)?,
                agenda: super::agenda::list(tx, id)?,
                boards: super::boards::summaries(tx, id)?,
                actor_maps: super::actors::maps_of(tx, id)?,
                challenge_lists: super::challenges::lists_of(tx, id)?,
            })
        })
    }
}
