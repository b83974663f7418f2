//! After the workshop: every challenge of every workshop as one list of
//! "Vorhaben", to follow what became of them.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
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
    pub review_date: Option<NaiveDate>,
    pub impact_goal: String,
    pub impact_signal: String,
    /// Grows with every change: the calendar's SEQUENCE.
    pub revision: u32,
    /// The team member whose laptop the workshop came from (this laptop's
    /// own name for its own, once a team folder is set; none without one).
    #[serde(default)]
    pub origin: Option<String>,
    /// The challenge's id on every laptop of the team (its id where its
    /// workshop was made): one calendar entry whichever laptop exports it.
    #[serde(default)]
    pub team_id: Id,
}

/// The first rows of the list, and how many it has in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUpPage {
    pub items: Vec<FollowUpItem>,
    /// All the filter lets through, shown or not.
    pub total: u32,
    /// Of those, how many are overdue.
    pub overdue: u32,
}

/// One step of what became of a challenge: a status it changed to, a note,
/// or both, on the day it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeEvent {
    pub id: Id,
    pub challenge_id: Id,
    pub happened_on: NaiveDate,
    /// The status it changed to; none for a note alone.
    pub status: Option<ChallengeStatus>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// One challenge as the "Vorhaben" page opens it: its fields, its steps,
/// and what undo and redo of its list would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChallengeProgress {
    pub challenge: super::Challenge,
    /// Oldest first.
    pub events: Vec<ChallengeEvent>,
    pub history: super::History,
}

/// A step to record: a new status, a note, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgressInput {
    /// `YYYY-MM-DD`: the day it happened, which may be before today.
    pub happened_on: String,
    pub status: Option<ChallengeStatus>,
    pub note: String,
}

/// The report "Stand der Umsetzung": the challenges a filter lets through,
/// as of a day, with their histories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUpReport {
    pub today: NaiveDate,
    /// By due date, as the list shows them.
    pub items: Vec<FollowUpItem>,
    /// The steps of each of those challenges that has any, oldest first.
    pub histories: BTreeMap<Id, Vec<ChallengeEvent>>,
}

impl FollowUpReport {
    /// The steps of one challenge, oldest first.
    pub fn history_of(&self, challenge_id: &str) -> &[ChallengeEvent] {
        self.histories
            .get(challenge_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The items grouped by workshop, the workshops by date, each group in
    /// the list's order (by due date).
    pub fn by_workshop(&self) -> Vec<(&FollowUpItem, Vec<&FollowUpItem>)> {
        let mut groups: Vec<(&FollowUpItem, Vec<&FollowUpItem>)> = Vec::new();
        for item in &self.items {
            match groups
                .iter_mut()
                .find(|(first, _)| first.workshop_id == item.workshop_id)
            {
                Some((_, members)) => members.push(item),
                None => groups.push((item, vec![item])),
            }
        }
        groups.sort_by(|(a, _), (b, _)| {
            (a.workshop_date, &a.workshop_title, &a.workshop_id).cmp(&(
                b.workshop_date,
                &b.workshop_title,
                &b.workshop_id,
            ))
        });
        groups
    }
}
