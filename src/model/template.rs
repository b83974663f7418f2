//! A workshop template: the set-up of a workshop to start the next one from
//! (the agenda with its activities, notes and assignments, the boards'
//! questions, the actor maps' sectors, the challenge lists, the goals and
//! the actor groups), and nothing the day or a participant produced. A
//! template is a file too, with its own format and version.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::document::{self, WorkshopDocument};
use super::{AttendanceDocument, Timer};
use crate::error::{Error, FileProblem, Result};

pub const TEMPLATE_FORMAT: &str = "wandzeitung-vorlage";
pub const TEMPLATE_VERSION: u32 = 1;
/// A template file's name ends so: "Zukunftswerkstatt.wzvorlage".
pub const TEMPLATE_EXTENSION: &str = "wzvorlage";
/// A template is a set-up: a few KB. A file far larger is not one.
pub const TEMPLATE_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Agenda items of one template; a day has a few dozen at most.
pub const TEMPLATE_ITEMS_MAX: usize = 100;
/// Boards, actor maps and challenge lists of one template, together.
pub const TEMPLATE_WORKSPACES_MAX: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopTemplate {
    pub format: String,
    pub format_version: u32,
    /// What the team calls it: "Zukunftswerkstatt", "Gruppenarbeit".
    pub name: String,
    /// The set-up as a workshop document without any of the day's content.
    pub workshop: WorkshopDocument,
}

/// One template as the list of templates shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateSummary {
    /// "builtin:<key>" for the app's own.
    pub id: String,
    pub name: String,
    pub builtin: bool,
    pub items: u32,
    pub boards: u32,
    pub goals: Vec<String>,
}

fn refused(problem: FileProblem, detail: impl Into<String>) -> Error {
    Error::UnsupportedFile {
        problem,
        detail: detail.into(),
    }
}

impl WorkshopTemplate {
    /// The set-up of `doc`, named `name`: every card, cluster, dot, actor,
    /// challenge, question, answer, word, rating, photo, head count, name
    /// and time of the day left behind.
    pub fn of(doc: &WorkshopDocument, name: &str) -> WorkshopTemplate {
        let mut w = doc.clone();
        w.workshop.title = name.to_owned();
        w.workshop.place.clear();
        w.workshop.facilitators.clear();
        w.workshop.participant_count = 0;
        for board in &mut w.boards {
            board.votes.clear();
            board.board.vote_open = false;
            board.board.timer = Timer {
                duration_seconds: board.board.timer.duration_seconds,
                elapsed_ms: 0,
                started_at: None,
            };
            for field in &mut board.fields {
                field.cards.clear();
                field.clusters.clear();
            }
        }
        for map in &mut w.actor_maps {
            map.actors.clear();
            map.relations.clear();
        }
        for list in &mut w.challenge_lists {
            list.challenges.clear();
            list.votes.clear();
            list.events.clear();
            list.ratings.clear();
            list.list.vote_open = false;
        }
        for item in &mut w.agenda {
            // "Wer" names a person; the next workshop has its own.
            item.who.clear();
            item.started_at = None;
            item.ran_seconds = 0;
            item.running_since = None;
        }
        w.questions.clear();
        w.polls.clear();
        w.word_clouds.clear();
        w.revealed.clear();
        w.photos.clear();
        w.attendance = AttendanceDocument::default();
        WorkshopTemplate {
            format: TEMPLATE_FORMAT.into(),
            format_version: TEMPLATE_VERSION,
            name: name.to_owned(),
            workshop: w,
        }
    }

    /// What a template may not carry: the first thing of the day's content
    /// it holds, named for the message.
    fn content(&self) -> Option<&'static str> {
        let w = &self.workshop;
        let boards = || w.boards.iter();
        let lists = || w.challenge_lists.iter();
        [
            (
                "cards",
                boards().any(|b| b.fields.iter().any(|f| !f.cards.is_empty())),
            ),
            (
                "clusters",
                boards().any(|b| b.fields.iter().any(|f| !f.clusters.is_empty())),
            ),
            (
                "dots",
                boards().any(|b| !b.votes.is_empty()) || lists().any(|l| !l.votes.is_empty()),
            ),
            (
                "actors",
                w.actor_maps
                    .iter()
                    .any(|m| !m.actors.is_empty() || !m.relations.is_empty()),
            ),
            (
                "challenges",
                lists().any(|l| {
                    !l.challenges.is_empty() || !l.events.is_empty() || !l.ratings.is_empty()
                }),
            ),
            ("questions", !w.questions.is_empty()),
            ("poll answers", !w.polls.is_empty()),
            ("words", !w.word_clouds.is_empty()),
            ("photos", !w.photos.is_empty()),
            (
                "who took part",
                w.attendance != AttendanceDocument::default(),
            ),
            ("facilitators", !w.workshop.facilitators.is_empty()),
            ("place", !w.workshop.place.is_empty()),
            (
                "names in the agenda",
                w.agenda.iter().any(|a| !a.who.is_empty()),
            ),
            (
                "times of the day",
                w.agenda.iter().any(|a| {
                    a.started_at.is_some() || a.running_since.is_some() || a.ran_seconds > 0
                }),
            ),
        ]
        .into_iter()
        .find(|(_, held)| *held)
        .map(|(what, _)| what)
    }

    /// Refuses a template that carries the day's content or more than a
    /// set-up has; what it holds is checked further as it is made a
    /// workshop (by the commands' own rules).
    pub fn check(&self) -> Result<()> {
        if let Some(what) = self.content() {
            return Err(refused(
                FileProblem::TemplateContent,
                format!("a template carries no {what}"),
            ));
        }
        let w = &self.workshop;
        let workspaces = w.boards.len() + w.actor_maps.len() + w.challenge_lists.len();
        if w.agenda.len() > TEMPLATE_ITEMS_MAX || workspaces > TEMPLATE_WORKSPACES_MAX {
            return Err(refused(
                FileProblem::TooMany,
                format!(
                    "{} agenda items and {workspaces} boards, maps and lists; at most \
                     {TEMPLATE_ITEMS_MAX} and {TEMPLATE_WORKSPACES_MAX}",
                    w.agenda.len()
                ),
            ));
        }
        Ok(())
    }

    /// Reads a template file: refused whole when it is not one, from a
    /// newer Wandzeitung, broken, or carrying the day's content.
    pub fn from_json(bytes: &[u8]) -> Result<WorkshopTemplate> {
        if bytes.len() > TEMPLATE_MAX_BYTES {
            return Err(refused(
                FileProblem::TooMany,
                format!("larger than {} MB", TEMPLATE_MAX_BYTES / 1024 / 1024),
            ));
        }
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            format_version: Option<u32>,
        }
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|e| refused(FileProblem::NotJson, e.to_string()))?;
        if header.format.as_deref() != Some(TEMPLATE_FORMAT) {
            return Err(refused(
                FileProblem::NotTemplate,
                format!("format is not {TEMPLATE_FORMAT:?}"),
            ));
        }
        match header.format_version {
            Some(v) if v <= TEMPLATE_VERSION => {}
            v => {
                return Err(refused(
                    FileProblem::TooNew,
                    format!(
                    "template version {} is newer than this Wandzeitung reads ({TEMPLATE_VERSION})",
                    v.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
                ),
                ))
            }
        }
        let template: WorkshopTemplate = serde_json::from_slice(bytes)
            .map_err(|e| refused(FileProblem::Damaged, e.to_string()))?;
        // The workshop inside is read as a workshop file would be.
        let inner = serde_json::to_vec(&template.workshop)?;
        WorkshopDocument::from_json(&inner)?;
        template.check()?;
        Ok(template)
    }

    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// The workshop to make from the template: titled `title`, on `date`.
    pub fn workshop_for(&self, title: &str, date: NaiveDate) -> WorkshopDocument {
        let mut w = self.workshop.clone();
        w.format = document::FORMAT.into();
        w.format_version = document::FORMAT_VERSION;
        w.workshop.title = title.to_owned();
        w.workshop.date = date;
        w
    }

    pub fn summary(&self, id: &str, builtin: bool) -> TemplateSummary {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        TemplateSummary {
            id: id.to_owned(),
            name: self.name.clone(),
            builtin,
            items: count(self.workshop.agenda.len()),
            boards: count(self.workshop.boards.len()),
            goals: self.workshop.workshop.goals.clone(),
        }
    }
}
