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
    /// Dots each participant may place, as on the boards.
    #[serde(default = "default_dots")]
    pub dots_per_participant: u32,
    #[serde(default)]
    pub vote_open: bool,
}

fn default_dots() -> u32 {
    3
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
    /// The board cluster this challenge was promoted from, if any.
    #[serde(default)]
    pub source_cluster_id: Option<Id>,
    /// The dots the card or cluster had on its board when it was promoted.
    #[serde(default)]
    pub origin_dots: u32,
    /// Dots placed on this challenge in the list's own vote.
    #[serde(default)]
    pub dots: u32,
    /// What should change, and for whom ("Wirkungsziel").
    #[serde(default)]
    pub impact_goal: String,
    /// How one would notice ("Woran wir es merken").
    #[serde(default)]
    pub impact_signal: String,
    /// A day to look again whether it worked ("Überprüfen am").
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
    /// Grows with every change of the challenge, undo included.
    #[serde(default)]
    pub revision: u32,
}

/// One dot on a challenge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeVote {
    pub id: Id,
    pub challenge_id: Id,
    pub participant: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A place in the list's ranking: most dots first, ties in the manual order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeRank {
    pub challenge_id: Id,
    pub title: String,
    pub dots: u32,
    /// 1-based; equal dots share a rank.
    pub rank: u32,
}

/// Most dots first; equal dots keep the manual order and share a rank.
pub fn ranking(challenges: &[Challenge]) -> Vec<ChallengeRank> {
    let mut sorted: Vec<&Challenge> = challenges.iter().collect();
    sorted.sort_by_key(|c| (std::cmp::Reverse(c.dots), c.position));
    let mut out: Vec<ChallengeRank> = Vec::with_capacity(sorted.len());
    for (i, c) in sorted.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.dots == c.dots => prev.rank,
            _ => i as u32 + 1,
        };
        out.push(ChallengeRank {
            challenge_id: c.id.clone(),
            title: c.title.clone(),
            dots: c.dots,
            rank,
        });
    }
    out
}

/// Everything the challenge list view shows at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeListView {
    pub list: ChallengeList,
    /// In the manual order.
    pub challenges: Vec<Challenge>,
    pub ranking: Vec<ChallengeRank>,
    pub dots_used: Vec<super::ParticipantDots>,
    pub history: super::History,
    /// The room's impact and effort for each challenge it rated.
    pub ratings: Vec<super::ChallengeRated>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
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
    #[serde(default)]
    pub impact_goal: String,
    #[serde(default)]
    pub impact_signal: String,
    /// `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub review_date: String,
}
