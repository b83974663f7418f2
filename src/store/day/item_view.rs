//! An agenda item's own page as the laptop and the projector show it.

use rusqlite::Transaction;

use super::{agenda, groups, polls, questions, word_clouds, Store};
use crate::error::Result;
use crate::model::{Activity, AgendaItem, ItemView};

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
    })
}

impl Store {
    /// What the item's own page shows now.
    pub fn item_view(&self, item_id: &str) -> Result<ItemView> {
        self.read(|tx| view(tx, &agenda::get(tx, item_id)?))
    }
}
