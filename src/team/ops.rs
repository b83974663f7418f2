//! What a change file says: the operations one laptop sends its team. A
//! workshop travels whole and only from the laptop that made it; the
//! follow-up of a challenge travels field by field from any laptop, and its
//! history step by step. Everything names things by the id they have on
//! the laptop that made them, the same on every laptop.

use serde::{Deserialize, Serialize};

use super::clock::Stamp;
use crate::model::document::WorkshopDocument;

/// One operation of a change file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// The laptop's name in the team (its user), so that every row can
    /// say where it came from; first in every file.
    Device { label: String },
    /// A workshop of the sending laptop as it is now; replaces an older
    /// version on the other laptops, where it is read-only.
    Workshop {
        id: String,
        stamp: Stamp,
        document: Box<WorkshopDocument>,
    },
    /// A workshop deleted on the laptop that made it, with the files in
    /// the team folder that carried it (this laptop only ever adds files:
    /// these are for whoever keeps the folder to remove).
    WorkshopGone {
        id: String,
        stamp: Stamp,
        #[serde(default)]
        files: Vec<String>,
    },
    /// One follow-up field of a challenge set to a value; `base` is the
    /// stamp of the value it replaced (none: the workshop's own), which
    /// tells a later change from a concurrent one.
    Field {
        challenge: String,
        field: FollowUpField,
        value: Option<String>,
        stamp: Stamp,
        base: Option<Stamp>,
    },
    /// A step of a challenge's history added (or, `gone`, removed: an undo).
    Event {
        challenge: String,
        #[serde(flatten)]
        step: EventStep,
        gone: bool,
    },
}

/// A history step as it travels; equal steps are one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventStep {
    pub happened_on: String,
    pub status: Option<String>,
    pub note: String,
    pub created_at: String,
}

/// The fields of a challenge that every laptop of the team may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpField {
    Status,
    Responsible,
    NextStep,
    DueDate,
    ReviewDate,
    ImpactGoal,
    ImpactSignal,
}

impl FollowUpField {
    pub const ALL: [FollowUpField; 7] = [
        FollowUpField::Status,
        FollowUpField::Responsible,
        FollowUpField::NextStep,
        FollowUpField::DueDate,
        FollowUpField::ReviewDate,
        FollowUpField::ImpactGoal,
        FollowUpField::ImpactSignal,
    ];

    /// The column in `challenges` (and the name in the outbox).
    pub fn column(self) -> &'static str {
        match self {
            FollowUpField::Status => "status",
            FollowUpField::Responsible => "responsible",
            FollowUpField::NextStep => "next_step",
            FollowUpField::DueDate => "due_date",
            FollowUpField::ReviewDate => "review_date",
            FollowUpField::ImpactGoal => "impact_goal",
            FollowUpField::ImpactSignal => "impact_signal",
        }
    }

    pub fn from_column(column: &str) -> Option<FollowUpField> {
        FollowUpField::ALL
            .into_iter()
            .find(|f| f.column() == column)
    }
}

impl Stamp {
    /// The stamp as text that sorts as the stamps do (kept in the store).
    pub fn key(&self) -> String {
        format!("{:015}.{:010}.{}", self.wall_ms, self.counter, self.device)
    }

    /// A stamp kept with `key`; None for anything else.
    pub fn from_key(key: &str) -> Option<Stamp> {
        let mut parts = key.splitn(3, '.');
        let wall_ms = parts.next()?.parse().ok()?;
        let counter = parts.next()?.parse().ok()?;
        let device = parts.next()?.to_owned();
        Some(Stamp {
            wall_ms,
            counter,
            device,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_stamps_sort_as_stamps_do() {
        let stamps = [
            Stamp {
                wall_ms: 9,
                counter: 10,
                device: "b".into(),
            },
            Stamp {
                wall_ms: 10,
                counter: 0,
                device: "a".into(),
            },
            Stamp {
                wall_ms: 10,
                counter: 0,
                device: "laptop-b".into(),
            },
            Stamp {
                wall_ms: 1_700_000_000_000,
                counter: 2,
                device: "a".into(),
            },
        ];
        for pair in stamps.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].key() < pair[1].key(), "{pair:?}");
        }
        for s in &stamps {
            assert_eq!(Stamp::from_key(&s.key()).as_ref(), Some(s));
        }
        assert_eq!(Stamp::from_key("x.1.a"), None);
    }

    #[test]
    fn an_operation_reads_back_as_written() {
        let op = Op::Field {
            challenge: "c1".into(),
            field: FollowUpField::NextStep,
            value: Some("Ortstermin".into()),
            stamp: Stamp {
                wall_ms: 5,
                counter: 1,
                device: "laptop-a".into(),
            },
            base: None,
        };
        let text = serde_json::to_string(&op).unwrap();
        assert!(text.contains(r#""op":"field""#), "{text}");
        assert_eq!(serde_json::from_str::<Op>(&text).unwrap(), op);
        let event = Op::Event {
            challenge: "c1".into(),
            step: EventStep {
                happened_on: "2026-12-07".into(),
                status: None,
                note: "Termin mit dem Bauamt".into(),
                created_at: "2026-12-07T10:00:00.000000Z".into(),
            },
            gone: false,
        };
        let text = serde_json::to_string(&event).unwrap();
        assert_eq!(serde_json::from_str::<Op>(&text).unwrap(), event);
    }
}
