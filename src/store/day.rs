//! The workshop's day as the phones may see it, read from the store once
//! per change and then cut for each participant: the programme, what runs
//! now, and the running activity's workspace as far as a phone may see it.

use rusqlite::Transaction;

use super::participants::{participant_list, snapshot, BoardSnapshot};
use super::phone_gate::{now_in, Now};
use super::{actors, agenda, challenges, polls, questions, workshops, Store};
use crate::error::Result;
use crate::model::*;

/// Holds face-down cards, so it never leaves the laptop as it is.
pub struct DaySnapshot {
    title: String,
    programme: Vec<ProgrammeItem>,
    now: Now,
    board: Option<BoardSnapshot>,
    list: Option<(ChallengeList, Vec<Challenge>, Vec<ChallengeVote>)>,
    map: Option<ParticipantActorMap>,
    questions: Option<(bool, Vec<questions::Stored>)>,
    poll: Option<(ItemPoll, Vec<(String, u8)>)>,
}

fn read(tx: &Transaction, workshop_id: &str) -> Result<DaySnapshot> {
    let workshop = workshops::get(tx, workshop_id)?;
    let programme = agenda::list(tx, workshop_id)?
        .into_iter()
        .map(|i| ProgrammeItem {
            running: i.running_since.is_some(),
            start_time: i.start_time.format("%H:%M").to_string(),
            duration_minutes: i.duration_minutes,
            title: i.title,
            id: i.id,
        })
        .collect();
    let now = now_in(tx, workshop_id)?;
    let (mut board, mut list, mut map) = (None, None, None);
    let (mut asked, mut poll) = (None, None);
    match &now.activity {
        Activity::Listen => {}
        Activity::Questions { review } => {
            if let Some(item) = &now.item {
                asked = Some((*review, questions::of_item(tx, item)?));
            }
        }
        Activity::Poll { .. } => {
            if let Some(item) = &now.item {
                let item = agenda::get(tx, item)?;
                if let Some(p) = polls::item_poll(tx, &item)? {
                    poll = Some((p, polls::answers_of(tx, &item.id)?));
                }
            }
        }
        Activity::Cards { board_id, .. } | Activity::BoardVote { board_id } => {
            board = Some(snapshot(tx, board_id, false)?)
        }
        Activity::OpenBoard { board_id } => board = Some(snapshot(tx, board_id, true)?),
        Activity::ChallengeVote { list_id } | Activity::Challenges { list_id } => {
            list = Some((
                challenges::get_list(tx, list_id)?,
                challenges::challenges_of(tx, list_id)?,
                challenges::votes_of(tx, list_id)?,
            ))
        }
        Activity::Actors { map_id } => {
            let m = actors::get_map(tx, map_id)?;
            map = Some(ParticipantActorMap {
                sectors: actors::sectors_of(tx, map_id)?
                    .into_iter()
                    .map(|s| ParticipantSector {
                        id: s.id,
                        name: s.name,
                    })
                    .collect(),
                actors: actors::actors_of(tx, map_id)?
                    .into_iter()
                    .map(|a| a.name)
                    .collect(),
                id: m.id,
                title: m.title,
            })
        }
    }
    Ok(DaySnapshot {
        title: workshop.title,
        programme,
        now,
        board,
        list,
        map,
        questions: asked,
        poll,
    })
}

impl DaySnapshot {
    pub fn title(&self) -> &str {
        &self.title
    }

    /// What runs now.
    pub fn now(&self) -> &Now {
        &self.now
    }

    /// The day as `participant`'s phone shows it.
    pub fn for_participant(&self, participant: &str) -> ParticipantDay {
        let mut board = self.board.as_ref().map(|b| b.for_participant(participant));
        // An item on one question shows that question only.
        if let (
            Some(b),
            Activity::Cards {
                field_id: Some(only),
                ..
            },
        ) = (board.as_mut(), &self.now.activity)
        {
            b.fields.retain(|f| f.id == *only);
        }
        ParticipantDay {
            title: self.title.clone(),
            programme: self.programme.clone(),
            item: self.now.item.clone(),
            activity: self.now.activity.clone(),
            board,
            list: self
                .list
                .as_ref()
                .map(|(l, items, votes)| participant_list(l, items, votes, participant)),
            map: self.map.clone(),
            questions: self
                .questions
                .as_ref()
                .map(|(review, all)| questions::for_participant(all, *review, participant)),
            poll: self.poll.as_ref().map(|(poll, given)| {
                let mine = given
                    .iter()
                    .find(|(p, _)| p == participant)
                    .map(|(_, a)| *a);
                ParticipantPoll {
                    question: poll.question.clone(),
                    answers: poll.answers.clone(),
                    closed: poll.closed,
                    // The room's answers once one's own is given: no herding.
                    result: (mine.is_some() || poll.closed).then(|| poll.result.clone()),
                    mine,
                }
            }),
        }
    }
}

impl Store {
    /// What the phones of a workshop's session may be shown now.
    pub fn day_snapshot(&self, workshop_id: &str) -> Result<DaySnapshot> {
        self.read(|tx| read(tx, workshop_id))
    }
}
