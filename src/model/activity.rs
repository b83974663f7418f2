//! What the room does during an agenda item, and what a phone may do then.
//! The one place that decides which writes an activity allows; the store
//! adds the check that the write's target lies in the activity's workspace.

use serde::{Deserialize, Serialize};

use super::{Id, PollAnswers, Workspace, WorkspaceRef};

/// An agenda item's activity. A new kind of activity (questions from the
/// audience, parallel groups) is one more variant here, one more arm in
/// `allows`, and its phone view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Activity {
    /// A talk, a break, a conversation: nothing to do on the phone.
    #[default]
    Listen,
    /// Cards into a board's questions: all of them, or the one named.
    Cards { board_id: Id, field_id: Option<Id> },
    /// Dots on a board's cards and clusters.
    BoardVote { board_id: Id },
    /// Dots on a challenge list.
    ChallengeVote { list_id: Id },
    /// Actors proposed for a map; they land unplaced, the group places them.
    Actors { map_id: Id },
    /// Challenges proposed for a list.
    Challenges { list_id: Id },
    /// Questions from the audience, asked and backed from the phones;
    /// with `review`, a question reaches the room once let through.
    Questions { review: bool },
    /// A quick poll: every phone answers once, anonymously, and may change
    /// its answer while the poll is open.
    Poll {
        question: String,
        answers: PollAnswers,
    },
    /// Photos for the Fotoprotokoll: phones send photos of the walls while
    /// the item runs (with no setting in the invitation panel), and each
    /// photo belongs to the item.
    Photos,
    /// Parallel groups, each on a board of its own (the board's title is the
    /// group's name): a phone chooses its group and writes there only.
    Groups { boards: Vec<Id> },
    /// The plenary gives dots over the results of all groups together: one
    /// budget of `dots` across these boards, one ranking.
    GroupsVote { boards: Vec<Id>, dots: u32 },
    /// "Ein Wort zu …": each phone sends a few words, the projector shows
    /// them as a cloud; with `hidden`, they are collected face down and
    /// revealed together.
    WordCloud { question: String, hidden: bool },
    /// Each phone places the challenges of a list on two scales, impact
    /// and effort (1 to 5); the projector shows the 2×2 matrix. With
    /// `hidden`, collected face down and revealed together.
    ImpactEffort { list_id: Id, hidden: bool },
    /// While no agenda item runs, a session switched on from a board: cards
    /// and dots on that board as it allows, and the workshop's open
    /// challenge votes. Never an agenda item's activity.
    OpenBoard { board_id: Id },
}

crate::named::named_enum! {
    /// An activity's kind, without its settings: what the agenda stores, and
    /// what the rest of the app asks the facts of.
    pub enum ActivityKind {
        Listen = "listen",
        Cards = "cards",
        BoardVote = "board_vote",
        ChallengeVote = "challenge_vote",
        Actors = "actors",
        Challenges = "challenges",
        Questions = "questions",
        Poll = "poll",
        Photos = "photos",
        Groups = "groups",
        GroupsVote = "groups_vote",
        OpenBoard = "open_board",
        WordCloud = "word_cloud",
        ImpactEffort = "impact_effort",
    }
}

/// What the window needs to know of a kind, decided once, here, and sent
/// to the UI with the other rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActivityFacts {
    pub kind: ActivityKind,
    /// Has a page of its own on the laptop (its questions, poll or groups).
    pub item_page: bool,
    /// The kind of workspace it happens in, opened when the item starts.
    pub workspace: Option<Workspace>,
}

impl ActivityKind {
    /// The kind stored under `name`; None for a name this version does not know.
    pub fn named(name: &str) -> Option<ActivityKind> {
        ActivityKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    pub const fn facts(self) -> ActivityFacts {
        use ActivityKind::*;
        let (item_page, workspace) = match self {
            Listen | Photos => (false, None),
            Cards | BoardVote | OpenBoard => (false, Some(Workspace::Board)),
            ChallengeVote | Challenges => (false, Some(Workspace::ChallengeList)),
            Actors => (false, Some(Workspace::ActorMap)),
            Questions | Poll | Groups | GroupsVote | WordCloud | ImpactEffort => (true, None),
        };
        ActivityFacts {
            kind: self,
            item_page,
            workspace,
        }
    }
}

/// Every kind's facts, for the UI.
pub const ACTIVITIES: [ActivityFacts; ActivityKind::ALL.len()] = {
    let mut facts = [ActivityKind::Listen.facts(); ActivityKind::ALL.len()];
    let mut i = 0;
    while i < facts.len() {
        facts[i] = ActivityKind::ALL[i].facts();
        i += 1;
    }
    facts
};

/// What a phone asks to do, by kind; the target is the store's to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneAct {
    /// Add, change or withdraw one's own card.
    Card,
    /// Place or take back a dot on a card or cluster.
    Dot,
    /// Place or take back a dot on a challenge.
    ChallengeDot,
    ProposeActor,
    ProposeChallenge,
    /// Ask a question, back one or take the backing back.
    Question,
    /// Answer the poll or change the answer.
    PollAnswer,
    /// Choose one's group, or change it.
    JoinGroup,
    /// Send, change or take back one's words for the cloud.
    Words,
    /// Place a challenge on the scales of impact and effort, or change it.
    Rate,
}

impl PhoneAct {
    /// Whether the act writes to the running item itself (its questions,
    /// poll, groups or words), not into a workspace.
    pub fn on_item(self) -> bool {
        use PhoneAct::*;
        match self {
            // A rating is the room's answer to the item, kept with the
            // challenge but no step of the list's undo.
            Question | PollAnswer | JoinGroup | Words | Rate => true,
            Card | Dot | ChallengeDot | ProposeActor | ProposeChallenge => false,
        }
    }
}

impl Activity {
    /// This activity's kind.
    pub fn kind(&self) -> ActivityKind {
        match self {
            Activity::Listen => ActivityKind::Listen,
            Activity::Cards { .. } => ActivityKind::Cards,
            Activity::BoardVote { .. } => ActivityKind::BoardVote,
            Activity::ChallengeVote { .. } => ActivityKind::ChallengeVote,
            Activity::Actors { .. } => ActivityKind::Actors,
            Activity::Challenges { .. } => ActivityKind::Challenges,
            Activity::Questions { .. } => ActivityKind::Questions,
            Activity::Poll { .. } => ActivityKind::Poll,
            Activity::Photos => ActivityKind::Photos,
            Activity::Groups { .. } => ActivityKind::Groups,
            Activity::GroupsVote { .. } => ActivityKind::GroupsVote,
            Activity::OpenBoard { .. } => ActivityKind::OpenBoard,
            Activity::WordCloud { .. } => ActivityKind::WordCloud,
            Activity::ImpactEffort { .. } => ActivityKind::ImpactEffort,
        }
    }

    pub fn facts(&self) -> ActivityFacts {
        self.kind().facts()
    }

    /// Whether a phone may do `act` while this activity runs.
    pub fn allows(&self, act: PhoneAct) -> bool {
        use PhoneAct::*;
        match self {
            // A photo is gated by the phones' photo setting, not here.
            Activity::Listen | Activity::Photos => false,
            Activity::Cards { .. } => act == Card,
            Activity::BoardVote { .. } => act == Dot,
            Activity::ChallengeVote { .. } => act == ChallengeDot,
            Activity::Actors { .. } => act == ProposeActor,
            Activity::Challenges { .. } => act == ProposeChallenge,
            Activity::Questions { .. } => act == Question,
            Activity::Poll { .. } => act == PollAnswer,
            Activity::Groups { .. } => matches!(act, Card | Dot | JoinGroup),
            Activity::GroupsVote { .. } => act == Dot,
            Activity::OpenBoard { .. } => matches!(act, Card | Dot | ChallengeDot),
            Activity::WordCloud { .. } => act == Words,
            Activity::ImpactEffort { .. } => act == Rate,
        }
    }

    /// The boards of group work or of its plenary vote.
    pub fn boards(&self) -> &[Id] {
        match self {
            Activity::Groups { boards } | Activity::GroupsVote { boards, .. } => boards,
            _ => &[],
        }
    }

    /// The workspace the activity happens in (opened on the laptop and the
    /// projector when the item starts).
    pub fn workspace(&self) -> Option<WorkspaceRef> {
        match self {
            // Several boards: the item's own page shows them all.
            Activity::Listen
            | Activity::Photos
            | Activity::Questions { .. }
            | Activity::Poll { .. }
            | Activity::Groups { .. }
            | Activity::GroupsVote { .. }
            | Activity::WordCloud { .. }
            // Its own page shows the matrix; the list keeps the ratings.
            | Activity::ImpactEffort { .. } => None,
            Activity::Cards { board_id, .. }
            | Activity::BoardVote { board_id }
            | Activity::OpenBoard { board_id } => Some(Workspace::Board.at(board_id)),
            Activity::Actors { map_id } => Some(Workspace::ActorMap.at(map_id)),
            Activity::ChallengeVote { list_id } | Activity::Challenges { list_id } => {
                Some(Workspace::ChallengeList.at(list_id))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An activity of each kind, to hold the facts against.
    fn sample(kind: ActivityKind) -> Activity {
        let id = || "x".to_owned();
        match kind {
            ActivityKind::Listen => Activity::Listen,
            ActivityKind::Cards => Activity::Cards {
                board_id: id(),
                field_id: None,
            },
            ActivityKind::BoardVote => Activity::BoardVote { board_id: id() },
            ActivityKind::ChallengeVote => Activity::ChallengeVote { list_id: id() },
            ActivityKind::Actors => Activity::Actors { map_id: id() },
            ActivityKind::Challenges => Activity::Challenges { list_id: id() },
            ActivityKind::Questions => Activity::Questions { review: false },
            ActivityKind::Poll => Activity::Poll {
                question: "Wie zufrieden?".into(),
                answers: Default::default(),
            },
            ActivityKind::Photos => Activity::Photos,
            ActivityKind::Groups => Activity::Groups { boards: vec![id()] },
            ActivityKind::GroupsVote => Activity::GroupsVote {
                boards: vec![id()],
                dots: 3,
            },
            ActivityKind::OpenBoard => Activity::OpenBoard { board_id: id() },
            ActivityKind::WordCloud => Activity::WordCloud {
                question: "Ein Wort zur Ortsmitte?".into(),
                hidden: false,
            },
            ActivityKind::ImpactEffort => Activity::ImpactEffort {
                list_id: id(),
                hidden: false,
            },
        }
    }

    #[test]
    fn each_kinds_facts_agree_with_its_activity() {
        for (i, &kind) in ActivityKind::ALL.iter().enumerate() {
            let activity = sample(kind);
            assert_eq!(activity.kind(), kind);
            assert_eq!(ACTIVITIES[i], kind.facts());
            let json = serde_json::to_value(&activity).unwrap();
            assert_eq!(json["kind"], kind.name(), "the stored name is the sent one");
            assert_eq!(ActivityKind::named(kind.name()), Some(kind));
            let facts = kind.facts();
            assert_eq!(
                facts.workspace,
                activity.workspace().map(|w| w.kind),
                "{kind:?}"
            );
            assert!(
                !(facts.item_page && facts.workspace.is_some()),
                "{kind:?} has a page or a workspace, not both"
            );
        }
        assert_eq!(
            ActivityKind::named("mind_map"),
            None,
            "a kind of a newer version"
        );
    }

    #[test]
    fn each_activity_allows_only_its_own_writes() {
        use PhoneAct::*;
        let acts = [
            Card,
            Dot,
            ChallengeDot,
            ProposeActor,
            ProposeChallenge,
            Question,
            PollAnswer,
            JoinGroup,
            Words,
            Rate,
        ];
        let id = || "x".to_owned();
        let table = [
            (Activity::Listen, vec![]),
            (Activity::Photos, vec![]),
            (
                Activity::Cards {
                    board_id: id(),
                    field_id: None,
                },
                vec![Card],
            ),
            (Activity::BoardVote { board_id: id() }, vec![Dot]),
            (
                Activity::ChallengeVote { list_id: id() },
                vec![ChallengeDot],
            ),
            (Activity::Actors { map_id: id() }, vec![ProposeActor]),
            (
                Activity::Challenges { list_id: id() },
                vec![ProposeChallenge],
            ),
            (
                Activity::OpenBoard { board_id: id() },
                vec![Card, Dot, ChallengeDot],
            ),
            (Activity::Questions { review: true }, vec![Question]),
            (
                Activity::Poll {
                    question: "Wie zufrieden?".into(),
                    answers: Default::default(),
                },
                vec![PollAnswer],
            ),
            (
                Activity::Groups { boards: vec![id()] },
                vec![Card, Dot, JoinGroup],
            ),
            (sample(ActivityKind::WordCloud), vec![Words]),
            (sample(ActivityKind::ImpactEffort), vec![Rate]),
            (
                Activity::GroupsVote {
                    boards: vec![id()],
                    dots: 3,
                },
                vec![Dot],
            ),
        ];
        let listed: Vec<ActivityKind> = table.iter().map(|(a, _)| a.kind()).collect();
        assert!(
            ActivityKind::ALL.iter().all(|k| listed.contains(k)),
            "every kind is in the table"
        );
        for (activity, allowed) in table {
            for act in acts {
                assert_eq!(
                    activity.allows(act),
                    allowed.contains(&act),
                    "{activity:?} / {act:?}"
                );
            }
        }
    }
}
