use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, WorkspaceRef};

/// The usual colours of moderation cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum CardColor {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
    Orange,
    White,
}

impl CardColor {
    pub const ALL: [CardColor; 6] = [
        CardColor::Yellow,
        CardColor::Green,
        CardColor::Blue,
        CardColor::Pink,
        CardColor::Orange,
        CardColor::White,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardColor::Yellow => "yellow",
            CardColor::Green => "green",
            CardColor::Blue => "blue",
            CardColor::Pink => "pink",
            CardColor::Orange => "orange",
            CardColor::White => "white",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// A Wandzeitung poster: one or more question fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Board {
    pub id: Id,
    pub workshop_id: Id,
    pub position: u32,
    pub title: String,
    /// Dots each participant may place when a vote is held.
    pub dots_per_participant: u32,
    pub vote_open: bool,
    pub timer: Timer,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardSummary {
    pub id: Id,
    pub title: String,
    pub field_count: u32,
    pub card_count: u32,
    /// The board's questions in order, for an agenda item on one of them.
    pub questions: Vec<QuestionRef>,
}

/// A board's question by id, as a list names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuestionRef {
    pub id: Id,
    pub question: String,
}

/// One question on a board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Field {
    pub id: Id,
    pub board_id: Id,
    pub position: u32,
    pub question: String,
    /// Cards are collected face down ("verdeckt") until the facilitator reveals them.
    pub hidden_collection: bool,
}

/// A heading that groups cards inside one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Cluster {
    pub id: Id,
    pub field_id: Id,
    pub position: u32,
    pub heading: String,
    /// Dots placed on the heading itself.
    pub dots: u32,
    /// The cluster's whole score: its own dots and its cards'. Derived by the
    /// store on every read (one query, `clusters::SELECT`), never stored, and
    /// what the board, the ranking, the projector and the protocol show.
    /// Ignored when a file is imported.
    #[serde(default)]
    pub total_dots: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Card {
    pub id: Id,
    pub field_id: Id,
    pub cluster_id: Option<Id>,
    pub position: u32,
    pub text: String,
    pub color: CardColor,
    /// Author or group; empty when anonymous.
    pub author: String,
    /// Face down until revealed.
    pub hidden: bool,
    pub dots: u32,
    pub created_at: DateTime<Utc>,
    /// The token of the participant who wrote it on a phone; empty for cards
    /// typed at the laptop.
    #[serde(default)]
    pub participant: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardInput {
    pub text: String,
    pub color: CardColor,
    pub author: String,
}

/// One dot placed on a card or a cluster. `participant` is an opaque token so
/// dots can later come from participants' phones and be limited per person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Vote {
    pub id: Id,
    pub board_id: Id,
    pub card_id: Option<Id>,
    pub cluster_id: Option<Id>,
    pub participant: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldView {
    pub field: Field,
    pub clusters: Vec<Cluster>,
    /// In position order; the UI groups them under their clusters.
    pub cards: Vec<Card>,
}

/// A board with everything on it, as the board view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardView {
    pub board: Board,
    pub fields: Vec<FieldView>,
    /// The vote result, best first; empty while no dot is placed.
    pub ranking: Vec<RankEntry>,
    pub dots_used: Vec<ParticipantDots>,
    pub history: History,
}

/// The countdown of the current step (e.g. ten minutes for collecting).
/// Remaining time = duration − elapsed_ms − (now − started_at, while running).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Timer {
    pub duration_seconds: u32,
    /// Time that ran before the last pause.
    pub elapsed_ms: u32,
    /// Set while the timer runs.
    pub started_at: Option<DateTime<Utc>>,
}

/// Longest countdown a facilitator can set: a whole morning.
pub const TIMER_MAX_SECONDS: u32 = 4 * 60 * 60;
/// Most dots a participant can be given in one vote.
pub const DOTS_MAX: u32 = 20;

/// What a dot is placed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum VoteTarget {
    Card(Id),
    Cluster(Id),
}

/// One line of the vote result: a cluster (its own dots plus its cards') or
/// a card outside any cluster. Equal totals share a rank (1, 1, 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RankEntry {
    pub rank: u32,
    pub target: VoteTarget,
    pub field_id: Id,
    pub label: String,
    pub dots: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParticipantDots {
    pub participant: String,
    pub used: u32,
}

/// Whether the board has actions to undo or redo, and which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct History {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// The result of a workspace action: what changed, in which board, actor map
/// or challenge list, and what can now be undone there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Applied<T> {
    pub value: T,
    pub workspace: WorkspaceRef,
    pub history: History,
}

/// The board's ranking: clusters by their total, cards outside any cluster by
/// their own dots; entries without dots are left out. Equal totals share a
/// rank (1, 1, 3) and keep board order (field, then position).
pub fn board_ranking(fields: &[FieldView]) -> Vec<RankEntry> {
    let mut entries = Vec::new();
    for f in fields {
        for card in f
            .cards
            .iter()
            .filter(|c| c.cluster_id.is_none() && c.dots > 0)
        {
            entries.push(RankEntry {
                rank: 0,
                target: VoteTarget::Card(card.id.clone()),
                field_id: f.field.id.clone(),
                label: card.text.clone(),
                dots: card.dots,
            });
        }
        for k in f.clusters.iter().filter(|k| k.total_dots > 0) {
            entries.push(RankEntry {
                rank: 0,
                target: VoteTarget::Cluster(k.id.clone()),
                field_id: f.field.id.clone(),
                label: k.heading.clone(),
                dots: k.total_dots,
            });
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.dots));
    let mut rank = 0;
    let mut last = None;
    for (i, e) in entries.iter_mut().enumerate() {
        if last != Some(e.dots) {
            rank = i as u32 + 1;
            last = Some(e.dots);
        }
        e.rank = rank;
    }
    entries
}
