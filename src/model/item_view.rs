use serde::{Deserialize, Serialize};

use super::{ItemGroups, ItemPoll, ItemQuestions};

/// What an agenda item's own page (and the projector, when the item is
/// shown) holds: one variant per kind of page, decided from the activity in
/// one match, so a new activity with a page of its own is a compile error
/// in the core and a type error on the laptop's pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemView {
    /// Nothing of its own: a talk, photos, or work in a workspace.
    Plain,
    Questions {
        questions: ItemQuestions,
    },
    Poll {
        poll: ItemPoll,
    },
    /// Group work, or the plenary's vote over it.
    Groups {
        groups: ItemGroups,
    },
    WordCloud {
        cloud: super::words::ItemWordCloud,
    },
    ImpactEffort {
        matrix: super::ItemMatrix,
    },
}
