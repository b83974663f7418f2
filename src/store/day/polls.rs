//! Quick polls: one anonymous answer per phone, changeable while the poll is
//! open; the laptop only ever reads the counts.

use rusqlite::{params, Transaction};

use super::agenda;
use super::owners::touch_workshop;
use super::sql::Cached;
use super::{feed, Store};
use crate::error::{Error, Result};
use crate::model::document::PollDocument;
use crate::model::*;

fn closed(tx: &Transaction, item_id: &str) -> Result<bool> {
    Ok(tx.row(
        "SELECT poll_closed FROM agenda_items WHERE id = ?1",
        [item_id],
        |r| r.get(0),
    )?)
}

/// The answers given, one per participant (who gave which stays here).
pub(crate) fn answers_of(tx: &Transaction, item_id: &str) -> Result<Vec<(String, u8)>> {
    let mut stmt =
        tx.prepare_cached("SELECT participant, answer FROM poll_answers WHERE item_id = ?1")?;
    let rows = stmt.query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A participant answers the running poll, or changes the answer.
pub(crate) fn answer(
    tx: &Transaction,
    item_id: &str,
    answers: &PollAnswers,
    participant: &str,
    answer: u8,
) -> Result<()> {
    if closed(tx, item_id)? {
        return Err(Error::PollClosed);
    }
    in_range(
        "poll_answer",
        i64::from(answer),
        1,
        i64::from(answers.count()),
    )?;
    tx.exec(
        "INSERT INTO poll_answers (item_id, participant, answer) VALUES (?1, ?2, ?3)
         ON CONFLICT (item_id, participant) DO UPDATE SET answer = excluded.answer",
        params![item_id, participant, answer],
    )?;
    Ok(())
}

/// The poll of an item as the laptop sees it.
pub(crate) fn item_poll(tx: &Transaction, item: &AgendaItem) -> Result<Option<ItemPoll>> {
    let Activity::Poll { question, answers } = &item.activity else {
        return Ok(None);
    };
    let given = answers_of(tx, &item.id)?;
    Ok(Some(ItemPoll {
        item_id: item.id.clone(),
        question: question.clone(),
        answers: answers.clone(),
        closed: closed(tx, &item.id)?,
        result: PollResult::of(answers, given.into_iter().map(|(_, a)| a)),
    }))
}

impl Store {
    /// The item's poll with its counts; None when the item runs no poll.
    pub fn item_poll(&self, item_id: &str) -> Result<Option<ItemPoll>> {
        self.read(|tx| item_poll(tx, &agenda::get(tx, item_id)?))
    }

    /// Closes the poll (its result stays) or opens it again.
    pub fn close_poll(&self, item_id: &str, closed: bool) -> Result<()> {
        self.write(|tx| {
            let item = agenda::get(tx, item_id)?;
            tx.execute(
                "UPDATE agenda_items SET poll_closed = ?2 WHERE id = ?1",
                params![item_id, closed],
            )?;
            touch_workshop(tx, &item.workshop_id)?;
            feed::record(Subject::Item { item_id: item.id });
            Ok(())
        })
    }
}

/// An item's poll answers as a file keeps them (values only).
pub(crate) fn document_of(tx: &Transaction, item_id: &str) -> Result<Option<PollDocument>> {
    let answers: Vec<u8> = answers_of(tx, item_id)?
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    let closed = closed(tx, item_id)?;
    Ok((!answers.is_empty() || closed).then(|| PollDocument {
        item_id: item_id.to_owned(),
        closed,
        answers,
    }))
}

/// Takes a poll's answers over from a file, each as an anonymous participant.
pub(crate) fn insert_document(
    tx: &Transaction,
    item: &AgendaItem,
    doc: &PollDocument,
) -> Result<()> {
    let Activity::Poll { answers, .. } = &item.activity else {
        return Err(Error::UnknownValue {
            field: "poll_item",
            value: doc.item_id.clone(),
        });
    };
    if doc.answers.len() > crate::model::PARTICIPANTS_MAX as usize {
        return Err(Error::Full {
            what: "poll_answers",
            max: crate::model::PARTICIPANTS_MAX,
        });
    }
    for (n, a) in doc.answers.iter().enumerate() {
        in_range("poll_answer", i64::from(*a), 1, i64::from(answers.count()))?;
        tx.execute(
            "INSERT INTO poll_answers (item_id, participant, answer) VALUES (?1, ?2, ?3)",
            params![item.id, format!("file-{n}"), a],
        )?;
    }
    tx.execute(
        "UPDATE agenda_items SET poll_closed = ?2 WHERE id = ?1",
        params![item.id, doc.closed],
    )?;
    Ok(())
}
