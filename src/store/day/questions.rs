//! Questions from the audience: asked and backed from the phones during an
//! item whose activity is questions, moderated from the laptop.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension, Transaction};

use super::agenda;
use super::owners::touch_workshop;
use super::sql::{now, ts, Cached};
use super::{feed, Store};
use crate::error::{Entity, Error, Result};
use crate::model::document::QuestionDocument;
use crate::model::*;

/// A question as stored, with who backs it.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub id: Id,
    pub seq: u32,
    pub participant: String,
    pub name: String,
    pub text: String,
    pub state: QuestionState,
    pub merged_into: Option<Id>,
    pub backers: HashSet<String>,
}

/// Every question of an item in the order asked, merged ones included.
pub(crate) fn of_item(tx: &Transaction, item_id: &str) -> Result<Vec<Stored>> {
    let mut backers: HashMap<String, HashSet<String>> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT b.question_id, b.participant FROM question_backings b
             JOIN questions q ON q.id = b.question_id WHERE q.item_id = ?1",
        )?;
        let rows = stmt.query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (q, p): (String, String) = row?;
            backers.entry(q).or_default().insert(p);
        }
    }
    let mut stmt = tx.prepare_cached(
        "SELECT id, seq, participant, name, text, state, merged_into FROM questions
         WHERE item_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([item_id], |r| {
        let state: String = r.get(5)?;
        Ok(Stored {
            id: r.get(0)?,
            seq: r.get(1)?,
            participant: r.get(2)?,
            name: r.get(3)?,
            text: r.get(4)?,
            state: QuestionState::parse(&state).unwrap_or(QuestionState::Hidden),
            merged_into: r.get(6)?,
            backers: HashSet::new(),
        })
    })?;
    let mut all = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    for q in &mut all {
        q.backers = backers.remove(&q.id).unwrap_or_default();
    }
    Ok(all)
}

/// The questions not merged into another, for the laptop and the projector:
/// by backing, then in the order asked.
pub(crate) fn listed(stored: &[Stored]) -> Vec<Question> {
    let mut out: Vec<Question> = stored
        .iter()
        .filter(|q| q.merged_into.is_none())
        .map(|q| Question {
            id: q.id.clone(),
            item_id: String::new(),
            text: q.text.clone(),
            name: q.name.clone(),
            state: q.state,
            backing: q.backers.len() as u32,
            merged: stored
                .iter()
                .filter(|m| m.merged_into.as_deref() == Some(&q.id))
                .map(|m| m.text.clone())
                .collect(),
            seq: q.seq,
        })
        .collect();
    out.sort_by(|a, b| b.backing.cmp(&a.backing).then(a.seq.cmp(&b.seq)));
    out
}

/// The questions as `participant`'s phone shows them: everybody's shown
/// ones, and the participant's own ones still waiting or hidden.
pub(crate) fn for_participant(
    stored: &[Stored],
    review: bool,
    participant: &str,
) -> ParticipantQuestions {
    let asked = stored
        .iter()
        .filter(|q| q.participant == participant)
        .count() as u32;
    let questions = stored
        .iter()
        .filter(|q| q.merged_into.is_none())
        .filter(|q| q.state.shown() || q.participant == participant)
        .map(|q| ParticipantQuestion {
            id: q.id.clone(),
            text: q.text.clone(),
            name: q.name.clone(),
            state: q.state,
            backing: q.backers.len() as u32,
            backed: q.backers.contains(participant),
            mine: q.participant == participant,
            seq: q.seq,
        })
        .collect();
    ParticipantQuestions {
        review,
        questions,
        left: QUESTIONS_PER_PARTICIPANT.saturating_sub(asked),
    }
}

/// A participant asks during the running item `item_id`.
pub(crate) fn ask(
    tx: &Transaction,
    item_id: &str,
    review: bool,
    participant: &str,
    name: &str,
    text: &str,
) -> Result<Question> {
    let text = required_text("question_text", text, QUESTION_MAX)?;
    let name = optional_name("participant_name", name, PARTICIPANT_NAME_MAX)?;
    let (mine, all, last): (u32, u32, u32) = tx.row(
        "SELECT COUNT(*) FILTER (WHERE participant = ?2), COUNT(*), COALESCE(MAX(seq), 0)
         FROM questions WHERE item_id = ?1",
        params![item_id, participant],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if mine >= QUESTIONS_PER_PARTICIPANT {
        return Err(Error::Full {
            what: "questions",
            max: QUESTIONS_PER_PARTICIPANT,
        });
    }
    if all >= QUESTIONS_PER_ITEM_MAX {
        return Err(Error::Full {
            what: "questions",
            max: QUESTIONS_PER_ITEM_MAX,
        });
    }
    let state = if review {
        QuestionState::Waiting
    } else {
        QuestionState::Open
    };
    let id = new_id();
    tx.execute(
        "INSERT INTO questions (id, item_id, seq, participant, name, text, asked_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            item_id,
            last + 1,
            participant,
            name,
            text,
            ts(&now()),
            state.as_str()
        ],
    )?;
    Ok(Question {
        id,
        item_id: item_id.to_owned(),
        text,
        name,
        state,
        backing: 0,
        merged: Vec::new(),
        seq: last + 1,
    })
}

/// The item and state of a question.
fn item_of(tx: &Transaction, id: &str) -> Result<(Id, QuestionState, Option<Id>)> {
    let found = tx
        .row(
            "SELECT item_id, state, merged_into FROM questions WHERE id = ?1",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)),
        )
        .optional()?;
    let (item, state, merged) = found.ok_or_else(|| Error::not_found(Entity::Question, id))?;
    let state = QuestionState::parse(&state).unwrap_or(QuestionState::Hidden);
    Ok((item, state, merged))
}

/// A participant backs a question of the running item, or takes the
/// backing back. A question the room does not see is "not found".
pub(crate) fn back(
    tx: &Transaction,
    item_id: &str,
    question_id: &str,
    participant: &str,
    backed: bool,
) -> Result<()> {
    let (item, state, merged) = item_of(tx, question_id)?;
    if item != item_id || !state.shown() || merged.is_some() {
        return Err(Error::not_found(Entity::Question, question_id));
    }
    if backed {
        tx.execute(
            "INSERT OR IGNORE INTO question_backings (question_id, participant) VALUES (?1, ?2)",
            params![question_id, participant],
        )?;
    } else {
        tx.execute(
            "DELETE FROM question_backings WHERE question_id = ?1 AND participant = ?2",
            params![question_id, participant],
        )?;
    }
    Ok(())
}

/// An item's questions for the facilitator (hidden ones included).
pub(crate) fn item_questions(tx: &Transaction, item: &AgendaItem) -> Result<ItemQuestions> {
    let mut questions = listed(&of_item(tx, &item.id)?);
    for q in &mut questions {
        q.item_id = item.id.clone();
    }
    Ok(ItemQuestions {
        item_id: item.id.clone(),
        review: matches!(item.activity, Activity::Questions { review: true }),
        questions,
    })
}

fn workshop_of_item(tx: &Transaction, item_id: &str) -> Result<Id> {
    Ok(agenda::get(tx, item_id)?.workshop_id)
}

impl Store {
    /// An item's questions for the facilitator (hidden ones included).
    pub fn item_questions(&self, item_id: &str) -> Result<ItemQuestions> {
        self.read(|tx| item_questions(tx, &agenda::get(tx, item_id)?))
    }

    /// Moderation: let a question through, hide it, show it again, mark it
    /// as being answered now (the one before is then answered) or answered.
    /// Returns the item the question belongs to.
    pub fn set_question_state(&self, id: &str, state: QuestionState) -> Result<Id> {
        self.write(|tx| {
            let (item, _, merged) = item_of(tx, id)?;
            if merged.is_some() {
                return Err(Error::not_found(Entity::Question, id));
            }
            if state == QuestionState::Current {
                tx.execute(
                    "UPDATE questions SET state = 'answered'
                     WHERE item_id = ?1 AND state = 'current' AND id <> ?2",
                    params![item, id],
                )?;
            }
            tx.execute(
                "UPDATE questions SET state = ?2 WHERE id = ?1",
                params![id, state.as_str()],
            )?;
            touch_workshop(tx, &workshop_of_item(tx, &item)?)?;
            feed::record(Subject::Item {
                item_id: item.clone(),
            });
            Ok(item)
        })
    }

    /// Merges `from` into `into` (two questions asking the same): `from` is
    /// listed under `into`, and its backers back `into`, each once.
    pub fn merge_questions(&self, from: &str, into: &str) -> Result<Id> {
        self.write(|tx| {
            let (item, _, merged) = item_of(tx, from)?;
            let (other, into_state, into_merged) = item_of(tx, into)?;
            if from == into || item != other || merged.is_some() || into_merged.is_some() {
                return Err(Error::not_found(Entity::Question, into));
            }
            tx.execute(
                "INSERT OR IGNORE INTO question_backings (question_id, participant)
                 SELECT ?2, participant FROM question_backings WHERE question_id = ?1",
                params![from, into],
            )?;
            // What was merged into `from` before now sits under `into` too.
            tx.execute(
                "UPDATE questions SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1",
                params![from, into],
            )?;
            // A waiting question merged into a shown one is seen through it.
            if into_state == QuestionState::Waiting {
                tx.execute("UPDATE questions SET state = 'open' WHERE id = ?1", [into])?;
            }
            touch_workshop(tx, &workshop_of_item(tx, &item)?)?;
            feed::record(Subject::Item {
                item_id: item.clone(),
            });
            Ok(item)
        })
    }
}

/// An item's questions as a file keeps them.
pub(crate) fn documents_of(tx: &Transaction, item_id: &str) -> Result<Vec<QuestionDocument>> {
    Ok(of_item(tx, item_id)?
        .into_iter()
        .map(|q| QuestionDocument {
            item_id: item_id.to_owned(),
            backing: q.backers.len() as u32,
            id: q.id,
            seq: q.seq,
            name: q.name,
            text: q.text,
            state: q.state,
            merged_into: q.merged_into,
        })
        .collect())
}

/// Takes an item's questions over from a file, under new ids; each backing
/// becomes an anonymous backer (the file does not say whose).
pub(crate) fn insert_documents(
    tx: &Transaction,
    item_id: &str,
    docs: &[&QuestionDocument],
) -> Result<()> {
    let mut ids: HashMap<&str, Id> = HashMap::new();
    let mut current = false;
    // What the app never makes, refused with the field named (not as the
    // database's constraint): two questions of one item under one number,
    // a question merged into itself, or into one merged in turn (the app
    // re-points merges, so a chain never exists).
    let mut numbers = std::collections::HashSet::new();
    let merged: HashMap<&str, &str> = docs
        .iter()
        .filter_map(|q| q.merged_into.as_deref().map(|into| (q.id.as_str(), into)))
        .collect();
    for (question, into) in &merged {
        if question == into || merged.contains_key(into) {
            return Err(Error::UnknownValue {
                field: "question_merged_into",
                value: (*into).to_owned(),
            });
        }
    }
    for q in docs {
        if !numbers.insert(q.seq) {
            return Err(Error::UnknownValue {
                field: "question_seq",
                value: q.seq.to_string(),
            });
        }
        let text = required_text("question_text", &q.text, QUESTION_MAX)?;
        let name = optional_name("participant_name", &q.name, PARTICIPANT_NAME_MAX)?;
        if q.backing > crate::model::PARTICIPANTS_MAX {
            return Err(Error::OutOfRange {
                field: "question_backing",
                value: q.backing.into(),
                min: 0,
                max: crate::model::PARTICIPANTS_MAX.into(),
            });
        }
        // At most one question is being answered.
        let state = match q.state {
            QuestionState::Current if current => QuestionState::Answered,
            s => s,
        };
        current |= state == QuestionState::Current;
        let id = new_id();
        tx.execute(
            "INSERT INTO questions (id, item_id, seq, participant, name, text, asked_at, state)
             VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7)",
            params![id, item_id, q.seq, name, text, ts(&now()), state.as_str()],
        )?;
        for n in 0..q.backing {
            tx.execute(
                "INSERT INTO question_backings (question_id, participant) VALUES (?1, ?2)",
                params![id, format!("file-{n}")],
            )?;
        }
        if ids.insert(q.id.as_str(), id).is_some() {
            return Err(Error::UnknownValue {
                field: "question_id",
                value: q.id.clone(),
            });
        }
    }
    for q in docs {
        if let Some(into) = &q.merged_into {
            let into = ids.get(into.as_str()).ok_or_else(|| Error::UnknownValue {
                field: "question_merged_into",
                value: into.clone(),
            })?;
            tx.execute(
                "UPDATE questions SET merged_into = ?2 WHERE id = ?1",
                params![ids[q.id.as_str()], into],
            )?;
        }
    }
    Ok(())
}
