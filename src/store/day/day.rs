//! The workshop's day as the phones may see it, read from the store once
//! per change and then cut for each participant: the programme, what runs
//! now, and the running activity's workspace as far as a phone may see it.

use rusqlite::Transaction;

use super::matrices::{self, MatrixSnapshot};
use super::participants::{participant_list, snapshot, BoardSnapshot};
use super::phone_gate::{now_in, Now};
use super::word_clouds::{self, CloudSnapshot};
use super::{actors, agenda, attendance, challenges, groups, polls, questions, workshops, Store};
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
    groups: Option<GroupsSnapshot>,
    cloud: Option<CloudSnapshot>,
    matrix: Option<MatrixSnapshot>,
    /// The workshop's actor groups, and what each phone said of its own.
    actor_groups: Vec<String>,
    said: std::collections::HashMap<String, Option<String>>,
}

/// Group work, or the plenary's vote over it, read once for every phone.
struct GroupsSnapshot {
    choices: Vec<GroupChoice>,
    /// participant → the board of their group.
    members: std::collections::HashMap<String, Id>,
    boards: Vec<BoardSnapshot>,
    /// What the groups are asked to do.
    assignment: String,
}

fn groups_snapshot(tx: &Transaction, item: &str, boards: &[Id]) -> Result<GroupsSnapshot> {
    let mut stmt =
        tx.prepare("SELECT participant, board_id FROM group_members WHERE item_id = ?1")?;
    let members = stmt
        .query_map([item], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(GroupsSnapshot {
        choices: groups::choices(tx, item, boards)?,
        members,
        boards: boards
            .iter()
            .map(|b| snapshot(tx, b, false))
            .collect::<Result<_>>()?,
        assignment: agenda::get(tx, item)?.assignment,
    })
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
    let (mut asked, mut poll, mut group_work, mut cloud) = (None, None, None, None);
    let mut matrix = None;
    match &now.activity {
        Activity::Listen | Activity::Photos => {}
        Activity::Groups { boards } | Activity::GroupsVote { boards, .. } => {
            if let Some(item) = &now.item {
                group_work = Some(groups_snapshot(tx, item, boards)?);
            }
        }
        Activity::ImpactEffort { list_id, .. } => {
            matrix = Some(matrices::snapshot(tx, list_id)?);
        }
        Activity::WordCloud { question, .. } => {
            if let Some(item) = &now.item {
                cloud = Some(word_clouds::snapshot(tx, item, question)?);
            }
        }
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
        groups: group_work,
        cloud,
        matrix,
        said: attendance::groups_said(tx, workshop_id)?,
        actor_groups: workshop.actor_groups,
    })
}

impl DaySnapshot {
    /// Whether the running item is a photo round: phones send photos
    /// whatever the invitation panel's setting.
    pub fn takes_photos(&self) -> bool {
        matches!(self.now.activity, Activity::Photos)
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// What runs now.
    pub fn now(&self) -> &Now {
        &self.now
    }

    /// The day as `participant`'s phone shows it.
    pub fn for_participant(&self, participant: &str) -> ParticipantDay {
        ParticipantDay {
            title: self.title.clone(),
            programme: self.programme.clone(),
            item: self.now.item.clone(),
            now: self.view_for(participant).unwrap_or(PhoneView::Listen),
            photos_open: false,
            actor_group: (!self.actor_groups.is_empty()).then(|| ActorGroupChoice {
                groups: self.actor_groups.clone(),
                mine: self.said.get(participant).cloned().flatten(),
            }),
        }
    }

    /// What the running activity shows `participant`; None when what it
    /// needs was not there to read (then the phone listens).
    fn view_for(&self, participant: &str) -> Option<PhoneView> {
        let board = || self.board.as_ref().map(|b| b.for_participant(participant));
        let list = || {
            self.list
                .as_ref()
                .map(|(l, items, votes)| participant_list(l, items, votes, participant))
        };
        Some(match &self.now.activity {
            Activity::Listen => PhoneView::Listen,
            Activity::Photos => PhoneView::Photos,
            Activity::Cards { field_id, .. } => {
                let mut board = board()?;
                // An item on one question shows that question only.
                if let Some(only) = field_id {
                    board.fields.retain(|f| f.id == *only);
                }
                PhoneView::Cards { board }
            }
            Activity::BoardVote { .. } => PhoneView::BoardVote { board: board()? },
            Activity::OpenBoard { .. } => PhoneView::OpenBoard { board: board()? },
            Activity::ChallengeVote { .. } => PhoneView::ChallengeVote { list: list()? },
            Activity::Challenges { .. } => PhoneView::Challenges { list: list()? },
            Activity::Actors { .. } => PhoneView::Actors {
                map: self.map.clone()?,
            },
            Activity::Questions { .. } => {
                let (review, all) = self.questions.as_ref()?;
                PhoneView::Questions {
                    questions: questions::for_participant(all, *review, participant),
                }
            }
            Activity::Poll { .. } => {
                let (poll, given) = self.poll.as_ref()?;
                let mine = given
                    .iter()
                    .find(|(p, _)| p == participant)
                    .map(|(_, a)| *a);
                PhoneView::Poll {
                    poll: ParticipantPoll {
                        question: poll.question.clone(),
                        answers: poll.answers.clone(),
                        closed: poll.closed,
                        // The room's answers once one's own is given: no herding.
                        result: (mine.is_some() || poll.closed).then(|| poll.result.clone()),
                        mine,
                    },
                }
            }
            Activity::Groups { .. } => {
                let g = self.groups.as_ref()?;
                let mine = g.members.get(participant).cloned();
                let board = mine.as_ref().and_then(|m| {
                    g.boards
                        .iter()
                        .find(|b| b.id() == m)
                        .map(|b| b.for_participant(participant))
                });
                PhoneView::Groups {
                    groups: ParticipantGroups {
                        choices: g.choices.clone(),
                        mine,
                        assignment: g.assignment.clone(),
                    },
                    board,
                }
            }
            Activity::ImpactEffort { .. } => PhoneView::ImpactEffort {
                matrix: self.matrix.as_ref()?.for_participant(participant),
            },
            Activity::WordCloud { .. } => PhoneView::WordCloud {
                cloud: self.cloud.as_ref()?.for_participant(participant),
            },
            Activity::GroupsVote { dots, .. } => {
                let g = self.groups.as_ref()?;
                let mut boards: Vec<_> = g
                    .boards
                    .iter()
                    .map(|b| b.for_participant(participant))
                    .collect();
                plenary_budget(&mut boards, *dots);
                PhoneView::GroupsVote { boards }
            }
        })
    }
}

/// The plenary's vote: its own budget across the boards, open while it runs.
fn plenary_budget(boards: &mut [ParticipantBoard], dots: u32) {
    let used: u32 = boards
        .iter()
        .flat_map(|b| &b.fields)
        .map(|f| {
            let on_cards: u32 = f.cards.iter().map(|c| c.my_dots).sum();
            on_cards + f.clusters.iter().map(|k| k.my_dots).sum::<u32>()
        })
        .sum();
    for b in boards {
        b.vote_open = true;
        b.dots_per_participant = dots;
        b.dots_left = dots.saturating_sub(used);
    }
}

impl Store {
    /// What the phones of a workshop's session may be shown now.
    pub fn day_snapshot(&self, workshop_id: &str) -> Result<DaySnapshot> {
        self.read(|tx| read(tx, workshop_id))
    }
}
