use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Activity, BoardSummary, Id};

/// The language the workshop is run in; decides the protocol's language and date format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    De,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }

    /// The title of an actor map the app creates by itself (a card made an
    /// actor in a workshop without a map); the protocol's heading too.
    pub const fn actor_map_title(self) -> &'static str {
        match self {
            Language::De => "Akteurslandkarte",
            Language::En => "Actor map",
        }
    }

    /// The title of a challenge list the app creates by itself.
    pub const fn challenge_list_title(self) -> &'static str {
        match self {
            Language::De => "Herausforderungen",
            Language::En => "Challenges",
        }
    }

    /// The five actor groups of the seeds' group work, which a new workshop
    /// asks the phones about.
    pub const fn actor_groups(self) -> [&'static str; 5] {
        match self {
            Language::De => [
                "Politik",
                "Verwaltung",
                "Zivilgesellschaft",
                "Bildung und Wissenschaft",
                "Wirtschaft",
            ],
            Language::En => [
                "Politics",
                "Administration",
                "Civil society",
                "Education and research",
                "Business",
            ],
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "de" => Some(Language::De),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Workshop {
    pub id: Id,
    pub title: String,
    pub date: NaiveDate,
    pub place: String,
    pub facilitators: Vec<String>,
    pub participant_count: u32,
    pub language: Language,
    /// What the day is for, a line each: on the workshop page, the
    /// invitation and the top of the protocol.
    #[serde(default)]
    pub goals: Vec<String>,
    /// The groups a phone may say it belongs to when joining (none: the
    /// phones are not asked); the protocol counts who took part by them.
    #[serde(default)]
    pub actor_groups: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Workshop {
    /// The header as its form holds it, to change a part of it.
    pub fn input(&self) -> WorkshopInput {
        WorkshopInput {
            title: self.title.clone(),
            date: self.date.to_string(),
            place: self.place.clone(),
            facilitators: self.facilitators.clone(),
            participant_count: self.participant_count,
            language: self.language,
            goals: self.goals.clone(),
            actor_groups: self.actor_groups.clone(),
        }
    }
}

/// The header a facilitator edits. Dates arrive as text so a wrong one gets the
/// core's own message instead of a deserialisation error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkshopInput {
    pub title: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub place: String,
    pub facilitators: Vec<String>,
    pub participant_count: u32,
    pub language: Language,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub actor_groups: Vec<String>,
}

/// One line of the workshop list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkshopSummary {
    pub id: Id,
    pub title: String,
    pub date: NaiveDate,
    pub place: String,
    pub board_count: u32,
    pub card_count: u32,
    pub updated_at: DateTime<Utc>,
    /// The team member whose laptop it came from: read-only here.
    #[serde(default)]
    pub origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItem {
    pub id: Id,
    pub workshop_id: Id,
    pub position: u32,
    pub start_time: NaiveTime,
    pub duration_minutes: u32,
    pub title: String,
    pub who: String,
    /// What the room does, and where.
    #[serde(default)]
    pub activity: Activity,
    /// When the item first started (it may have been reopened since).
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    /// How long it ran in all, the running stretch not included.
    #[serde(default)]
    pub ran_seconds: u32,
    /// Since when it runs; set on the one running item of a workshop.
    #[serde(default)]
    pub running_since: Option<DateTime<Utc>>,
    /// The facilitator's script for the item (what to say, what to watch
    /// for, materials): on the laptop beside the running item, in the
    /// Moderationsleitfaden, never on the projector, a phone or the protocol.
    #[serde(default)]
    pub notes: String,
    /// A group work's assignment, which each group's phones and boards show.
    #[serde(default)]
    pub assignment: String,
}

impl AgendaItem {
    /// How long the item has run by `now`, in seconds.
    pub fn ran_by(&self, now: DateTime<Utc>) -> i64 {
        let running = self
            .running_since
            .map(|t| (now - t).num_seconds().max(0))
            .unwrap_or(0);
        i64::from(self.ran_seconds) + running
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItemInput {
    /// `HH:MM`
    pub start_time: String,
    pub duration_minutes: u32,
    pub title: String,
    pub who: String,
    #[serde(default)]
    pub activity: Activity,
}

/// What the facilitator writes for an item beside its form: the notes
/// (their script) and a group work's assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemScript {
    pub notes: String,
    pub assignment: String,
}

/// Everything the workshop view shows at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkshopDetail {
    pub workshop: Workshop,
    pub agenda: Vec<AgendaItem>,
    pub boards: Vec<BoardSummary>,
    pub actor_maps: Vec<super::ActorMap>,
    pub challenge_lists: Vec<super::ChallengeList>,
}
