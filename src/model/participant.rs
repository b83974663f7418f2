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
    pub activity: super::Activity,
    /// For card collection and dot voting on a board (and a session opened
    /// from a board between items).
    pub board: Option<ParticipantBoard>,
    /// For a dot vote on a challenge list, or collecting challenges.
    pub list: Option<ParticipantChallengeList>,
    /// For collecting actors.
    pub map: Option<ParticipantActorMap>,
    /// For questions from the audience.
    pub questions: Option<super::ParticipantQuestions>,
    /// For a quick poll.
    pub poll: Option<super::ParticipantPoll>,
    /// For group work: the groups to choose from and one's own; `board` is
    /// then one's group's board.
    pub groups: Option<ParticipantGroups>,
    /// For the plenary's vote over all groups: every group's board, the
    /// dots left counted across them.
    pub group_boards: Vec<ParticipantBoard>,
    /// The facilitator takes photos from the phones now (the session's
    /// setting, not the store's: filled in by the server).
    #[serde(default)]
    pub photos_open: bool,
}

/// Group work as a phone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantGroups {
    pub choices: Vec<super::GroupChoice>,
    /// The board of the participant's group, once chosen.
    pub mine: Option<Id>,
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
