use rusqlite::{params, OptionalExtension, Row, ToSql, Transaction};

use super::owners::{board_of_field, touch_workshop, workshop_of};
use super::sql::{
    ensure_exists, found, get_time, insert_statement, next_position, now, touched, ts,
    update_statement, Cached,
};
use super::{feed, Store};
use crate::error::{Entity, Error, Result};
use crate::model::*;

const COLUMNS: &str = "id, workshop_id, position, start_time, duration_minutes, title, who, \
     activity, board_id, field_id, actor_map_id, challenge_list_id, \
     started_at, ran_seconds, running_since, settings, notes, assignment";

fn opt_ts(row: &Row, idx: usize) -> rusqlite::Result<Option<chrono::DateTime<chrono::Utc>>> {
    let s: Option<String> = row.get(idx)?;
    // An unreadable time reads as none: the item stays, as with `get_ts`.
    Ok(
        s.and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&chrono::Utc)),
    )
}

/// The activity as stored: a kind and the column of its workspace, or its
/// settings for a kind without one (group work's boards are read after, by
/// `with_boards`, from their own table). A kind whose workspace was deleted (or
/// whose settings cannot be read) reads as a talk.
fn activity_from_row(row: &Row, at: usize, settings_at: usize) -> rusqlite::Result<Activity> {
    let name: String = row.get(at)?;
    // A kind of a newer version reads as a talk.
    let Some(kind) = ActivityKind::named(&name) else {
        return Ok(Activity::Listen);
    };
    let board: Option<Id> = row.get(at + 1)?;
    let field: Option<Id> = row.get(at + 2)?;
    let map: Option<Id> = row.get(at + 3)?;
    let list: Option<Id> = row.get(at + 4)?;
    let settings = || -> rusqlite::Result<Option<Activity>> {
        let settings: String = row.get(settings_at)?;
        Ok(serde_json::from_str::<Activity>(&settings)
            .ok()
            .filter(|a| a.kind() == kind))
    };
    let activity = match kind {
        ActivityKind::Listen => Some(Activity::Listen),
        ActivityKind::Cards => board.map(|board_id| Activity::Cards {
            board_id,
            field_id: field,
        }),
        ActivityKind::BoardVote => board.map(|board_id| Activity::BoardVote { board_id }),
        ActivityKind::ChallengeVote => list.map(|list_id| Activity::ChallengeVote { list_id }),
        ActivityKind::Actors => map.map(|map_id| Activity::Actors { map_id }),
        ActivityKind::Challenges => list.map(|list_id| Activity::Challenges { list_id }),
        ActivityKind::Photos => Some(Activity::Photos),
        ActivityKind::Questions
        | ActivityKind::Poll
        | ActivityKind::Groups
        | ActivityKind::GroupsVote
        | ActivityKind::WordCloud => settings()?,
        // The list in its column (a deleted list ends the link), the rest
        // in the settings.
        ActivityKind::ImpactEffort => {
            let hidden = matches!(
                settings()?,
                Some(Activity::ImpactEffort { hidden: true, .. })
            );
            list.map(|list_id| Activity::ImpactEffort { list_id, hidden })
        }
        // Never an agenda item's activity.
        ActivityKind::OpenBoard => None,
    };
    Ok(activity.unwrap_or_default())
}

fn from_row(row: &Row) -> rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: row.get(0)?,
        workshop_id: row.get(1)?,
        position: row.get(2)?,
        start_time: get_time(row, 3)?,
        duration_minutes: row.get(4)?,
        title: row.get(5)?,
        who: row.get(6)?,
        activity: activity_from_row(row, 7, 15)?,
        started_at: opt_ts(row, 12)?,
        ran_seconds: row.get(13)?,
        running_since: opt_ts(row, 14)?,
        notes: row.get(16)?,
        assignment: row.get(17)?,
    })
}

/// The columns an item's form sets, in insert and update alike.
const FORM: [&str; 10] = [
    "start_time",
    "duration_minutes",
    "title",
    "who",
    "activity",
    "board_id",
    "field_id",
    "actor_map_id",
    "challenge_list_id",
    "settings",
];

/// The values of `FORM`, in its order.
fn form_values<'a>(v: &'a Valid, kind: &'a &str, links: &'a Links) -> [&'a dyn ToSql; 10] {
    let (board, field, map, list, settings) = links;
    [
        &v.start_time,
        &v.duration_minutes,
        &v.title,
        &v.who,
        kind,
        board,
        field,
        map,
        list,
        settings,
    ]
}

struct Valid {
    start_time: String,
    duration_minutes: u32,
    title: String,
    who: String,
}

fn validate(input: &AgendaItemInput) -> Result<Valid> {
    let start = parse_time("agenda_start", &input.start_time)?;
    in_range(
        "agenda_duration",
        input.duration_minutes.into(),
        0,
        DURATION_MAX_MINUTES.into(),
    )?;
    Ok(Valid {
        start_time: start.format("%H:%M").to_string(),
        duration_minutes: input.duration_minutes,
        title: required_text("agenda_title", &input.title, TITLE_MAX)?,
        who: optional_text("agenda_who", &input.who, NOTE_MAX)?,
    })
}

/// The activity's columns (board, field, map, list, settings), after
/// checking that its workspace is one of this workshop's (an item never
/// links elsewhere) and its settings are sound.
type Links = (Option<Id>, Option<Id>, Option<Id>, Option<Id>, String);

fn links(tx: &Transaction, workshop_id: &str, activity: &Activity) -> Result<Links> {
    if let Activity::OpenBoard { .. } = activity {
        return Err(Error::UnknownValue {
            field: "agenda_activity",
            value: activity.kind().name().into(),
        });
    }
    if let Some(ws) = activity.workspace() {
        if workshop_of(tx, ws.kind, &ws.id)? != workshop_id {
            let entity = match ws.kind {
                Workspace::Board => Entity::Board,
                Workspace::ActorMap => Entity::ActorMap,
                Workspace::ChallengeList => Entity::ChallengeList,
            };
            return Err(Error::not_found(entity, &ws.id));
        }
    }
    let none = || "{}".to_owned();
    Ok(match activity {
        Activity::Cards { board_id, field_id } => {
            if let Some(f) = field_id {
                if board_of_field(tx, f)? != *board_id {
                    return Err(Error::not_found(Entity::Field, f));
                }
            }
            (Some(board_id.clone()), field_id.clone(), None, None, none())
        }
        Activity::BoardVote { board_id } => (Some(board_id.clone()), None, None, None, none()),
        Activity::Actors { map_id } => (None, None, Some(map_id.clone()), None, none()),
        Activity::ChallengeVote { list_id } | Activity::Challenges { list_id } => {
            (None, None, None, Some(list_id.clone()), none())
        }
        Activity::Questions { .. } => (None, None, None, None, serde_json::to_string(activity)?),
        Activity::Poll { question, answers } => {
            let (question, answers) = check_poll(question, answers)?;
            let poll = Activity::Poll { question, answers };
            (None, None, None, None, serde_json::to_string(&poll)?)
        }
        Activity::ImpactEffort { list_id, hidden } => {
            if workshop_of(tx, Workspace::ChallengeList, list_id)? != workshop_id {
                return Err(Error::not_found(Entity::ChallengeList, list_id));
            }
            let settings = Activity::ImpactEffort {
                list_id: String::new(),
                hidden: *hidden,
            };
            let settings = serde_json::to_string(&settings)?;
            (None, None, None, Some(list_id.clone()), settings)
        }
        Activity::WordCloud { question, hidden } => {
            let cloud = Activity::WordCloud {
                question: required_text("cloud_question", question, TITLE_MAX)?,
                hidden: *hidden,
            };
            (None, None, None, None, serde_json::to_string(&cloud)?)
        }
        Activity::Groups { .. } => (
            None,
            None,
            None,
            None,
            serde_json::to_string(&Activity::Groups { boards: vec![] })?,
        ),
        Activity::GroupsVote { dots, .. } => {
            in_range("dots_per_participant", (*dots).into(), 1, DOTS_MAX.into())?;
            let vote = Activity::GroupsVote {
                boards: vec![],
                dots: *dots,
            };
            (None, None, None, None, serde_json::to_string(&vote)?)
        }
        Activity::Listen | Activity::Photos | Activity::OpenBoard { .. } => {
            (None, None, None, None, none())
        }
    })
}

/// Group work's boards must be boards of the item's workshop, each once.
fn check_boards(tx: &Transaction, workshop_id: &str, activity: &Activity) -> Result<()> {
    let boards = activity.boards();
    for (i, b) in boards.iter().enumerate() {
        if boards[..i].contains(b) || workshop_of(tx, Workspace::Board, b)? != workshop_id {
            return Err(Error::not_found(Entity::Board, b));
        }
    }
    Ok(())
}

/// Writes the item's boards in order; members of a group whose board left
/// the item have no group any more.
pub(crate) fn write_boards(tx: &Transaction, item_id: &str, activity: &Activity) -> Result<()> {
    tx.exec("DELETE FROM agenda_boards WHERE item_id = ?1", [item_id])?;
    for (position, board) in activity.boards().iter().enumerate() {
        tx.exec(
            "INSERT INTO agenda_boards (item_id, position, board_id) VALUES (?1, ?2, ?3)",
            params![item_id, position as i64, board],
        )?;
    }
    tx.exec(
        "DELETE FROM group_members WHERE item_id = ?1
           AND board_id NOT IN (SELECT board_id FROM agenda_boards WHERE item_id = ?1)",
        [item_id],
    )?;
    Ok(())
}

/// Group work's boards changed from `before` to `after`: the plenary votes
/// over exactly those groups follow, so groups added later are voted on too.
pub(crate) fn follow_votes(
    tx: &Transaction,
    workshop_id: &str,
    before: &[Id],
    after: &[Id],
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    for item in list(tx, workshop_id)? {
        if let Activity::GroupsVote { boards, dots } = &item.activity {
            if boards.as_slice() == before {
                let next = Activity::GroupsVote {
                    boards: after.to_vec(),
                    dots: *dots,
                };
                write_boards(tx, &item.id, &next)?;
            }
        }
    }
    Ok(())
}

/// Fills in group work's boards, in their order.
fn with_boards(tx: &Transaction, mut item: AgendaItem) -> Result<AgendaItem> {
    if let Activity::Groups { boards } | Activity::GroupsVote { boards, .. } = &mut item.activity {
        let mut stmt = tx.prepare_cached(
            "SELECT board_id FROM agenda_boards WHERE item_id = ?1 ORDER BY position",
        )?;
        *boards = stmt
            .query_map([&item.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(item)
}

pub(crate) fn get(tx: &Transaction, id: &str) -> Result<AgendaItem> {
    let sql = format!("SELECT {COLUMNS} FROM agenda_items WHERE id = ?1");
    let item = found(
        tx.query_row(&sql, [id], from_row).optional()?,
        Entity::AgendaItem,
        id,
    )?;
    with_boards(tx, item)
}

/// The agenda in the order the facilitator gave it.
pub(crate) fn list(tx: &Transaction, workshop_id: &str) -> Result<Vec<AgendaItem>> {
    let sql =
        format!("SELECT {COLUMNS} FROM agenda_items WHERE workshop_id = ?1 ORDER BY position, id");
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([workshop_id], from_row)?;
    let items: Vec<AgendaItem> = rows.collect::<rusqlite::Result<_>>()?;
    items.into_iter().map(|i| with_boards(tx, i)).collect()
}

/// The workshop's running item, if one runs.
pub(crate) fn running(tx: &Transaction, workshop_id: &str) -> Result<Option<AgendaItem>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM agenda_items WHERE workshop_id = ?1 AND running_since IS NOT NULL"
    );
    tx.row(&sql, [workshop_id], from_row)
        .optional()?
        .map(|i| with_boards(tx, i))
        .transpose()
}

/// Checks the item and appends it to the workshop's agenda.
pub(crate) fn insert(
    tx: &Transaction,
    workshop_id: &str,
    input: &AgendaItemInput,
) -> Result<AgendaItem> {
    let v = validate(input)?;
    ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
    let (board, field, map, list, settings) = links(tx, workshop_id, &input.activity)?;
    check_boards(tx, workshop_id, &input.activity)?;
    let id = new_id();
    let position = next_position(tx, "agenda_items", "workshop_id", workshop_id)?;
    let links = (board, field, map, list, settings);
    let kind = input.activity.kind().name();
    let mut values: Vec<&dyn ToSql> = vec![&id, &workshop_id, &position];
    values.extend(form_values(&v, &kind, &links));
    tx.execute(
        &insert_statement("agenda_items", &["id", "workshop_id", "position"], &FORM),
        &*values,
    )?;
    write_boards(tx, &id, &input.activity)?;
    get(tx, &id)
}

/// Checks and writes an item's notes and assignment.
pub(crate) fn write_script(tx: &Transaction, id: &str, script: &ItemScript) -> Result<()> {
    let notes = optional_text("item_notes", &script.notes, NOTE_MAX)?;
    let assignment = optional_text("item_assignment", &script.assignment, NOTE_MAX)?;
    let rows = tx.execute(
        "UPDATE agenda_items SET notes = ?2, assignment = ?3 WHERE id = ?1",
        params![id, notes, assignment],
    )?;
    touched(rows, Entity::AgendaItem, id)
}

/// Ends the running stretch of `item`: its time is added to what it ran.
fn pause(tx: &Transaction, item: &AgendaItem) -> Result<()> {
    let ran = item.ran_by(now()).clamp(0, i64::from(u32::MAX));
    tx.execute(
        "UPDATE agenda_items SET ran_seconds = ?2, running_since = NULL WHERE id = ?1",
        params![item.id, ran],
    )?;
    Ok(())
}

impl Store {
    pub fn add_agenda_item(
        &self,
        workshop_id: &str,
        input: &AgendaItemInput,
    ) -> Result<AgendaItem> {
        self.write(|tx| {
            let item = insert(tx, workshop_id, input)?;
            touch_workshop(tx, workshop_id)?;
            Ok(item)
        })
    }

    pub fn update_agenda_item(&self, id: &str, input: &AgendaItemInput) -> Result<AgendaItem> {
        let v = validate(input)?;
        self.write(|tx| {
            let item = get(tx, id)?;
            let links = links(tx, &item.workshop_id, &input.activity)?;
            check_boards(tx, &item.workshop_id, &input.activity)?;
            keep_poll_answers(tx, &item, &input.activity)?;
            let kind = input.activity.kind().name();
            let mut values: Vec<&dyn ToSql> = vec![&id];
            values.extend(form_values(&v, &kind, &links));
            let rows = tx.execute(&update_statement("agenda_items", &FORM, ""), &*values)?;
            touched(rows, Entity::AgendaItem, id)?;
            write_boards(tx, id, &input.activity)?;
            if let (Activity::Groups { boards: before }, Activity::Groups { boards: after }) =
                (&item.activity, &input.activity)
            {
                follow_votes(tx, &item.workshop_id, before, after)?;
            }
            touch_workshop(tx, &item.workshop_id)?;
            get(tx, id)
        })
    }

    /// The facilitator's notes for an item and, for a group work, the
    /// groups' assignment.
    pub fn set_item_script(&self, id: &str, script: &ItemScript) -> Result<AgendaItem> {
        self.write(|tx| {
            let item = get(tx, id)?;
            write_script(tx, id, script)?;
            touch_workshop(tx, &item.workshop_id)?;
            get(tx, id)
        })
    }

    pub fn delete_agenda_item(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let item = get(tx, id)?;
            tx.execute("DELETE FROM agenda_items WHERE id = ?1", [id])?;
            touch_workshop(tx, &item.workshop_id)
        })
    }

    pub fn agenda(&self, workshop_id: &str) -> Result<Vec<AgendaItem>> {
        self.read(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            list(tx, workshop_id)
        })
    }

    /// Starts an item (or reopens an earlier one): the item that ran is
    /// paused with its time kept, this one runs from now. Starting the
    /// running item again changes nothing.
    pub fn start_agenda_item(&self, id: &str) -> Result<AgendaItem> {
        self.write(|tx| {
            let mut item = get(tx, id)?;
            if item.running_since.is_none() {
                if let Some(before) = running(tx, &item.workshop_id)? {
                    pause(tx, &before)?;
                }
                let at = ts(&now());
                tx.execute(
                    "UPDATE agenda_items SET running_since = ?2,
                         started_at = COALESCE(started_at, ?2)
                     WHERE id = ?1",
                    params![id, at],
                )?;
                touch_workshop(tx, &item.workshop_id)?;
                item = get(tx, id)?;
            }
            // Also when it ran already: the phones and the projector go
            // to the item the facilitator started.
            feed::record(Subject::Agenda {
                workshop_id: item.workshop_id.clone(),
                item: Some(item.clone()),
            });
            Ok(item)
        })
    }

    /// Starts the item after the running one (the first item when none
    /// runs); `None` when the running item is the last: it is ended.
    pub fn next_agenda_item(&self, workshop_id: &str) -> Result<Option<AgendaItem>> {
        let next = self.read(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            let items = list(tx, workshop_id)?;
            let at = items.iter().position(|i| i.running_since.is_some());
            Ok(match at {
                Some(i) => items.get(i + 1).map(|n| n.id.clone()),
                None => items.first().map(|n| n.id.clone()),
            })
        })?;
        match next {
            Some(id) => self.start_agenda_item(&id).map(Some),
            None => {
                self.end_agenda(workshop_id)?;
                Ok(None)
            }
        }
    }

    /// Ends the running item, if any: no item runs, the phones wait.
    pub fn end_agenda(&self, workshop_id: &str) -> Result<()> {
        self.write(|tx| {
            ensure_exists(tx, "workshops", Entity::Workshop, workshop_id)?;
            if let Some(item) = running(tx, workshop_id)? {
                pause(tx, &item)?;
                touch_workshop(tx, workshop_id)?;
            }
            feed::record(Subject::Agenda {
                workshop_id: workshop_id.to_owned(),
                item: None,
            });
            Ok(())
        })
    }

    /// The workshop's running item, if one runs.
    pub fn running_agenda_item(&self, workshop_id: &str) -> Result<Option<AgendaItem>> {
        self.read(|tx| running(tx, workshop_id))
    }

    /// The workshop whose day was under way when the app last stopped: the
    /// one whose phones' session the store kept, else the one whose agenda
    /// item started last and still runs. A restart mid-day opens it.
    pub fn day_under_way(&self) -> Result<Option<Id>> {
        self.read(|tx| {
            let kept: Option<Id> = tx
                .row(
                    "SELECT workshop_id FROM join_sessions ORDER BY started_at DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if kept.is_some() {
                return Ok(kept);
            }
            Ok(tx
                .row(
                    "SELECT workshop_id FROM agenda_items WHERE running_since IS NOT NULL \
                     ORDER BY running_since DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?)
        })
    }
}

/// An item's poll may not change its answers under the answers given.
/// (Here, not in `polls`, which reads items through this module.)
fn keep_poll_answers(tx: &Transaction, item: &AgendaItem, next: &Activity) -> Result<()> {
    let Activity::Poll {
        answers: before, ..
    } = &item.activity
    else {
        return Ok(());
    };
    let same = matches!(next, Activity::Poll { answers, .. } if answers == before);
    let given: u32 = tx.row(
        "SELECT COUNT(*) FROM poll_answers WHERE item_id = ?1",
        [&item.id],
        |r| r.get(0),
    )?;
    if !same && given > 0 {
        return Err(Error::PollAnswered);
    }
    Ok(())
}

/// Whether the item's results, collected face down, were revealed.
pub(crate) fn revealed(tx: &Transaction, item_id: &str) -> Result<bool> {
    Ok(tx.row(
        "SELECT results_revealed FROM agenda_items WHERE id = ?1",
        [item_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn set_revealed(tx: &Transaction, item_id: &str, revealed: bool) -> Result<()> {
    tx.exec(
        "UPDATE agenda_items SET results_revealed = ?2 WHERE id = ?1",
        params![item_id, revealed],
    )?;
    Ok(())
}
