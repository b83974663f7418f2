//! Challenge lists: the local challenges, in a manual order and ranked by a
//! dot vote with the boards' rules. Every change is one undoable step of the
//! list.

use rusqlite::{params, OptionalExtension, Row, ToSql, Transaction};

use super::order::{reorder, write_positions};
use super::owners::touch_workshop;
use super::sql::Cached;
use super::sql::{
    self, ensure_exists, found, get_enum, get_json, get_opt_date, insert_statement, next_position,
    update_statement,
};
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

const COLUMNS: &str = "c.id, c.list_id, c.position, c.title, c.description, c.dimensions,
    c.success_conditions, c.resources, c.responsible, c.next_step, c.due_date, c.status,
    c.source_card_id, c.source_cluster_id, c.origin_dots,
    (SELECT count(*) FROM challenge_votes v WHERE v.challenge_id = c.id),
    c.impact_goal, c.impact_signal, c.review_date, c.revision";

const LIST_COLUMNS: &str = "id, workshop_id, title, dots_per_participant, vote_open";

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
        source_cluster_id: row.get(13)?,
        origin_dots: row.get(14)?,
        dots: row.get(15)?,
        impact_goal: row.get(16)?,
        impact_signal: row.get(17)?,
        review_date: get_opt_date(row, 18)?,
        revision: row.get(19)?,
    })
}

fn list_from_row(r: &Row) -> rusqlite::Result<ChallengeList> {
    Ok(ChallengeList {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        title: r.get(2)?,
        dots_per_participant: r.get(3)?,
        vote_open: r.get(4)?,
    })
}

pub(crate) fn lists_of(tx: &Transaction, workshop_id: &str) -> Result<Vec<ChallengeList>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT {LIST_COLUMNS} FROM challenge_lists WHERE workshop_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([workshop_id], list_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn challenges_of(tx: &Transaction, list_id: &str) -> Result<Vec<Challenge>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM challenges c WHERE c.list_id = ?1 ORDER BY c.position, c.id"
    );
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([list_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every dot of the list, in the order placed.
pub(crate) fn votes_of(tx: &Transaction, list_id: &str) -> Result<Vec<ChallengeVote>> {
    let mut stmt = tx.prepare(
        "SELECT v.id, v.challenge_id, v.participant, v.created_at
         FROM challenge_votes v JOIN challenges c ON c.id = v.challenge_id
         WHERE c.list_id = ?1 ORDER BY v.created_at, v.id",
    )?;
    let rows = stmt.query_map([list_id], |r| {
        Ok(ChallengeVote {
            id: r.get(0)?,
            challenge_id: r.get(1)?,
            participant: r.get(2)?,
            created_at: sql::get_ts(r, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get_list(tx: &Transaction, id: &str) -> Result<ChallengeList> {
    found(
        tx.query_row(
            &format!("SELECT {LIST_COLUMNS} FROM challenge_lists WHERE id = ?1"),
            [id],
            list_from_row,
        )
        .optional()?,
        Entity::ChallengeList,
        id,
    )
}

pub(crate) fn get(tx: &Transaction, id: &str) -> Result<Challenge> {
    let sql = format!("SELECT {COLUMNS} FROM challenges c WHERE c.id = ?1");
    found(
        tx.query_row(&sql, [id], from_row).optional()?,
        Entity::Challenge,
        id,
    )
}

pub(crate) fn list_of_challenge(tx: &Transaction, id: &str) -> Result<Id> {
    Ok(get(tx, id)?.list_id)
}

/// The workshop a challenge list belongs to.
pub(crate) fn workshop_of_list(tx: &Transaction, list_id: &str) -> Result<Id> {
    Ok(get_list(tx, list_id)?.workshop_id)
}

/// A dot on a challenge, within the participant's budget for the list.
pub(crate) fn place_dot(
    tx: &Transaction,
    list_id: &str,
    id: &str,
    participant: &str,
) -> Result<Challenge> {
    let list = get_list(tx, list_id)?;
    if !list.vote_open {
        return Err(Error::VoteClosed);
    }
    record_dot(tx, &list, id, participant, sql::now())?;
    get(tx, id)
}

/// The rules of a dot on a challenge, whoever places it (a person now, or a
/// workshop file being imported): on a challenge of this list, within the
/// participant's budget.
pub(crate) fn record_dot(
    tx: &Transaction,
    list: &ChallengeList,
    id: &str,
    participant: &str,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let participant = required_text("participant", participant, LABEL_MAX)?;
    let participant = participant.as_str();
    let list_id = list.id.as_str();
    let here: u32 = tx.row(
        "SELECT count(*) FROM challenges WHERE id = ?1 AND list_id = ?2",
        params![id, list_id],
        |r| r.get(0),
    )?;
    if here == 0 {
        return Err(Error::not_found(Entity::Challenge, id));
    }
    if dots_used(tx, list_id, participant)? >= list.dots_per_participant {
        return Err(Error::DotsUsedUp {
            participant: participant.to_owned(),
            max: list.dots_per_participant,
        });
    }
    tx.exec(
        "INSERT INTO challenge_votes (id, challenge_id, participant, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![new_id(), id, participant, sql::ts(&created_at)],
    )?;
    Ok(())
}

pub(crate) fn dots_used(tx: &Transaction, list_id: &str, participant: &str) -> Result<u32> {
    Ok(tx.row(
        "SELECT count(*) FROM challenge_votes v JOIN challenges c ON c.id = v.challenge_id
         WHERE c.list_id = ?1 AND v.participant = ?2",
        params![list_id, participant],
        |r| r.get(0),
    )?)
}

/// Takes back the participant's last dot on the challenge.
pub(crate) fn take_back_dot(
    tx: &Transaction,
    list_id: &str,
    id: &str,
    participant: &str,
) -> Result<Challenge> {
    if !get_list(tx, list_id)?.vote_open {
        return Err(Error::VoteClosed);
    }
    let dot: Option<String> = tx
        .row(
            "SELECT id FROM challenge_votes WHERE challenge_id = ?1 AND participant = ?2
             ORDER BY created_at DESC, id DESC LIMIT 1",
            params![id, participant],
            |r| r.get(0),
        )
        .optional()?;
    let dot = found(dot, Entity::Vote, id)?;
    tx.exec("DELETE FROM challenge_votes WHERE id = ?1", [dot])?;
    get(tx, id)
}

/// A challenge's fields, checked; the same rules for new and edited ones.
pub(crate) struct Checked {
    title: String,
    description: String,
    dimensions: String,
    success: String,
    resources: String,
    responsible: String,
    next_step: String,
    due_date: Option<String>,
    status: &'static str,
    impact_goal: String,
    impact_signal: String,
    review_date: Option<String>,
}

/// The columns a challenge's form sets, in insert and update alike.
const FORM: [&str; 12] = [
    "title",
    "description",
    "dimensions",
    "success_conditions",
    "resources",
    "responsible",
    "next_step",
    "due_date",
    "status",
    "impact_goal",
    "impact_signal",
    "review_date",
];

impl Checked {
    /// The values of `FORM`, in its order.
    fn form_values(&self) -> [&dyn ToSql; 12] {
        [
            &self.title,
            &self.description,
            &self.dimensions,
            &self.success,
            &self.resources,
            &self.responsible,
            &self.next_step,
            &self.due_date,
            &self.status,
            &self.impact_goal,
            &self.impact_signal,
            &self.review_date,
        ]
    }
}

/// `YYYY-MM-DD`, or none for an empty box.
fn optional_date(field: &'static str, value: &str) -> Result<Option<String>> {
    Ok(match value.trim() {
        "" => None,
        d => Some(parse_date(field, d)?.to_string()),
    })
}

impl Checked {
    /// Whether the fields that belong to the workshop (all but the
    /// follow-up) are those of `before`: the part another laptop's
    /// workshop keeps as it came.
    fn same_workshop_part(&self, before: &Challenge) -> Result<bool> {
        Ok(self.title == before.title
            && self.description == before.description
            && self.dimensions == serde_json::to_string(&before.dimensions)?
            && self.success == before.success_conditions
            && self.resources == before.resources)
    }
}

/// One follow-up field's value under the rules of the challenge's form
/// (a change from another laptop passes the same ones).
pub(crate) fn check_follow_up(
    field: crate::team::FollowUpField,
    value: Option<&str>,
) -> Result<Option<String>> {
    use crate::team::FollowUpField as F;
    let text = value.unwrap_or("");
    Ok(match field {
        F::Status => Some(
            ChallengeStatus::parse(text)
                .ok_or_else(|| Error::UnknownValue {
                    field: "challenge_status",
                    value: text.to_owned(),
                })?
                .as_str()
                .to_owned(),
        ),
        F::Responsible => Some(optional_text("challenge_responsible", text, LABEL_MAX)?),
        F::NextStep => Some(optional_text("challenge_next_step", text, NOTE_MAX)?),
        F::ImpactGoal => Some(optional_text("challenge_impact_goal", text, NOTE_MAX)?),
        F::ImpactSignal => Some(optional_text("challenge_impact_signal", text, NOTE_MAX)?),
        F::DueDate => optional_date("challenge_due_date", text)?,
        F::ReviewDate => optional_date("challenge_review_date", text)?,
    })
}

pub(crate) fn check(input: &ChallengeInput) -> Result<Checked> {
    let mut dimensions: Vec<Dimension> = Vec::new();
    for d in &input.dimensions {
        if !dimensions.contains(d) {
            dimensions.push(*d);
        }
    }
    Ok(Checked {
        title: required_text("challenge_title", &input.title, TITLE_MAX)?,
        description: optional_text("challenge_description", &input.description, NOTE_MAX)?,
        dimensions: serde_json::to_string(&dimensions)?,
        success: optional_text("challenge_success", &input.success_conditions, NOTE_MAX)?,
        resources: optional_text("challenge_resources", &input.resources, NOTE_MAX)?,
        responsible: optional_text("challenge_responsible", &input.responsible, LABEL_MAX)?,
        next_step: optional_text("challenge_next_step", &input.next_step, NOTE_MAX)?,
        due_date: optional_date("challenge_due_date", &input.due_date)?,
        status: input.status.as_str(),
        impact_goal: optional_text("challenge_impact_goal", &input.impact_goal, NOTE_MAX)?,
        impact_signal: optional_text("challenge_impact_signal", &input.impact_signal, NOTE_MAX)?,
        review_date: optional_date("challenge_review_date", &input.review_date)?,
    })
}

/// Where a promoted challenge came from.
#[derive(Default)]
pub(crate) struct Origin {
    pub card_id: Option<Id>,
    pub cluster_id: Option<Id>,
    pub dots: u32,
}

pub(crate) fn insert(
    tx: &Transaction,
    list_id: &str,
    c: &Checked,
    origin: &Origin,
) -> Result<Challenge> {
    let id = new_id();
    let position = next_position(tx, "challenges", "list_id", list_id)?;
    let mut values: Vec<&dyn ToSql> = vec![
        &id,
        &list_id,
        &position,
        &origin.card_id,
        &origin.cluster_id,
        &origin.dots,
    ];
    values.extend(c.form_values());
    tx.execute(
        &insert_statement(
            "challenges",
            &[
                "id",
                "list_id",
                "position",
                "source_card_id",
                "source_cluster_id",
                "origin_dots",
            ],
            &FORM,
        ),
        &*values,
    )?;
    get(tx, &id)
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
            touch_workshop(tx, workshop_id)?;
            get_list(tx, &id)
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

    pub fn challenge_list_view(&self, list_id: &str) -> Result<ChallengeListView> {
        self.read(|tx| {
            let list = get_list(tx, list_id)?;
            let challenges = challenges_of(tx, list_id)?;
            let mut stmt = tx.prepare(
                "SELECT v.participant, count(*) FROM challenge_votes v
                 JOIN challenges c ON c.id = v.challenge_id WHERE c.list_id = ?1
                 GROUP BY v.participant ORDER BY v.participant",
            )?;
            let dots_used = stmt
                .query_map([list_id], |r| {
                    Ok(ParticipantDots {
                        participant: r.get(0)?,
                        used: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ChallengeListView {
                ratings: super::ratings::rated(tx, list_id)?,
                ranking: ranking(&challenges),
                history: super::history::state(tx, list_id)?,
                list,
                challenges,
                dots_used,
            })
        })
    }

    pub fn add_challenge(
        &self,
        list_id: &str,
        input: &ChallengeInput,
    ) -> Result<Applied<Challenge>> {
        let checked = check(input)?;
        self.scoped_action(
            Workspace::ChallengeList,
            "add_challenge",
            |tx| get_list(tx, list_id).map(|l| l.id),
            |tx, list_id| insert(tx, list_id, &checked, &Origin::default()),
        )
    }

    pub fn update_challenge(&self, id: &str, input: &ChallengeInput) -> Result<Applied<Challenge>> {
        let c = check(input)?;
        self.scoped_action(
            Workspace::ChallengeList,
            "update_challenge",
            |tx| list_of_challenge(tx, id),
            |tx, list_id| {
                let before = get(tx, id)?;
                if !c.same_workshop_part(&before)? {
                    super::owners::check_ours(tx, &workshop_of_list(tx, list_id)?)?;
                }
                let mut values: Vec<&dyn ToSql> = vec![&id];
                values.extend(c.form_values());
                tx.execute(
                    &update_statement("challenges", &FORM, "revision = revision + 1"),
                    &*values,
                )?;
                // A status changed in the form is a step of its history too,
                // dated the day it was made.
                if before.status.as_str() != c.status {
                    super::challenge_events::insert_event(
                        tx,
                        id,
                        chrono::Local::now().date_naive(),
                        Some(input.status),
                        "",
                    )?;
                }
                get(tx, id)
            },
        )
    }

    pub fn delete_challenge(&self, id: &str) -> Result<Applied<()>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "delete_challenge",
            |tx| list_of_challenge(tx, id),
            |tx, list_id| {
                tx.execute("DELETE FROM challenges WHERE id = ?1", [id])?;
                renumber(tx, list_id, None)
            },
        )
    }

    /// Puts a challenge at `position` (0-based) of the manual order.
    pub fn move_challenge(&self, id: &str, position: u32) -> Result<Applied<()>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "move_challenge",
            |tx| list_of_challenge(tx, id),
            |tx, list_id| renumber(tx, list_id, Some((id, position))),
        )
    }

    pub fn open_challenge_vote(&self, list_id: &str, dots: u32) -> Result<Applied<ChallengeList>> {
        in_range("dots_per_participant", dots.into(), 1, DOTS_MAX.into())?;
        self.scoped_action(
            Workspace::ChallengeList,
            "open_vote",
            |tx| get_list(tx, list_id).map(|l| l.id),
            |tx, list_id| {
                tx.execute(
                    "UPDATE challenge_lists SET vote_open = 1, dots_per_participant = ?2
                     WHERE id = ?1",
                    params![list_id, dots],
                )?;
                get_list(tx, list_id)
            },
        )
    }

    /// Closes voting; the dots stay and make the ranking.
    pub fn close_challenge_vote(&self, list_id: &str) -> Result<Applied<ChallengeList>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "close_vote",
            |tx| get_list(tx, list_id).map(|l| l.id),
            |tx, list_id| {
                tx.execute(
                    "UPDATE challenge_lists SET vote_open = 0 WHERE id = ?1",
                    [list_id],
                )?;
                get_list(tx, list_id)
            },
        )
    }

    /// Places one of the participant's dots on a challenge.
    pub fn add_challenge_dot(&self, id: &str, participant: &str) -> Result<Applied<Challenge>> {
        let participant = required_text("participant", participant, LABEL_MAX)?;
        self.scoped_action(
            Workspace::ChallengeList,
            "add_dot",
            |tx| list_of_challenge(tx, id),
            |tx, list_id| place_dot(tx, list_id, id, &participant),
        )
    }

    /// Takes back the participant's last dot on a challenge.
    pub fn remove_challenge_dot(&self, id: &str, participant: &str) -> Result<Applied<Challenge>> {
        self.scoped_action(
            Workspace::ChallengeList,
            "remove_dot",
            |tx| list_of_challenge(tx, id),
            |tx, list_id| take_back_dot(tx, list_id, id, participant),
        )
    }
}

/// Closes the gaps in the manual order; with `moved`, puts that challenge at
/// its new place first.
fn renumber(tx: &Transaction, list_id: &str, moved: Option<(&str, u32)>) -> Result<()> {
    let rows: Vec<(Id, u32)> = tx
        .prepare("SELECT id, position FROM challenges WHERE list_id = ?1 ORDER BY position, id")?
        .query_map([list_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match moved {
        Some((id, to)) => {
            if !rows.iter().any(|(i, _)| i == id) {
                return Err(Error::not_found(Entity::Challenge, id));
            }
            reorder(tx, "challenges", rows, id, to as usize)
        }
        None => write_positions(tx, "challenges", &rows),
    }
}
