//! A challenge list rated by impact and effort: each phone's place for each
//! challenge, kept with the challenges (the list shows them beside its dots).

use rusqlite::{params, Transaction};

use super::sql::Cached;
use crate::error::{Entity, Error, Result};
use crate::model::document::RatingDocument;
use crate::model::*;

/// Every rating given in the list: (challenge, participant, impact, effort).
pub(crate) type Given = Vec<(Id, String, Option<u8>, Option<u8>)>;

pub(crate) fn given(tx: &Transaction, list_id: &str) -> Result<Given> {
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
    let list: Option<Id> = tx
        .query_row(
            "SELECT list_id FROM challenges WHERE id = ?1",
            [challenge_id],
            |r| r.get(0),
        )
        .ok();
    if list.as_deref() != Some(list_id) {
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
