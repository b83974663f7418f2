//! The workshop templates the app ships, from the seeds' formats: the group
//! work by the five actor groups, and a programme of talks with questions
//! from the audience, group work and next steps. Each is built through the
//! store's own commands (in a store of its own, once per run) so it is a
//! template like any the team saves.

use std::sync::OnceLock;

use crate::error::{Entity, Error, Result};
use crate::model::*;
use crate::Store;

use super::GROUP_WORK_QUESTIONS;

const BUILTIN: &str = "builtin:";

struct Builtin {
    key: &'static str,
    name: &'static str,
    build: fn(&Store, &str) -> Result<()>,
}

const BUILTINS: [Builtin; 2] = [
    Builtin {
        key: "gruppenarbeit",
        name: "Gruppenarbeit nach Akteursgruppen",
        build: group_work,
    },
    Builtin {
        key: "programm",
        name: "Workshop-Programm mit Impulsen",
        build: programme,
    },
];

fn item(
    store: &Store,
    workshop: &str,
    (start, minutes, title): (&str, u32, &str),
    activity: Activity,
    notes: &str,
    assignment: &str,
) -> Result<()> {
    let item = store.add_agenda_item(
        workshop,
        &AgendaItemInput {
            start_time: start.into(),
            duration_minutes: minutes,
            title: title.into(),
            who: String::new(),
            activity,
        },
    )?;
    store.set_item_script(
        &item.id,
        &ItemScript {
            notes: notes.into(),
            assignment: assignment.into(),
        },
    )?;
    Ok(())
}

fn header(store: &Store, workshop: &str, goals: &[&str]) -> Result<()> {
    let w = store.workshop_detail(workshop)?.workshop;
    store.update_workshop(
        workshop,
        &WorkshopInput {
            goals: goals.iter().map(|g| (*g).to_owned()).collect(),
            actor_groups: Language::De
                .actor_groups()
                .iter()
                .map(|g| (*g).to_owned())
                .collect(),
            ..w.input()
        },
    )?;
    Ok(())
}

const ASSIGNMENT: &str = "Sammeln Sie an Ihrer Wandzeitung aus der Sicht Ihrer Akteursgruppe: \
Welche Herausforderungen sehen Sie vor Ort? Wen braucht es? Was muss gegeben sein? \
Wo ist der Bedarf am größten? Einigen Sie sich auf drei Punkte für die Vorstellung.";

/// A board per actor group, each with the group-work poster's questions.
fn group_boards(store: &Store, workshop: &str) -> Result<Vec<Id>> {
    Language::De
        .actor_groups()
        .iter()
        .map(|group| {
            store
                .create_board(workshop, group, &GROUP_WORK_QUESTIONS)
                .map(|b| b.board.id)
        })
        .collect()
}

fn group_work(store: &Store, workshop: &str) -> Result<()> {
    header(
        store,
        workshop,
        &[
            "Herausforderungen vor Ort aus der Sicht jeder Akteursgruppe sammeln",
            "Gemeinsam festlegen, wo der Bedarf am größten ist",
        ],
    )?;
    let boards = group_boards(store, workshop)?;
    item(
        store,
        workshop,
        ("09:30", 15, "Begrüßung und Ablauf"),
        Activity::Listen,
        "Ziele und Ablauf zeigen. QR-Code projizieren; jede Person wählt am Handy ihre Akteursgruppe (freiwillig).",
        "",
    )?;
    item(
        store,
        workshop,
        ("09:45", 60, "Gruppenarbeit nach Akteursgruppen"),
        Activity::Groups {
            boards: boards.clone(),
        },
        "Gruppen nach Akteursgruppe bilden; je Gruppe eine Wandzeitung. Nach 45 Minuten an die Einigung auf drei Punkte erinnern. Material: Karten, Stifte, Pinnwände.",
        ASSIGNMENT,
    )?;
    item(
        store,
        workshop,
        ("10:45", 30, "Vorstellung und Abstimmung im Plenum"),
        Activity::GroupsVote { boards, dots: 3 },
        "Jede Gruppe stellt in drei Minuten vor. Dann drei Punkte pro Person über alle Wandzeitungen.",
        "",
    )?;
    item(
        store,
        workshop,
        ("11:15", 15, "Nächste Schritte"),
        Activity::Listen,
        "Die drei Punkte mit den meisten Stimmen vorlesen; Verantwortliche und Termine festhalten.",
        "",
    )
}

fn programme(store: &Store, workshop: &str) -> Result<()> {
    header(
        store,
        workshop,
        &[
            "Impulse zum Thema hören und Fragen stellen",
            "In Gruppen Herausforderungen sammeln",
            "Nächste Schritte vereinbaren",
        ],
    )?;
    let boards: Vec<Id> = ["Gruppe A", "Gruppe B"]
        .iter()
        .map(|title| {
            store
                .create_board(workshop, title, &GROUP_WORK_QUESTIONS[..2])
                .map(|b| b.board.id)
        })
        .collect::<Result<_>>()?;
    let list = store.create_challenge_list(workshop, "Nächste Schritte")?;
    let listen = || Activity::Listen;
    item(
        store,
        workshop,
        ("09:30", 10, "Begrüßung"),
        listen(),
        "Ziele des Tages zeigen; QR-Code projizieren.",
        "",
    )?;
    item(
        store,
        workshop,
        ("09:40", 20, "Impuls"),
        listen(),
        "Redezeit ansagen; nach 15 Minuten ein Zeichen geben.",
        "",
    )?;
    item(
        store,
        workshop,
        ("10:00", 15, "Rückfragen aus dem Publikum"),
        Activity::Questions { review: false },
        "Die meistunterstützten Fragen zuerst; zusammenführen, was dasselbe fragt.",
        "",
    )?;
    item(
        store,
        workshop,
        ("10:15", 45, "Gruppenarbeit"),
        Activity::Groups {
            boards: boards.clone(),
        },
        "Zwei Gruppen; je eine Person stellt danach vor.",
        "Sammeln Sie Herausforderungen vor Ort und die Akteure, die es zu ihrer Lösung braucht.",
    )?;
    item(
        store,
        workshop,
        ("11:00", 20, "Ergebnisse und Abstimmung"),
        Activity::GroupsVote { boards, dots: 3 },
        "Vorstellen lassen, dann abstimmen.",
        "",
    )?;
    item(
        store,
        workshop,
        ("11:20", 15, "Nächste Schritte"),
        Activity::Challenges { list_id: list.id },
        "Jede Herausforderung mit Verantwortlichen und Termin festhalten.",
        "",
    )?;
    item(
        store,
        workshop,
        ("11:35", 5, "Blitzlicht"),
        Activity::Poll {
            question: "Wie zufrieden sind Sie mit dem Workshop?".into(),
            answers: PollAnswers::Scale {
                points: 5,
                low: "gar nicht".into(),
                high: "sehr".into(),
            },
        },
        "Ergebnis zeigen und danken.",
        "",
    )
}

/// Each built-in template made as a team's would be: its workshop built
/// through the store's commands, then saved as a template. They share one
/// store held in memory, made once per run: a new store's schema alone takes
/// 40 ms here, and the window's start page lists the templates (issue 43).
/// None for one that could not be made: then it is not offered.
fn builtins() -> &'static [Option<WorkshopTemplate>] {
    static MADE: OnceLock<Vec<Option<WorkshopTemplate>>> = OnceLock::new();
    MADE.get_or_init(|| {
        let store = match Store::in_memory(&std::env::temp_dir().join("wandzeitung-template")) {
            Ok(store) => store,
            Err(e) => {
                crate::note!("wandzeitung: no built-in templates: {e}");
                return vec![None; BUILTINS.len()];
            }
        };
        BUILTINS
            .iter()
            .map(|b| {
                build(&store, b)
                    .inspect_err(|e| crate::note!("wandzeitung: template {} not made: {e}", b.key))
                    .ok()
            })
            .collect()
    })
}

fn build(store: &Store, b: &Builtin) -> Result<WorkshopTemplate> {
    let w = store.create_workshop(&WorkshopInput {
        title: b.name.into(),
        date: "2026-01-01".into(),
        ..WorkshopInput::default()
    })?;
    (b.build)(store, &w.id)?;
    Ok(WorkshopTemplate::of(&store.export_workshop(&w.id)?, b.name))
}

/// Makes the built-in templates now, so that the first list of templates
/// (the window's start page) does not wait for them. For a thread of its own
/// at start.
pub fn prepare_builtins() {
    builtins();
}

/// Every template: the app's own first, then the team's by name.
pub fn all_templates(store: &Store) -> Result<Vec<TemplateSummary>> {
    let mut out: Vec<TemplateSummary> = BUILTINS
        .iter()
        .zip(builtins())
        .filter_map(|(b, t)| {
            t.as_ref()
                .map(|t| t.summary(&format!("{BUILTIN}{}", b.key), true))
        })
        .collect();
    out.extend(store.saved_templates()?);
    Ok(out)
}

/// The template with this id, the app's own or the team's.
pub fn template(store: &Store, id: &str) -> Result<WorkshopTemplate> {
    match id.strip_prefix(BUILTIN) {
        Some(key) => BUILTINS
            .iter()
            .zip(builtins())
            .find(|(b, _)| b.key == key)
            .and_then(|(_, t)| t.clone())
            .ok_or_else(|| Error::not_found(Entity::Template, id)),
        None => store.saved_template(id),
    }
}
