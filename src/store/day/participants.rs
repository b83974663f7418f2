//! What a participant does from a phone: the same validation, transaction
//! and undo step as the facilitator's click, fenced to the one board the
//! participant joined. An id of another board answers "not found", exactly
//! as an id that does not exist, so a phone learns nothing about the rest of
//! the store.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::board_rows::get_board;
use super::boards::view;
use super::history::scoped_in;
use super::owners::{board_of_card, board_of_field};
use super::phone_gate::{gate, now_in, Now};
use super::sql::Cached;
use super::votes::{self, board_of_target};
use super::{
    actors, attendance, cards, challenges, groups, polls, questions, ratings, word_clouds,
};
use super::{feed, Store};
use crate::error::{Entity, Error, Result};
use crate::model::*;

/// Passes `found` through when it is one of the participant's boards.
fn within(boards: &[Id], found: Result<Id>, entity: Entity, id: &str) -> Result<Id> {
    match found {
        Ok(b) if boards.contains(&b) => Ok(b),
        Ok(_) => Err(Error::not_found(entity, id)),
        Err(e) => Err(e),
    }
}

fn target_entity(target: &VoteTarget) -> (Entity, &str) {
    match target {
        VoteTarget::Card(id) => (Entity::Card, id),
        VoteTarget::Cluster(id) => (Entity::Cluster, id),
    }
}

/// The participant's own card, still theirs to change: not clustered, no dots.
fn own_card(tx: &Transaction, card_id: &str, participant: &str) -> Result<Card> {
    let card = cards::get(tx, card_id)?;
    if card.participant != participant {
        return Err(Error::not_found(Entity::Card, card_id));
    }
    if !editable(&card) {
        return Err(Error::CardSettled);
    }
    Ok(card)
}

fn editable(card: &Card) -> bool {
    card.cluster_id.is_none() && card.dots == 0
}

/// Everything any phone may be shown of a board at one moment, read once
/// and then cut for each participant: a room of phones reloading after a
/// burst costs one read of the store, not one per phone. It holds face-down
/// cards, so it never leaves the laptop as it is (not serialisable).
pub struct BoardSnapshot {
    view: BoardView,
    votes: Vec<Vote>,
    lists: Vec<(ChallengeList, Vec<Challenge>, Vec<ChallengeVote>)>,
}

/// The board's snapshot; `with_votes` adds the workshop's open challenge
/// votes (a session opened from a board, between agenda items).
pub(crate) fn snapshot(
    tx: &Transaction,
    board_id: &str,
    with_votes: bool,
) -> Result<BoardSnapshot> {
    let view = view(tx, board_id)?;
    let lists = challenges::lists_of(tx, &view.board.workshop_id)?
        .into_iter()
        .filter(|l| with_votes && l.vote_open)
        .map(|l| {
            let items = challenges::challenges_of(tx, &l.id)?;
            let votes = challenges::votes_of(tx, &l.id)?;
            Ok((l, items, votes))
        })
        .collect::<Result<_>>()?;
    Ok(BoardSnapshot {
        votes: votes::of_board(tx, board_id)?,
        view,
        lists,
    })
}

impl BoardSnapshot {
    pub fn title(&self) -> &str {
        &self.view.board.title
    }

    pub fn id(&self) -> &str {
        &self.view.board.id
    }

    /// The board as `participant`'s phone shows it.
    pub fn for_participant(&self, participant: &str) -> ParticipantBoard {
        let mut mine_on: HashMap<&str, u32> = HashMap::new();
        let mut used = 0;
        for v in self.votes.iter().filter(|v| v.participant == participant) {
            used += 1;
            if let Some(id) = v.card_id.as_deref().or(v.cluster_id.as_deref()) {
                *mine_on.entry(id).or_default() += 1;
            }
        }
        let dots_of = |id: &str| mine_on.get(id).copied().unwrap_or(0);
        let fields = self
            .view
            .fields
            .iter()
            .map(|f| {
                let mut hidden_others = 0;
                let cards = f
                    .cards
                    .iter()
                    .filter_map(|c| {
                        let mine = !participant.is_empty() && c.participant == participant;
                        if c.hidden && !mine {
                            hidden_others += 1;
                            return None;
                        }
                        Some(ParticipantCard {
                            editable: mine && editable(c),
                            my_dots: dots_of(&c.id),
                            id: c.id.clone(),
                            cluster_id: c.cluster_id.clone(),
                            text: c.text.clone(),
                            color: c.color,
                            hidden: c.hidden,
                            mine,
                        })
                    })
                    .collect();
                ParticipantField {
                    clusters: f
                        .clusters
                        .iter()
                        .map(|k| ParticipantCluster {
                            my_dots: dots_of(&k.id),
                            id: k.id.clone(),
                            heading: k.heading.clone(),
                        })
                        .collect(),
                    id: f.field.id.clone(),
                    question: f.field.question.clone(),
                    hidden_collection: f.field.hidden_collection,
                    cards,
                    hidden_others,
                }
            })
            .collect();
        let board = &self.view.board;
        ParticipantBoard {
            challenge_votes: self
                .lists
                .iter()
                .map(|(l, items, votes)| participant_list(l, items, votes, participant))
                .collect(),
            board_id: board.id.clone(),
            title: board.title.clone(),
            vote_open: board.vote_open,
            dots_per_participant: board.dots_per_participant,
            dots_left: board.dots_per_participant.saturating_sub(used),
            fields,
        }
    }
}

pub(crate) fn participant_list(
    list: &ChallengeList,
    items: &[Challenge],
    votes: &[ChallengeVote],
    participant: &str,
) -> ParticipantChallengeList {
    let mut mine: HashMap<&str, u32> = HashMap::new();
    for v in votes.iter().filter(|v| v.participant == participant) {
        *mine.entry(v.challenge_id.as_str()).or_default() += 1;
    }
    let used: u32 = mine.values().sum();
    ParticipantChallengeList {
        challenges: items
            .iter()
            .map(|c| ParticipantChallenge {
                my_dots: mine.get(c.id.as_str()).copied().unwrap_or(0),
                id: c.id.clone(),
                title: c.title.clone(),
            })
            .collect(),
        dots_left: list.dots_per_participant.saturating_sub(used),
        dots_per_participant: list.dots_per_participant,
        title: list.title.clone(),
        id: list.id.clone(),
    }
}

/// One write a participant's phone asks for: the phones' whole contract
/// for writing, one tagged type sent to `POST /api/write` (and generated
/// into the TypeScript bindings). What names the writer (a card's author, a
/// question's asker) the server fills in: `signed`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhoneWrite {
    AddCard {
        field_id: Id,
        input: CardInput,
    },
    UpdateCard {
        card_id: Id,
        input: CardInput,
    },
    DeleteCard {
        card_id: Id,
    },
    AddDot {
        target: VoteTarget,
    },
    RemoveDot {
        target: VoteTarget,
    },
    /// A dot on a challenge of the same workshop's list in an open vote.
    AddChallengeDot {
        challenge_id: Id,
    },
    RemoveChallengeDot {
        challenge_id: Id,
    },
    /// An actor for the running item's map, unplaced until the group places it.
    ProposeActor {
        sector_id: Id,
        name: String,
    },
    /// A challenge for the running item's list.
    ProposeChallenge {
        title: String,
        dimensions: Vec<Dimension>,
    },
    /// A question from the audience; `name` is the asker's first name in a
    /// named session.
    AskQuestion {
        text: String,
        #[serde(default)]
        name: String,
    },
    /// Back a question of the running item (once), or take the backing back.
    BackQuestion {
        question_id: Id,
        backed: bool,
    },
    /// The participant's answer to the running poll (1 to the answers' count).
    AnswerPoll {
        answer: u8,
    },
    /// Choose one's group of the running group work, or change it.
    JoinGroup {
        board_id: Id,
    },
    /// One's words for the running word cloud, replacing those sent before
    /// (none: taken back).
    SendWords {
        words: Vec<String>,
    },
    /// One's place for a challenge of the list being rated: impact and
    /// effort, 1 to 5, either still open; both open takes it back.
    RateChallenge {
        challenge_id: Id,
        impact: Option<u8>,
        effort: Option<u8>,
    },
}

/// One phone write as the writer hands it to the store: who, for which
/// agenda item (the one the phone showed), and what.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneCall {
    pub participant: String,
    pub item: Option<Id>,
    pub write: PhoneWrite,
}

impl PhoneWrite {
    /// The write as made by the participant called `name` (empty in an
    /// anonymous session): whatever the phone put there is replaced.
    pub fn signed(mut self, name: &str) -> PhoneWrite {
        match &mut self {
            PhoneWrite::AddCard { input, .. } | PhoneWrite::UpdateCard { input, .. } => {
                input.author = name.to_owned();
            }
            PhoneWrite::AskQuestion { name: asker, .. } => *asker = name.to_owned(),
            PhoneWrite::DeleteCard { .. }
            | PhoneWrite::AddDot { .. }
            | PhoneWrite::RemoveDot { .. }
            | PhoneWrite::AddChallengeDot { .. }
            | PhoneWrite::RemoveChallengeDot { .. }
            | PhoneWrite::ProposeActor { .. }
            | PhoneWrite::ProposeChallenge { .. }
            | PhoneWrite::BackQuestion { .. }
            | PhoneWrite::AnswerPoll { .. }
            | PhoneWrite::JoinGroup { .. }
            | PhoneWrite::SendWords { .. }
            | PhoneWrite::RateChallenge { .. } => {}
        }
        self
    }

    /// The call and what it acts on, e.g. `delete_card:ID`: with the
    /// request id, what makes a write the same write when it is retried.
    pub fn call_and_target(&self) -> String {
        let target = |t: &VoteTarget| match t {
            VoteTarget::Card(id) => format!("card:{id}"),
            VoteTarget::Cluster(id) => format!("cluster:{id}"),
        };
        match self {
            PhoneWrite::AddCard { field_id, .. } => format!("add_card:{field_id}"),
            PhoneWrite::UpdateCard { card_id, .. } => format!("update_card:{card_id}"),
            PhoneWrite::DeleteCard { card_id } => format!("delete_card:{card_id}"),
            PhoneWrite::AddDot { target: t } => format!("add_dot:{}", target(t)),
            PhoneWrite::RemoveDot { target: t } => format!("remove_dot:{}", target(t)),
            PhoneWrite::AddChallengeDot { challenge_id } => {
                format!("add_challenge_dot:{challenge_id}")
            }
            PhoneWrite::RemoveChallengeDot { challenge_id } => {
                format!("remove_challenge_dot:{challenge_id}")
            }
            // A new proposal each time; the request id alone tells a retry.
            PhoneWrite::ProposeActor { .. } => "propose_actor".into(),
            PhoneWrite::ProposeChallenge { .. } => "propose_challenge".into(),
            PhoneWrite::AskQuestion { .. } => "ask_question".into(),
            PhoneWrite::BackQuestion {
                question_id,
                backed,
            } => format!("back_question:{question_id}:{backed}"),
            PhoneWrite::AnswerPoll { answer } => format!("answer_poll:{answer}"),
            PhoneWrite::JoinGroup { board_id } => format!("join_group:{board_id}"),
            PhoneWrite::SendWords { .. } => "send_words".into(),
            PhoneWrite::RateChallenge {
                challenge_id,
                impact,
                effort,
            } => format!("rate:{challenge_id}:{impact:?}:{effort:?}"),
        }
    }

    /// The kind of thing the write does, for the gate.
    pub fn act(&self) -> PhoneAct {
        match self {
            PhoneWrite::AddCard { .. }
            | PhoneWrite::UpdateCard { .. }
            | PhoneWrite::DeleteCard { .. } => PhoneAct::Card,
            PhoneWrite::AddDot { .. } | PhoneWrite::RemoveDot { .. } => PhoneAct::Dot,
            PhoneWrite::AddChallengeDot { .. } | PhoneWrite::RemoveChallengeDot { .. } => {
                PhoneAct::ChallengeDot
            }
            PhoneWrite::ProposeActor { .. } => PhoneAct::ProposeActor,
            PhoneWrite::ProposeChallenge { .. } => PhoneAct::ProposeChallenge,
            PhoneWrite::AskQuestion { .. } | PhoneWrite::BackQuestion { .. } => PhoneAct::Question,
            PhoneWrite::AnswerPoll { .. } => PhoneAct::PollAnswer,
            PhoneWrite::JoinGroup { .. } => PhoneAct::JoinGroup,
            PhoneWrite::SendWords { .. } => PhoneAct::Words,
            PhoneWrite::RateChallenge { .. } => PhoneAct::Rate,
        }
    }
}

/// What a phone's write made: the card or the dot, or nothing to show.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum PhoneWritten {
    Card(Card),
    Vote(Vote),
    Challenge(Challenge),
    Actor(Actor),
    Question(Question),
    Done,
}

/// What a phone's write changed: a workspace (one undo step there), or the
/// running agenda item itself (its questions, its poll).
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneChange {
    Workspace(WorkspaceRef, History),
    Item(Id),
}

/// A phone's write as done: what it made, and what it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneApplied {
    pub value: PhoneWritten,
    pub change: PhoneChange,
}

impl From<Applied<PhoneWritten>> for PhoneApplied {
    fn from(a: Applied<PhoneWritten>) -> Self {
        PhoneApplied {
            value: a.value,
            change: PhoneChange::Workspace(a.workspace, a.history),
        }
    }
}

/// The boards `p` may write cards and dots on now: the activity's board,
/// the participant's own group's board in group work (none chosen yet:
/// "choose a group first"), every group's board in the plenary's vote.
fn boards_for(tx: &Transaction, now: &Now, p: &str) -> Result<Vec<Id>> {
    match (&now.activity, &now.item) {
        (
            Activity::Cards { board_id, .. }
            | Activity::BoardVote { board_id }
            | Activity::OpenBoard { board_id },
            _,
        ) => Ok(vec![board_id.clone()]),
        (Activity::Groups { boards }, Some(item)) => match groups::group_of(tx, item, p)? {
            Some(b) if boards.contains(&b) => Ok(vec![b]),
            _ => Err(Error::NoGroup),
        },
        (Activity::GroupsVote { boards, .. }, _) => Ok(boards.clone()),
        _ => Err(Error::ItemEnded),
    }
}

/// One phone's write as one undo step of its workspace, after the gate and
/// fenced to the running activity's workspace.
fn phone_write(tx: &Transaction, now: &Now, call: &PhoneCall) -> Result<PhoneApplied> {
    let participant = required_text("participant", &call.participant, LABEL_MAX)?;
    let p = participant.as_str();
    let write = &call.write;
    gate(now, call.item.as_deref(), write.act())?;
    feed::as_source(
        Source::Phone {
            participant: participant.clone(),
        },
        || {
            if let Some(item) = &now.item {
                attendance::took_part(tx, item, p)?;
            }
            if let (Some(item), true) = (&now.item, write.act().on_item()) {
                let value = item_write(tx, item, &now.activity, p, write)?;
                feed::record(Subject::Item {
                    item_id: item.clone(),
                });
                return Ok(PhoneApplied {
                    value,
                    change: PhoneChange::Item(item.clone()),
                });
            }
            let applied = workspace_write(tx, now, p, write)?;
            if let PhoneWritten::Card(card) = &applied.value {
                feed::attach_card(card);
            }
            Ok(PhoneApplied::from(applied))
        },
    )
}

/// A write to the running item itself: a question, a backing, an answer.
fn item_write(
    tx: &Transaction,
    item: &str,
    activity: &Activity,
    p: &str,
    write: &PhoneWrite,
) -> Result<PhoneWritten> {
    // By the write first, so a new kind of write is a compile error here;
    // a write the running activity does not take is one that came late.
    match write {
        PhoneWrite::AskQuestion { text, name } => {
            let Activity::Questions { review } = activity else {
                return Err(Error::ItemEnded);
            };
            questions::ask(tx, item, *review, p, name, text).map(PhoneWritten::Question)
        }
        PhoneWrite::BackQuestion {
            question_id,
            backed,
        } => {
            let Activity::Questions { .. } = activity else {
                return Err(Error::ItemEnded);
            };
            questions::back(tx, item, question_id, p, *backed).map(|()| PhoneWritten::Done)
        }
        PhoneWrite::AnswerPoll { answer } => {
            let Activity::Poll { answers, .. } = activity else {
                return Err(Error::ItemEnded);
            };
            polls::answer(tx, item, answers, p, *answer).map(|()| PhoneWritten::Done)
        }
        PhoneWrite::JoinGroup { board_id } => {
            let Activity::Groups { boards } = activity else {
                return Err(Error::ItemEnded);
            };
            groups::join(tx, item, boards, p, board_id).map(|()| PhoneWritten::Done)
        }
        PhoneWrite::SendWords { words } => {
            let Activity::WordCloud { .. } = activity else {
                return Err(Error::ItemEnded);
            };
            word_clouds::send(tx, item, p, words).map(|()| PhoneWritten::Done)
        }
        PhoneWrite::RateChallenge {
            challenge_id,
            impact,
            effort,
        } => {
            let Activity::ImpactEffort { list_id, .. } = activity else {
                return Err(Error::ItemEnded);
            };
            ratings::rate(tx, list_id, p, challenge_id, *impact, *effort)
                .map(|()| PhoneWritten::Done)
        }
        // Writes into a workspace: `workspace_write`.
        PhoneWrite::AddCard { .. }
        | PhoneWrite::UpdateCard { .. }
        | PhoneWrite::DeleteCard { .. }
        | PhoneWrite::AddDot { .. }
        | PhoneWrite::RemoveDot { .. }
        | PhoneWrite::AddChallengeDot { .. }
        | PhoneWrite::RemoveChallengeDot { .. }
        | PhoneWrite::ProposeActor { .. }
        | PhoneWrite::ProposeChallenge { .. } => Err(Error::ItemEnded),
    }
}

/// A write into the running activity's workspace: one undo step there.
fn workspace_write(
    tx: &Transaction,
    now: &Now,
    p: &str,
    write: &PhoneWrite,
) -> Result<Applied<PhoneWritten>> {
    let activity = &now.activity;
    let board = |found, entity, id: &str| within(&boards_for(tx, now, p)?, found, entity, id);
    match write {
        PhoneWrite::AddCard { field_id, input } => {
            let v = cards::validate(input)?;
            scoped_in(
                tx,
                Workspace::Board,
                "add_card",
                |tx| {
                    let b = board(board_of_field(tx, field_id), Entity::Field, field_id)?;
                    // An item on one question takes cards for that one only.
                    if let Activity::Cards {
                        field_id: Some(only),
                        ..
                    } = activity
                    {
                        if only != field_id {
                            return Err(Error::ItemEnded);
                        }
                    }
                    Ok(b)
                },
                |tx, _| cards::insert(tx, field_id, &v, p).map(PhoneWritten::Card),
            )
        }
        PhoneWrite::UpdateCard { card_id, input } => {
            let v = cards::validate(input)?;
            scoped_in(
                tx,
                Workspace::Board,
                "update_card",
                |tx| board(board_of_card(tx, card_id), Entity::Card, card_id),
                |tx, _| {
                    own_card(tx, card_id, p)?;
                    tx.exec(
                        "UPDATE cards SET text = ?2, color = ?3 WHERE id = ?1",
                        rusqlite::params![card_id, v.text, v.color.as_str()],
                    )?;
                    cards::get(tx, card_id).map(PhoneWritten::Card)
                },
            )
        }
        PhoneWrite::DeleteCard { card_id } => scoped_in(
            tx,
            Workspace::Board,
            "delete_card",
            |tx| board(board_of_card(tx, card_id), Entity::Card, card_id),
            |tx, _| {
                own_card(tx, card_id, p)?;
                tx.exec("DELETE FROM cards WHERE id = ?1", [card_id])?;
                Ok(PhoneWritten::Done)
            },
        ),
        PhoneWrite::AddDot { target } => {
            let (entity, id) = target_entity(target);
            scoped_in(
                tx,
                Workspace::Board,
                "add_dot",
                |tx| board(board_of_target(tx, target), entity, id),
                |tx, board_id| match activity {
                    // The running vote is the plenary's: the boards' own
                    // votes need not be open, one budget spans them all.
                    Activity::GroupsVote { boards, dots } => {
                        let used = groups::dots_on(tx, boards, p)?;
                        votes::record_in_budget(tx, board_id, target, p, (used, *dots))
                            .map(PhoneWritten::Vote)
                    }
                    _ => votes::place(tx, board_id, target, p).map(PhoneWritten::Vote),
                },
            )
        }
        PhoneWrite::RemoveDot { target } => {
            let (entity, id) = target_entity(target);
            scoped_in(
                tx,
                Workspace::Board,
                "remove_dot",
                |tx| board(board_of_target(tx, target), entity, id),
                |tx, board_id| {
                    if let Activity::GroupsVote { .. } = activity {
                        votes::remove_latest(tx, target, p)
                    } else {
                        votes::take_back(tx, board_id, target, p)
                    }
                    .map(|()| PhoneWritten::Done)
                },
            )
        }
        PhoneWrite::AddChallengeDot { challenge_id } => scoped_in(
            tx,
            Workspace::ChallengeList,
            "add_dot",
            |tx| voted_list(tx, activity, challenge_id),
            |tx, list_id| {
                challenges::place_dot(tx, list_id, challenge_id, p).map(PhoneWritten::Challenge)
            },
        ),
        PhoneWrite::RemoveChallengeDot { challenge_id } => scoped_in(
            tx,
            Workspace::ChallengeList,
            "remove_dot",
            |tx| voted_list(tx, activity, challenge_id),
            |tx, list_id| {
                challenges::take_back_dot(tx, list_id, challenge_id, p).map(PhoneWritten::Challenge)
            },
        ),
        PhoneWrite::ProposeActor { sector_id, name } => {
            let Activity::Actors { map_id } = activity else {
                return Err(Error::ItemEnded);
            };
            let checked = actors::check(&ActorInput {
                sector_id: sector_id.clone(),
                name: name.clone(),
                role: String::new(),
                influence: SCALE_MIN,
                interest: SCALE_MIN,
                involvement: Involvement::Inform,
                contact: String::new(),
            })?;
            scoped_in(
                tx,
                Workspace::ActorMap,
                "add_actor",
                |_| Ok(map_id.clone()),
                |tx, map_id| {
                    actors::insert_placed(tx, map_id, &checked, None, false)
                        .map(PhoneWritten::Actor)
                },
            )
        }
        PhoneWrite::ProposeChallenge { title, dimensions } => {
            let Activity::Challenges { list_id } = activity else {
                return Err(Error::ItemEnded);
            };
            let checked = challenges::check(&ChallengeInput {
                title: title.clone(),
                dimensions: dimensions.clone(),
                ..Default::default()
            })?;
            scoped_in(
                tx,
                Workspace::ChallengeList,
                "add_challenge",
                |_| Ok(list_id.clone()),
                |tx, list_id| {
                    challenges::insert(tx, list_id, &checked, &Default::default())
                        .map(PhoneWritten::Challenge)
                },
            )
        }
        PhoneWrite::AskQuestion { .. }
        | PhoneWrite::BackQuestion { .. }
        | PhoneWrite::AnswerPoll { .. }
        | PhoneWrite::JoinGroup { .. }
        | PhoneWrite::SendWords { .. }
        | PhoneWrite::RateChallenge { .. } => Err(Error::ItemEnded),
    }
}

/// The list of a challenge a phone dots: the running vote's own list, or
/// between items any list of the session's workshop; "not found" otherwise.
fn voted_list(tx: &Transaction, activity: &Activity, challenge_id: &str) -> Result<Id> {
    let list_id = challenges::list_of_challenge(tx, challenge_id)?;
    let ours = match activity {
        Activity::ChallengeVote { list_id: running } => *running == list_id,
        Activity::OpenBoard { board_id } => {
            challenges::workshop_of_list(tx, &list_id)? == get_board(tx, board_id)?.workshop_id
        }
        _ => return Err(Error::ItemEnded),
    };
    if !ours {
        return Err(Error::not_found(Entity::Challenge, challenge_id));
    }
    Ok(list_id)
}

impl Store {
    /// Phones' writes in one workshop's session as one transaction: a room
    /// writing at once shares one commit (one fsync) instead of queueing
    /// for one each. What runs now is read once, inside the transaction, so
    /// no write slips past an item change. Every write is its own undo step
    /// and its own savepoint, so a refused write changes nothing and leaves
    /// the others alone. The outer error is a failed commit: then none of
    /// them happened.
    pub fn participant_writes(
        &self,
        workshop_id: &str,
        calls: &[PhoneCall],
    ) -> Result<Vec<Result<PhoneApplied>>> {
        self.numbered_participant_writes(workshop_id, calls)
            .map(|(results, _)| results)
    }

    /// As `participant_writes`, with the number of the commit the phones
    /// hear of (None: none of the writes changed anything).
    pub(crate) fn numbered_participant_writes(
        &self,
        workshop_id: &str,
        calls: &[PhoneCall],
    ) -> Result<(Vec<Result<PhoneApplied>>, Option<u64>)> {
        self.write_as(self.source.clone(), |tx| {
            let now = now_in(tx, workshop_id)?;
            let mut results = Vec::with_capacity(calls.len());
            for call in calls {
                tx.execute_batch("SAVEPOINT phone_write")?;
                let recorded = feed::mark();
                let result = phone_write(tx, &now, call);
                if result.is_err() {
                    feed::rewind(recorded);
                }
                tx.execute_batch(if result.is_ok() {
                    "RELEASE phone_write"
                } else {
                    "ROLLBACK TO phone_write; RELEASE phone_write"
                })?;
                results.push(result);
            }
            Ok(results)
        })
    }

    /// What runs in the workshop now, for the phones.
    pub fn phone_now(&self, workshop_id: &str) -> Result<Now> {
        self.read(|tx| now_in(tx, workshop_id))
    }
}
