use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;

/// The eight openness dimensions of the municipal working definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Transparency,
    Participation,
    Cooperation,
    Coproduction,
    ResultsOrientation,
    Innovation,
    OpenStandards,
    InternalParticipation,
}

impl Dimension {
    pub const ALL: [Dimension; 8] = [
        Dimension::Transparency,
        Dimension::Participation,
        Dimension::Cooperation,
        Dimension::Coproduction,
        Dimension::ResultsOrientation,
        Dimension::Innovation,
        Dimension::OpenStandards,
        Dimension::InternalParticipation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Transparency => "transparency",
            Dimension::Participation => "participation",
            Dimension::Cooperation => "cooperation",
            Dimension::Coproduction => "coproduction",
            Dimension::ResultsOrientation => "results_orientation",
            Dimension::Innovation => "innovation",
            Dimension::OpenStandards => "open_standards",
            Dimension::InternalParticipation => "internal_participation",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ChallengeStatus {
    #[default]
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ChallengeStatus {
    pub const ALL: [ChallengeStatus; 4] = [
        ChallengeStatus::Open,
        ChallengeStatus::InProgress,
        ChallengeStatus::Done,
        ChallengeStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeStatus::Open => "open",
            ChallengeStatus::InProgress => "in_progress",
            ChallengeStatus::Done => "done",
            ChallengeStatus::Dropped => "dropped",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeList {
    pub id: Id,
    pub workshop_id: Id,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Challenge {
    pub id: Id,
    pub list_id: Id,
    /// The manual order; the ranking by votes is computed from the dots.
    pub position: u32,
    pub title: String,
    pub description: String,
    pub dimensions: Vec<Dimension>,
    pub success_conditions: String,
    pub resources: String,
    pub responsible: String,
    pub next_step: String,
    pub due_date: Option<NaiveDate>,
    pub status: ChallengeStatus,
    /// The board card this challenge was promoted from, if any.
    pub source_card_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeInput {
    pub title: String,
    pub description: String,
    pub dimensions: Vec<Dimension>,
    pub success_conditions: String,
    pub resources: String,
    pub responsible: String,
    pub next_step: String,
    /// `YYYY-MM-DD` or empty.
    pub due_date: String,
    pub status: ChallengeStatus,
}
