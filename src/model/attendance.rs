//! Who took part, counted by actor group and never named: what funders and
//! reports ask for. A phone says its group when joining (or rather not);
//! people without a phone are counted by hand; an agenda item counts the
//! phones that contributed to it.

use serde::{Deserialize, Serialize};

use super::Id;

/// One phone that joined, as a workshop file keeps it: its group and the
/// items it contributed to, never its id or name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneAttendance {
    /// None: not asked (or not answered); "": rather not say.
    pub group: Option<String>,
    pub items: Vec<Id>,
}

/// People without a phone in one actor group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PeopleByHand {
    pub group: String,
    pub people: u32,
}

/// Who took part, as the store and a workshop file hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AttendanceDocument {
    #[serde(default)]
    pub phones: Vec<PhoneAttendance>,
    #[serde(default)]
    pub by_hand: Vec<PeopleByHand>,
}

/// One actor group's head count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupCount {
    /// The group's name; empty for those who did not say.
    pub group: String,
    pub phones: u32,
    pub by_hand: u32,
}

/// An agenda item's head count: the phones that contributed, by group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemCount {
    pub item_id: Id,
    pub phones: u32,
    /// Only the groups with someone in them, in the workshop's order; the
    /// phones that did not say last, under "".
    pub groups: Vec<GroupCount>,
}

/// Head counts for the laptop and the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attendance {
    /// Every group of the workshop in its order (also those with nobody),
    /// then those who did not say, then groups only a file or an earlier
    /// list of groups named.
    pub groups: Vec<GroupCount>,
    pub phones: u32,
    pub by_hand: u32,
    pub items: Vec<ItemCount>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Attendance {
    /// Counts `doc` by the workshop's `groups`, for the items `items` in
    /// their order.
    pub fn of(groups: &[String], items: &[Id], doc: &AttendanceDocument) -> Attendance {
        let said = |p: &PhoneAttendance| p.group.clone().unwrap_or_default();
        let mut names: Vec<String> = groups.to_vec();
        names.push(String::new());
        for extra in doc
            .phones
            .iter()
            .map(said)
            .chain(doc.by_hand.iter().map(|h| h.group.clone()))
        {
            if !names.contains(&extra) {
                names.push(extra);
            }
        }
        let tally = |phones: &[&PhoneAttendance], with_hand: bool| -> Vec<GroupCount> {
            names
                .iter()
                .map(|name| GroupCount {
                    group: name.clone(),
                    phones: count(phones.iter().filter(|p| said(p) == *name).count()),
                    by_hand: if with_hand {
                        doc.by_hand
                            .iter()
                            .filter(|h| h.group == *name)
                            .map(|h| h.people)
                            .sum()
                    } else {
                        0
                    },
                })
                .collect()
        };
        let all: Vec<&PhoneAttendance> = doc.phones.iter().collect();
        let mut by_group = tally(&all, true);
        // The workshop's own groups always show; the rest only when counted.
        by_group.retain(|g| groups.contains(&g.group) || g.phones + g.by_hand > 0);
        Attendance {
            phones: count(doc.phones.len()),
            by_hand: doc.by_hand.iter().map(|h| h.people).sum(),
            items: items
                .iter()
                .map(|item| {
                    let there: Vec<&PhoneAttendance> = doc
                        .phones
                        .iter()
                        .filter(|p| p.items.contains(item))
                        .collect();
                    let mut groups = tally(&there, false);
                    groups.retain(|g| g.phones > 0);
                    ItemCount {
                        item_id: item.clone(),
                        phones: count(there.len()),
                        groups,
                    }
                })
                .collect(),
            groups: by_group,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(group: Option<&str>, items: &[&str]) -> PhoneAttendance {
        PhoneAttendance {
            group: group.map(str::to_owned),
            items: items.iter().map(|i| (*i).to_owned()).collect(),
        }
    }

    #[test]
    fn phones_and_people_by_hand_are_counted_by_group_and_by_item() {
        let groups = vec!["Politik".to_owned(), "Verwaltung".to_owned()];
        let doc = AttendanceDocument {
            phones: vec![
                phone(Some("Politik"), &["a", "b"]),
                phone(Some("Politik"), &["b"]),
                phone(Some(""), &["a"]),
                phone(None, &[]),
            ],
            by_hand: vec![PeopleByHand {
                group: "Verwaltung".into(),
                people: 3,
            }],
        };
        let a = Attendance::of(&groups, &["a".into(), "b".into()], &doc);
        assert_eq!((a.phones, a.by_hand), (4, 3));
        fn line(g: &GroupCount) -> (&str, u32, u32) {
            (g.group.as_str(), g.phones, g.by_hand)
        }
        let lines: Vec<_> = a.groups.iter().map(line).collect();
        assert_eq!(lines, [("Politik", 2, 0), ("Verwaltung", 0, 3), ("", 2, 0)]);
        assert_eq!(a.items[0].phones, 2);
        let first: Vec<_> = a.items[0].groups.iter().map(line).collect();
        assert_eq!(first, [("Politik", 1, 0), ("", 1, 0)]);
        let second: Vec<_> = a.items[1].groups.iter().map(line).collect();
        assert_eq!(second, [("Politik", 2, 0)]);
    }
}
