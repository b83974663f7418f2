use serde::{Deserialize, Serialize};

use super::Id;

/// The five actor groups of the municipal Open Government material.
pub const DEFAULT_SECTORS: [&str; 5] = [
    "Politik",
    "Verwaltung",
    "Zivilgesellschaft",
    "Bildung und Wissenschaft",
    "Wirtschaft",
];

/// Smallest and largest value on the influence and interest scales.
pub const SCALE_MIN: u8 = 1;
pub const SCALE_MAX: u8 = 5;

/// How an actor is to be involved, from the participation ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Involvement {
    #[default]
    Inform,
    Consult,
    Involve,
    Collaborate,
    Empower,
}

impl Involvement {
    pub const ALL: [Involvement; 5] = [
        Involvement::Inform,
        Involvement::Consult,
        Involvement::Involve,
        Involvement::Collaborate,
        Involvement::Empower,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Involvement::Inform => "inform",
            Involvement::Consult => "consult",
            Involvement::Involve => "involve",
            Involvement::Collaborate => "collaborate",
            Involvement::Empower => "empower",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActorMap {
    pub id: Id,
    pub workshop_id: Id,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Sector {
    pub id: Id,
    pub map_id: Id,
    pub position: u32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Actor {
    pub id: Id,
    pub map_id: Id,
    pub sector_id: Id,
    pub name: String,
    /// What they bring or want.
    pub role: String,
    pub influence: u8,
    pub interest: u8,
    pub involvement: Involvement,
    pub contact: String,
    /// The board card this actor was made from, if any.
    pub source_card_id: Option<Id>,
    /// On the grid; false while a phone's proposal waits in the tray.
    #[serde(default = "on_the_grid")]
    pub placed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActorInput {
    pub sector_id: Id,
    pub name: String,
    pub role: String,
    pub influence: u8,
    pub interest: u8,
    pub involvement: Involvement,
    pub contact: String,
}

/// A line between two actors of one map, with a short label
/// ("fördert", "berichtet an"); read from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActorRelation {
    pub id: Id,
    pub map_id: Id,
    pub from_actor_id: Id,
    pub to_actor_id: Id,
    pub label: String,
}

/// Everything the actor map views show at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActorMapView {
    pub map: ActorMap,
    pub sectors: Vec<Sector>,
    /// Grouped by sector, by name within a sector.
    pub actors: Vec<Actor>,
    pub relations: Vec<ActorRelation>,
    pub history: super::History,
}

fn on_the_grid() -> bool {
    true
}
