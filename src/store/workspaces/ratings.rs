//! A challenge list rated by impact and effort: each phone's place for each
//! challenge, kept with the challenges (the list shows them beside its
//! dots), and the matrix the room sees.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Transaction};

use super::challenges::{challenges_of, get_list, list_of_challenge};
use super::sql::Cached;
use crate::error::{Entity, Error, Result};
use crate::model::document::RatingDocument;
use crate::model::*;

/// Every rating given in the list: (challenge, participant, impact, effort).
type Given = Vec<(Id, String, Option<u8>, Option<u8>)>;

fn given(tx: &Transaction, list_id: &str) -> Result<Given> {
    let mut stmt = tx.prepare_cached(
        "SELECT r.challenge_id, r.participant, r.impact, r.effort
         FROM challenge_ratings r JOIN challenges c ON c.id = r.challenge_id
         WHERE c.list_id = ?1 ORDER BY c.position, r.participant",
    )?;
    let rows = stmt.query_map([list_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each rated challenge's place: only ratings on both scales count.
pub(crate) fn rated(tx: &Transaction, list_id: &str) -> Result<Vec<ChallengeRated>> {
    let mut pairs: Vec<(Id, Vec<(u8, u8)>)> = Vec::new();
    for (challenge, _, impact, effort) in given(tx, list_id)? {
        let (Some(i), Some(e)) = (impact, effort) else {
            continue;
        };
        match pairs.iter_mut().find(|(c, _)| *c == challenge) {
            Some((_, p)) => p.push((i, e)),
            None => pairs.push((challenge, vec![(i, e)])),
        }
    }
    Ok(pairs
        .into_iter()
        .filter_map(|(challenge_id, p)| {
            Rated::of(&p).map(|rated| ChallengeRated {
                challenge_id,
                rated,
            })
        })
        .collect())
}

fn scale(field: &'static str, value: Option<u8>) -> Result<()> {
    match value {
        Some(v) => in_range(
            field,
            i64::from(v),
            i64::from(RATING_MIN),
            i64::from(RATING_MAX),
        )
        .map(|_| ()),
        None => Ok(()),
    }
}

/// A participant's place for a challenge of the list being rated; both
/// scales open takes the rating back.
pub(crate) fn rate(
    tx: &Transaction,
    list_id: &str,
    participant: &str,
    challenge_id: &str,
    impact: Option<u8>,
    effort: Option<u8>,
) -> Result<()> {
    // Another list's challenge is as good as none.
    if list_of_challenge(tx, challenge_id).ok().as_deref() != Some(list_id) {
        return Err(Error::not_found(Entity::Challenge, challenge_id));
    }
    scale("impact", impact)?;
    scale("effort", effort)?;
    if impact.is_none() && effort.is_none() {
        tx.exec(
            "DELETE FROM challenge_ratings WHERE challenge_id = ?1 AND participant = ?2",
            params![challenge_id, participant],
        )?;
    } else {
        tx.exec(
            "INSERT INTO challenge_ratings (challenge_id, participant, impact, effort)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (challenge_id, participant)
             DO UPDATE SET impact = excluded.impact, effort = excluded.effort",
            params![challenge_id, participant, impact, effort],
        )?;
    }
    Ok(())
}

/// The matrix of an item that rates a list; None for another kind.
pub(crate) fn item_matrix(
    tx: &Transaction,
    item: &AgendaItem,
    revealed: bool,
) -> Result<Option<ItemMatrix>> {
    let Activity::ImpactEffort { list_id, hidden } = &item.activity else {
        return Ok(None);
    };
    let list = get_list(tx, list_id)?;
    let given = given(tx, list_id)?;
    let raters = given
        .iter()
        .filter(|(_, _, i, e)| i.is_some() && e.is_some())
        .map(|(_, p, _, _)| p)
        .collect::<HashSet<_>>()
        .len();
    let places: HashMap<Id, Rated> = rated(tx, list_id)?
        .into_iter()
        .map(|r| (r.challenge_id, r.rated))
        .collect();
    Ok(Some(ItemMatrix {
        item_id: item.id.clone(),
        list_id: list.id,
        list_title: list.title,
        hidden: *hidden,
        revealed,
        raters: u32::try_from(raters).unwrap_or(u32::MAX),
        challenges: challenges_of(tx, list_id)?
            .into_iter()
            .map(|c| RatedChallenge {
                rated: places.get(&c.id).copied(),
                id: c.id,
                title: c.title,
                dots: c.dots,
            })
            .collect(),
    }))
}

/// What the phones are shown of a matrix, read once for all of them.
pub(crate) struct MatrixSnapshot {
    list_title: String,
    challenges: Vec<(Id, String)>,
    given: Given,
}

pub(crate) fn snapshot(tx: &Transaction, list_id: &str) -> Result<MatrixSnapshot> {
    Ok(MatrixSnapshot {
        list_title: get_list(tx, list_id)?.title,
        challenges: challenges_of(tx, list_id)?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect(),
        given: given(tx, list_id)?,
    })
}

impl MatrixSnapshot {
    pub(crate) fn for_participant(&self, participant: &str) -> ParticipantMatrix {
        ParticipantMatrix {
            list_title: self.list_title.clone(),
            challenges: self
                .challenges
                .iter()
                .map(|(id, title)| {
                    let mine = self
                        .given
                        .iter()
                        .find(|(c, p, _, _)| c == id && p == participant);
                    PhoneRating {
                        id: id.clone(),
                        title: title.clone(),
                        impact: mine.and_then(|m| m.2),
                        effort: mine.and_then(|m| m.3),
                    }
                })
                .collect(),
        }
    }
}

/// A list's ratings as a file keeps them: the values only, never whose.
pub(crate) fn documents_of(tx: &Transaction, list_id: &str) -> Result<Vec<RatingDocument>> {
    Ok(given(tx, list_id)?
        .into_iter()
        .map(|(challenge_id, _, impact, effort)| RatingDocument {
            challenge_id,
            impact,
            effort,
        })
        .collect())
}

/// Takes a list's ratings over from a file, each as an anonymous
/// participant's, checked as a phone's are; `challenge` names a challenge
/// of the file by its new id.
pub(crate) fn insert_documents(
    tx: &Transaction,
    list_id: &str,
    docs: &[RatingDocument],
    challenge: impl Fn(&str) -> Result<Id>,
) -> Result<()> {
    for (n, d) in docs.iter().enumerate() {
        rate(
            tx,
            list_id,
            &format!("file-{n}"),
            &challenge(&d.challenge_id)?,
            d.impact,
            d.effort,
        )?;
    }
    Ok(())
}
