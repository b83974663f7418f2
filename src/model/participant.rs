use serde::{Deserialize, Serialize};

use super::{CardColor, Id};

/// A board as one participant's phone sees it: the questions, the wall as far
/// as it is revealed, the participant's own face-down cards, and their dots.
/// Another participant's hidden card never appears here, not even its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantBoard {
    pub board_id: Id,
    pub title: String,
    pub vote_open: bool,
    pub dots_per_participant: u32,
    /// Dots this participant may still place.
    pub dots_left: u32,
    pub fields: Vec<ParticipantField>,
    /// Challenge lists of the same workshop whose dot vote is open.
    pub challenge_votes: Vec<ParticipantChallengeList>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantChallengeList {
    pub id: Id,
    pub title: String,
    pub dots_per_participant: u32,
    pub dots_left: u32,
    pub challenges: Vec<ParticipantChallenge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantChallenge {
    pub id: Id,
    pub title: String,
    pub my_dots: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantField {
    pub id: Id,
    pub question: String,
    pub hidden_collection: bool,
    pub clusters: Vec<ParticipantCluster>,
    /// Face-up cards and this participant's own face-down ones, in wall order.
    pub cards: Vec<ParticipantCard>,
    /// Face-down cards of everybody else: only their number.
    pub hidden_others: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantCluster {
    pub id: Id,
    pub heading: String,
    pub my_dots: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantCard {
    pub id: Id,
    pub cluster_id: Option<Id>,
    pub text: String,
    pub color: CardColor,
    pub hidden: bool,
    pub mine: bool,
    /// The participant may still change or withdraw it: their own card that
    /// the facilitator has not yet clustered and nobody has dotted.
    pub editable: bool,
    pub my_dots: u32,
}

/// The workshop's day as a phone shows it: the programme with the running
/// item marked, and what the running item asks of the participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantDay {
    pub title: String,
    pub programme: Vec<ProgrammeItem>,
    /// The running agenda item; None between items. Writes name it.
    pub item: Option<Id>,
    /// What the running activity shows this participant.
    pub now: PhoneView,
    /// The facilitator takes photos from the phones now (the session's
    /// setting, not the store's: filled in by the server).
    #[serde(default)]
    pub photos_open: bool,
    /// The actor groups to say one's own from, when the workshop asks.
    #[serde(default)]
    pub actor_group: Option<ActorGroupChoice>,
}

/// Which actor group a phone belongs to: asked once, skippable, changeable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActorGroupChoice {
    pub groups: Vec<String>,
    /// None: not answered yet; "": rather not say.
    pub mine: Option<String>,
}

/// One activity as a phone shows it: one variant per kind, carrying only
/// what that kind shows, so a kind the phone forgets is a compile error here
/// and a type error in the phone's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhoneView {
    Listen,
    /// Card collection; an item on one question shows that question only.
    Cards {
        board: ParticipantBoard,
    },
    BoardVote {
        board: ParticipantBoard,
    },
    ChallengeVote {
        list: ParticipantChallengeList,
    },
    Actors {
        map: ParticipantActorMap,
    },
    Challenges {
        list: ParticipantChallengeList,
    },
    Questions {
        questions: super::ParticipantQuestions,
    },
    Poll {
        poll: super::ParticipantPoll,
    },
    Photos,
    /// The groups to choose from, and one's group's board once chosen.
    Groups {
        groups: ParticipantGroups,
        board: Option<ParticipantBoard>,
    },
    /// Every group's board, the dots left counted across them.
    GroupsVote {
        boards: Vec<ParticipantBoard>,
    },
    OpenBoard {
        board: ParticipantBoard,
    },
    WordCloud {
        cloud: super::words::ParticipantWordCloud,
    },
    ImpactEffort {
        matrix: super::ParticipantMatrix,
    },
}

impl PhoneView {
    /// The kind shown: the same name the agenda stores.
    pub fn kind(&self) -> super::ActivityKind {
        use super::ActivityKind as K;
        match self {
            PhoneView::Listen => K::Listen,
            PhoneView::Cards { .. } => K::Cards,
            PhoneView::BoardVote { .. } => K::BoardVote,
            PhoneView::ChallengeVote { .. } => K::ChallengeVote,
            PhoneView::Actors { .. } => K::Actors,
            PhoneView::Challenges { .. } => K::Challenges,
            PhoneView::Questions { .. } => K::Questions,
            PhoneView::Poll { .. } => K::Poll,
            PhoneView::Photos => K::Photos,
            PhoneView::Groups { .. } => K::Groups,
            PhoneView::GroupsVote { .. } => K::GroupsVote,
            PhoneView::OpenBoard { .. } => K::OpenBoard,
            PhoneView::WordCloud { .. } => K::WordCloud,
            PhoneView::ImpactEffort { .. } => K::ImpactEffort,
        }
    }

    /// The one board this participant writes on now, if any.
    pub fn board(&self) -> Option<&ParticipantBoard> {
        match self {
            PhoneView::Cards { board }
            | PhoneView::BoardVote { board }
            | PhoneView::OpenBoard { board } => Some(board),
            PhoneView::Groups { board, .. } => board.as_ref(),
            PhoneView::Listen
            | PhoneView::ChallengeVote { .. }
            | PhoneView::Actors { .. }
            | PhoneView::Challenges { .. }
            | PhoneView::Questions { .. }
            | PhoneView::Poll { .. }
            | PhoneView::Photos
            | PhoneView::GroupsVote { .. }
            | PhoneView::WordCloud { .. }
            | PhoneView::ImpactEffort { .. } => None,
        }
    }
}

/// Group work as a phone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantGroups {
    pub choices: Vec<super::GroupChoice>,
    /// The board of the participant's group, once chosen.
    pub mine: Option<Id>,
    /// What the groups are asked to do, as the facilitator wrote it.
    #[serde(default)]
    pub assignment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgrammeItem {
    pub id: Id,
    /// `HH:MM`, as planned.
    pub start_time: String,
    pub duration_minutes: u32,
    pub title: String,
    pub running: bool,
}

/// An actor map as a phone proposes actors for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantActorMap {
    pub id: Id,
    pub title: String,
    /// (id, name) of the sectors a proposal names.
    pub sectors: Vec<ParticipantSector>,
    /// Names of the actors on the map and in its tray, so nobody proposes one twice.
    pub actors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantSector {
    pub id: Id,
    pub name: String,
}
