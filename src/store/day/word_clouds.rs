//! Word clouds: each phone's few words for the running item, kept as sent
//! and counted as the room reads them; the facilitator takes a word off the
//! cloud, or reveals a cloud collected face down.

use std::collections::HashSet;

use rusqlite::{params, Transaction};

use super::agenda::{self, revealed};
use super::owners::touch_workshop;
use super::sql::Cached;
use super::{feed, Store};
use crate::error::{Error, Result};
use crate::model::document::WordCloudDocument;
use crate::model::words::{self, ItemWordCloud, ParticipantWordCloud};
use crate::model::*;

/// Every word sent for the item: (participant, word), in the order they came.
pub(crate) fn sent(tx: &Transaction, item_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT participant, word FROM cloud_words WHERE item_id = ?1 ORDER BY seq, position",
    )?;
    let rows = stmt.query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn hidden_keys(tx: &Transaction, item_id: &str) -> Result<HashSet<String>> {
    let mut stmt = tx.prepare_cached("SELECT key FROM cloud_hidden WHERE item_id = ?1")?;
    let rows = stmt.query_map([item_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The words a phone may send: each within the length, at most the rule's
/// number, one of each word (a second "Bürger" from the same phone would
/// count one voice twice). None of a word's letters left is an empty word.
fn checked(words: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut keys = HashSet::new();
    for w in words {
        let w = required_text("cloud_word", w, CLOUD_WORD_MAX)?;
        let key = words::word_key(&w).ok_or(Error::Empty {
            field: "cloud_word",
        })?;
        if keys.insert(key) {
            out.push(w);
        }
    }
    if out.len() > CLOUD_WORDS_PER_PHONE {
        return Err(Error::Full {
            what: "cloud_words",
            max: CLOUD_WORDS_PER_PHONE as u32,
        });
    }
    Ok(out)
}

/// A participant's words for the running cloud, replacing what it sent.
pub(crate) fn send(
    tx: &Transaction,
    item_id: &str,
    participant: &str,
    sent: &[String],
) -> Result<()> {
    let words = checked(sent)?;
    tx.exec(
        "DELETE FROM cloud_words WHERE item_id = ?1 AND participant = ?2",
        params![item_id, participant],
    )?;
    let seq: i64 = tx.row(
        "SELECT COALESCE(MAX(seq), -1) + 1 FROM cloud_words WHERE item_id = ?1",
        [item_id],
        |r| r.get(0),
    )?;
    for (position, word) in words.iter().enumerate() {
        tx.exec(
            "INSERT INTO cloud_words (item_id, participant, position, word, seq)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![item_id, participant, position as i64, word, seq],
        )?;
    }
    Ok(())
}

/// The item's cloud as the laptop sees it; None for an item of another kind.
pub(crate) fn item_cloud(tx: &Transaction, item: &AgendaItem) -> Result<Option<ItemWordCloud>> {
    let Activity::WordCloud { question, hidden } = &item.activity else {
        return Ok(None);
    };
    let sent = sent(tx, &item.id)?;
    let phones = sent.iter().map(|(p, _)| p).collect::<HashSet<_>>().len();
    let off = hidden_keys(tx, &item.id)?;
    let mut counted = words::count(sent.iter().map(|(_, w)| w.as_str()));
    for w in &mut counted {
        w.hidden = off.contains(&w.key);
    }
    Ok(Some(ItemWordCloud {
        item_id: item.id.clone(),
        question: question.clone(),
        hidden: *hidden,
        revealed: revealed(tx, &item.id)?,
        phones: u32::try_from(phones).unwrap_or(u32::MAX),
        words: counted,
    }))
}

/// What the phones are shown of a cloud, read once for all of them.
pub(crate) struct CloudSnapshot {
    question: String,
    sent: Vec<(String, String)>,
}

pub(crate) fn snapshot(tx: &Transaction, item_id: &str, question: &str) -> Result<CloudSnapshot> {
    Ok(CloudSnapshot {
        question: question.to_owned(),
        sent: sent(tx, item_id)?,
    })
}

impl CloudSnapshot {
    pub(crate) fn for_participant(&self, participant: &str) -> ParticipantWordCloud {
        ParticipantWordCloud {
            question: self.question.clone(),
            mine: self
                .sent
                .iter()
                .filter(|(p, _)| p == participant)
                .map(|(_, w)| w.clone())
                .collect(),
        }
    }
}

/// A cloud as a file keeps it: each phone's words, never whose.
pub(crate) fn document_of(tx: &Transaction, item_id: &str) -> Result<Option<WordCloudDocument>> {
    let mut phones: Vec<(String, Vec<String>)> = Vec::new();
    for (p, w) in sent(tx, item_id)? {
        match phones.iter_mut().find(|(q, _)| *q == p) {
            Some((_, words)) => words.push(w),
            None => phones.push((p, vec![w])),
        }
    }
    let mut hidden: Vec<String> = hidden_keys(tx, item_id)?.into_iter().collect();
    hidden.sort();
    Ok(
        (!phones.is_empty() || !hidden.is_empty()).then(|| WordCloudDocument {
            item_id: item_id.to_owned(),
            hidden,
            phones: phones.into_iter().map(|(_, w)| w).collect(),
        }),
    )
}

/// Takes a cloud over from a file, each phone's words as an anonymous
/// participant's, checked as a phone's are.
pub(crate) fn insert_document(
    tx: &Transaction,
    item: &AgendaItem,
    doc: &WordCloudDocument,
) -> Result<()> {
    if !matches!(item.activity, Activity::WordCloud { .. }) {
        return Err(Error::UnknownValue {
            field: "cloud_item",
            value: doc.item_id.clone(),
        });
    }
    if doc.phones.len() > PARTICIPANTS_MAX as usize {
        return Err(Error::Full {
            what: "cloud_phones",
            max: PARTICIPANTS_MAX,
        });
    }
    for (n, words) in doc.phones.iter().enumerate() {
        send(tx, &item.id, &format!("file-{n}"), words)?;
    }
    for key in &doc.hidden {
        let key = words::word_key(&required_text("cloud_word", key, CLOUD_WORD_MAX)?).ok_or(
            Error::Empty {
                field: "cloud_word",
            },
        )?;
        tx.exec(
            "INSERT OR IGNORE INTO cloud_hidden (item_id, key) VALUES (?1, ?2)",
            params![item.id, key],
        )?;
    }
    Ok(())
}

fn cloud_item(tx: &Transaction, item_id: &str) -> Result<AgendaItem> {
    let item = agenda::get(tx, item_id)?;
    match item.activity {
        Activity::WordCloud { .. } => Ok(item),
        _ => Err(Error::UnknownValue {
            field: "cloud_item",
            value: item_id.to_owned(),
        }),
    }
}

fn moderated(tx: &Transaction, item: &AgendaItem) -> Result<ItemWordCloud> {
    touch_workshop(tx, &item.workshop_id)?;
    feed::record(Subject::Item {
        item_id: item.id.clone(),
    });
    item_cloud(tx, item)?.ok_or_else(|| Error::UnknownValue {
        field: "cloud_item",
        value: item.id.clone(),
    })
}

impl Store {
    /// The item's word cloud with its counts; None when the item runs none.
    pub fn item_word_cloud(&self, item_id: &str) -> Result<Option<ItemWordCloud>> {
        self.read(|tx| item_cloud(tx, &agenda::get(tx, item_id)?))
    }

    /// Takes a word (every spelling of it) off the cloud, or puts it back.
    pub fn hide_cloud_word(
        &self,
        item_id: &str,
        word: &str,
        hidden: bool,
    ) -> Result<ItemWordCloud> {
        self.write(|tx| {
            let item = cloud_item(tx, item_id)?;
            let key = words::word_key(word).ok_or(Error::Empty {
                field: "cloud_word",
            })?;
            if hidden {
                tx.exec(
                    "INSERT OR IGNORE INTO cloud_hidden (item_id, key) VALUES (?1, ?2)",
                    params![item.id, key],
                )?;
            } else {
                tx.exec(
                    "DELETE FROM cloud_hidden WHERE item_id = ?1 AND key = ?2",
                    params![item.id, key],
                )?;
            }
            moderated(tx, &item)
        })
    }
}
