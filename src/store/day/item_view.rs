//! An agenda item's own page as the laptop and the projector show it, and
//! the reveal of results collected face down.

use rusqlite::Transaction;

use super::agenda::{self, revealed, set_revealed};
use super::owners::touch_workshop;
use super::{feed, groups, matrices, polls, questions, word_clouds, Store};
use crate::error::{Error, Result};
use crate::model::{Activity, AgendaItem, ItemView, Subject};

/// A reveal a workshop file names: only of an item that collects face down.
pub(crate) fn reveal_in_file(tx: &Transaction, item: &AgendaItem) -> Result<()> {
    if !covers(&item.activity) {
        return Err(Error::UnknownValue {
            field: "reveal_item",
            value: item.id.clone(),
        });
    }
    set_revealed(tx, &item.id, true)
}

/// Whether the activity can collect its results face down.
fn covers(activity: &Activity) -> bool {
    match activity {
        Activity::WordCloud { .. } | Activity::ImpactEffort { .. } => true,
        Activity::Listen
        | Activity::Photos
        | Activity::Cards { .. }
        | Activity::BoardVote { .. }
        | Activity::ChallengeVote { .. }
        | Activity::Actors { .. }
        | Activity::Challenges { .. }
        | Activity::OpenBoard { .. }
        | Activity::Questions { .. }
        | Activity::Poll { .. }
        | Activity::Groups { .. }
        | Activity::GroupsVote { .. } => false,
    }
}

fn view(tx: &Transaction, item: &AgendaItem) -> Result<ItemView> {
    Ok(match &item.activity {
        Activity::Listen
        | Activity::Photos
        | Activity::Cards { .. }
        | Activity::BoardVote { .. }
        | Activity::ChallengeVote { .. }
        | Activity::Actors { .. }
        | Activity::Challenges { .. }
        | Activity::OpenBoard { .. } => ItemView::Plain,
        Activity::Questions { .. } => ItemView::Questions {
            questions: questions::item_questions(tx, item)?,
        },
        Activity::Poll { .. } => match polls::item_poll(tx, item)? {
            Some(poll) => ItemView::Poll { poll },
            None => ItemView::Plain,
        },
        Activity::Groups { .. } | Activity::GroupsVote { .. } => ItemView::Groups {
            groups: groups::progress(tx, item)?,
        },
        Activity::WordCloud { .. } => match word_clouds::item_cloud(tx, item)? {
            Some(cloud) => ItemView::WordCloud { cloud },
            None => ItemView::Plain,
        },
        Activity::ImpactEffort { .. } => {
            match matrices::item_matrix(tx, item, revealed(tx, &item.id)?)? {
                Some(matrix) => ItemView::ImpactEffort { matrix },
                None => ItemView::Plain,
            }
        }
    })
}

impl Store {
    /// What the item's own page shows now.
    pub fn item_view(&self, item_id: &str) -> Result<ItemView> {
        self.read(|tx| view(tx, &agenda::get(tx, item_id)?))
    }

    /// Shows the room results collected face down (a word cloud, a
    /// matrix), or covers them again.
    pub fn reveal_results(&self, item_id: &str, revealed: bool) -> Result<ItemView> {
        self.write(|tx| {
            let item = agenda::get(tx, item_id)?;
            if !covers(&item.activity) {
                return Err(Error::UnknownValue {
                    field: "reveal_item",
                    value: item_id.to_owned(),
                });
            }
            set_revealed(tx, item_id, revealed)?;
            touch_workshop(tx, &item.workshop_id)?;
            feed::record(Subject::Item {
                item_id: item.id.clone(),
            });
            view(tx, &item)
        })
    }
}
