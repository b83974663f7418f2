use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Id;

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
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardSummary {
    pub id: Id,
    pub title: String,
    pub field_count: u32,
    pub card_count: u32,
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
    pub created_at: DateTime<Utc>,
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
    /// In display order: by cluster position, then card position.
    pub cards: Vec<Card>,
}

/// A board with everything on it, as the board view shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardView {
    pub board: Board,
    pub fields: Vec<FieldView>,
}
