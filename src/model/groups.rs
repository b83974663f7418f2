//! Parallel groups of an agenda item: each group works on a board of its
//! own (the board's title is the group's name), and the plenary ranks the
//! results of all groups together.

use serde::{Deserialize, Serialize};

use super::{board_ranking, FieldView, Id, RankEntry};

/// Groups at most one item has: a room of tables, not a conference.
pub const GROUPS_MAX: usize = 12;

/// How the facilitator sets an item's groups up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupsInput {
    /// A board template's key: each group's board is laid out as it.
    pub template: String,
    /// The groups' names (e.g. by table); ignored with `per_question`.
    pub names: Vec<String>,
    /// A "Themeninsel" set-up: one group per question of the template, its
    /// board holding that question alone, named after it.
    pub per_question: bool,
}

/// One group as the laptop follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupProgress {
    pub board_id: Id,
    pub name: String,
    /// Phones that chose this group (or were counted into it).
    pub members: u32,
    pub cards: u32,
}

/// An item's groups as the laptop shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemGroups {
    pub item_id: Id,
    pub groups: Vec<GroupProgress>,
    /// Phones of the day's session in no group yet.
    pub without_group: u32,
    /// The plenary's ranking over all groups' boards (a vote item's).
    pub ranking: Vec<GroupRankEntry>,
}

/// A group as a phone may choose it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupChoice {
    pub board_id: Id,
    pub name: String,
    pub members: u32,
}

/// A card or cluster of the plenary ranking, with the group it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupRankEntry {
    pub group: String,
    pub entry: RankEntry,
}

/// One ranking over several groups' boards: equal totals share a rank
/// across groups as within a board.
pub fn groups_ranking(boards: &[(&str, &[FieldView])]) -> Vec<GroupRankEntry> {
    let fields: Vec<FieldView> = boards.iter().flat_map(|(_, f)| f.iter().cloned()).collect();
    board_ranking(&fields)
        .into_iter()
        .map(|entry| GroupRankEntry {
            group: boards
                .iter()
                .find(|(_, f)| f.iter().any(|f| f.field.id == entry.field_id))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default(),
            entry,
        })
        .collect()
}
