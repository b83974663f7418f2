//! The matrix of impact and effort as the item's page and the phones show it.

use std::collections::{HashMap, HashSet};

use rusqlite::Transaction;

use super::challenges::{challenges_of, get_list};
use super::ratings::{given, rated, Given};
use crate::error::Result;
use crate::model::*;

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
