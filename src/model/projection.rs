use serde::{Deserialize, Serialize};

use super::{Board, Card, Cluster, Field, RankEntry};

/// A board as the projector shows it. A projector cannot scroll, so each
/// field carries only its first face-up cards in wall order and how many it
/// has: a board of thousands of cards reaches the room's window as a few
/// hundred, on every change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardProjection {
    pub board: Board,
    pub ranking: Vec<RankEntry>,
    pub fields: Vec<FieldProjection>,
}

/// One field on the projector: each cluster with its first cards, then the
/// loose cards, face up only, at most the limit asked for in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldProjection {
    pub field: Field,
    pub clusters: Vec<ClusterProjection>,
    pub loose: Vec<Card>,
    /// All face-up cards of the field, shown or not.
    pub face_up: u32,
    /// Cards collected face down: the room sees only their number.
    pub hidden: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClusterProjection {
    pub cluster: Cluster,
    pub cards: Vec<Card>,
}

/// Most cards per field a projection carries: more than any screen holds.
pub const PROJECTION_CARDS_MAX: u32 = 200;
