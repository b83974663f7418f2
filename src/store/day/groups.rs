//! Parallel groups of an agenda item: a board for each group, the phones'
//! choice of group, counting off, and the plenary's one ranking over the
//! groups' boards.

use rusqlite::{params, OptionalExtension, Transaction};

use super::owners::touch_workshop;
use super::sql::Cached;
use super::{agenda, boards, feed, Store};
use crate::error::{Entity, Error, Result};
use crate::model::*;

/// The board `participant` works on during group-work `item_id`, if the
/// phone chose (or was counted into) a group of it.
pub(crate) fn group_of(tx: &Transaction, item_id: &str, participant: &str) -> Result<Option<Id>> {
    Ok(tx
        .row(
            "SELECT board_id FROM group_members WHERE item_id = ?1 AND participant = ?2",
            params![item_id, participant],
            |r| r.get(0),
        )
        .optional()?)
}

/// A phone chooses (or changes) its group: one of the item's boards.
pub(crate) fn join(
    tx: &Transaction,
    item_id: &str,
    boards: &[Id],
    participant: &str,
    board_id: &str,
) -> Result<()> {
    if !boards.iter().any(|b| b == board_id) {
        return Err(Error::not_found(Entity::Board, board_id));
    }
    tx.exec(
        "INSERT INTO group_members (item_id, participant, board_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (item_id, participant) DO UPDATE SET board_id = excluded.board_id",
        params![item_id, participant, board_id],
    )?;
    Ok(())
}

/// The item's groups as a phone may choose them.
pub(crate) fn choices(tx: &Transaction, item_id: &str, boards: &[Id]) -> Result<Vec<GroupChoice>> {
    boards
        .iter()
        .map(|b| {
            Ok(GroupChoice {
                name: boards::title(tx, b)?,
                members: members(tx, item_id, b)?,
                board_id: b.clone(),
            })
        })
        .collect()
}

fn members(tx: &Transaction, item_id: &str, board_id: &str) -> Result<u32> {
    Ok(tx.row(
        "SELECT COUNT(*) FROM group_members WHERE item_id = ?1 AND board_id = ?2",
        params![item_id, board_id],
        |r| r.get(0),
    )?)
}

/// One ranking over the boards, each entry with its group's name.
pub(crate) fn ranking(tx: &Transaction, boards: &[Id]) -> Result<Vec<GroupRankEntry>> {
    let views = boards
        .iter()
        .map(|b| boards::view(tx, b))
        .collect::<Result<Vec<_>>>()?;
    let named: Vec<(&str, &[FieldView])> = views
        .iter()
        .map(|v| (v.board.title.as_str(), v.fields.as_slice()))
        .collect();
    Ok(groups_ranking(&named))
}

/// The dots `participant` gave on any of the boards: one budget across the
/// groups in the plenary's vote.
pub(crate) fn dots_on(tx: &Transaction, boards: &[Id], participant: &str) -> Result<u32> {
    let mut used = 0;
    for b in boards {
        used += tx.row(
            "SELECT COUNT(*) FROM votes WHERE board_id = ?1 AND participant = ?2",
            params![b, participant],
            |r| r.get::<_, u32>(0),
        )?;
    }
    Ok(used)
}

fn groups_item(tx: &Transaction, item_id: &str) -> Result<AgendaItem> {
    let item = agenda::get(tx, item_id)?;
    match item.activity {
        Activity::Groups { .. } | Activity::GroupsVote { .. } => Ok(item),
        _ => Err(Error::UnknownValue {
            field: "agenda_activity",
            value: item.activity.kind().name().into(),
        }),
    }
}

pub(crate) fn progress(tx: &Transaction, item: &AgendaItem) -> Result<ItemGroups> {
    let boards = item.activity.boards();
    let mut groups = Vec::with_capacity(boards.len());
    for b in boards {
        groups.push(GroupProgress {
            name: boards::title(tx, b)?,
            // In the plenary nobody joins a group: its people are those
            // who worked in it during the group work.
            members: match item.activity {
                Activity::GroupsVote { .. } => tx.row(
                    "SELECT COUNT(DISTINCT participant) FROM group_members WHERE board_id = ?1",
                    [b],
                    |r| r.get(0),
                )?,
                _ => members(tx, &item.id, b)?,
            },
            cards: tx.row(
                "SELECT COUNT(*) FROM cards c JOIN fields f ON f.id = c.field_id
                 WHERE f.board_id = ?1",
                [b],
                |r| r.get(0),
            )?,
            board_id: b.clone(),
        });
    }
    let without_group = tx.row(
        "SELECT COUNT(*) FROM join_participants p WHERE p.workshop_id = ?1
           AND NOT EXISTS (SELECT 1 FROM group_members m
                           WHERE m.item_id = ?2 AND m.participant = p.id)",
        params![item.workshop_id, item.id],
        |r| r.get(0),
    )?;
    let ranking = match item.activity {
        Activity::GroupsVote { .. } => ranking(tx, boards)?,
        _ => Vec::new(),
    };
    Ok(ItemGroups {
        item_id: item.id.clone(),
        groups,
        without_group,
        ranking,
    })
}

impl Store {
    /// Adds groups to a group-work item, a new board each, laid out with
    /// `questions`; with `per_question` one group per question instead,
    /// named after it. All of them or none.
    pub fn create_groups(
        &self,
        item_id: &str,
        names: &[String],
        questions: &[String],
        per_question: bool,
    ) -> Result<ItemGroups> {
        let questions = questions
            .iter()
            .map(|q| required_text("field_question", q, TITLE_MAX))
            .collect::<Result<Vec<_>>>()?;
        let groups: Vec<(String, Vec<String>)> = if per_question {
            questions
                .iter()
                .map(|q| (q.clone(), vec![q.clone()]))
                .collect()
        } else {
            names
                .iter()
                .map(|n| {
                    Ok((
                        required_name("group_name", n, TITLE_MAX)?,
                        questions.clone(),
                    ))
                })
                .collect::<Result<_>>()?
        };
        self.write(|tx| {
            let item = groups_item(tx, item_id)?;
            let Activity::Groups { boards } = &item.activity else {
                return Err(Error::UnknownValue {
                    field: "agenda_activity",
                    value: item.activity.kind().name().into(),
                });
            };
            in_range(
                "groups",
                (boards.len() + groups.len()) as i64,
                1,
                GROUPS_MAX as i64,
            )?;
            let mut all = boards.clone();
            for (name, questions) in &groups {
                all.push(boards::insert(tx, &item.workshop_id, name, questions)?);
            }
            agenda::write_boards(
                tx,
                item_id,
                &Activity::Groups {
                    boards: all.clone(),
                },
            )?;
            agenda::follow_votes(tx, &item.workshop_id, boards, &all)?;
            touch_workshop(tx, &item.workshop_id)?;
            feed::record(Subject::Item {
                item_id: item.id.clone(),
            });
            progress(tx, &agenda::get(tx, item_id)?)
        })
    }

    /// The item's groups with their people and cards (and, for the
    /// plenary's vote, the ranking over all of them).
    /// None for an item that is neither.
    pub fn item_groups(&self, item_id: &str) -> Result<Option<ItemGroups>> {
        self.read(|tx| {
            let item = agenda::get(tx, item_id)?;
            match item.activity {
                Activity::Groups { .. } | Activity::GroupsVote { .. } => {
                    progress(tx, &item).map(Some)
                }
                _ => Ok(None),
            }
        })
    }

    /// Counting off: every phone of the day's session, in the order they
    /// joined, goes to the next group in turn (those in a group too).
    pub fn count_off(&self, item_id: &str) -> Result<ItemGroups> {
        self.write(|tx| {
            let item = groups_item(tx, item_id)?;
            let boards = item.activity.boards().to_vec();
            if boards.is_empty() || !matches!(item.activity, Activity::Groups { .. }) {
                return progress(tx, &item);
            }
            let phones: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT id FROM join_participants WHERE workshop_id = ?1
                     ORDER BY joined_at, id",
                )?;
                let rows = stmt.query_map([&item.workshop_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for (i, p) in phones.iter().enumerate() {
                join(tx, item_id, &boards, p, &boards[i % boards.len()])?;
            }
            feed::record(Subject::Item {
                item_id: item.id.clone(),
            });
            progress(tx, &item)
        })
    }
}
