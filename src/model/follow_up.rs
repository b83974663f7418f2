//! After the workshop: every challenge of every workshop as one list of
//! "Vorhaben", to follow what became of them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ChallengeStatus, Id};

/// Which challenges the list shows; every field narrows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUpFilter {
    pub status: Option<ChallengeStatus>,
    /// Part of the owner's name, in any case ("özdemir" finds "Özdemir").
    pub owner: Option<String>,
    pub workshop_id: Option<Id>,
    /// Only those still open or in progress whose due date has passed.
    #[serde(default)]
    pub overdue: bool,
}

/// One challenge as the list shows it, with the workshop it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUpItem {
    pub challenge_id: Id,
    pub title: String,
    pub status: ChallengeStatus,
    pub responsible: String,
    pub next_step: String,
    pub due_date: Option<NaiveDate>,
    /// Still open or in progress, and its due date is before the day asked about.
    pub overdue: bool,
    pub list_id: Id,
    pub list_title: String,
    pub workshop_id: Id,
    pub workshop_title: String,
    pub workshop_date: NaiveDate,
}
