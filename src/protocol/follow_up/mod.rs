//! What leaves the store about the challenges after their workshops: the
//! report "Stand der Umsetzung" (PDF, Markdown, CSV) and the calendar of
//! their dates (ICS), all from the one "Vorhaben" query.

pub mod ics;
pub mod report;

use crate::model::{FollowUpReport, Language};

/// The fixed words of the report and the calendar.
pub struct Words {
    pub title: &'static str,
    pub calendar_name: &'static str,
    pub as_of: &'static str,
    pub count: fn(usize, usize) -> String,
    pub none: &'static str,
    pub workshop: &'static str,
    pub list: &'static str,
    pub challenge: &'static str,
    pub status: &'static str,
    pub responsible: &'static str,
    pub next_step: &'static str,
    pub due: &'static str,
    pub overdue: &'static str,
    /// "überfällig seit 01.05.2027".
    pub since: &'static str,
    pub review: &'static str,
    pub impact_goal: &'static str,
    pub impact_signal: &'static str,
    pub history: &'static str,
    /// The team member a workshop came from.
    pub origin: &'static str,
    pub due_prefix: &'static str,
    pub review_prefix: &'static str,
}

pub fn words(language: Language) -> Words {
    match language {
        Language::De => Words {
            title: "Stand der Umsetzung",
            calendar_name: "Vorhaben",
            as_of: "Stand",
            count: |n, late| match (n, late) {
                (1, 0) => "1 Vorhaben".into(),
                (1, _) => "1 Vorhaben, überfällig".into(),
                (n, 0) => format!("{n} Vorhaben"),
                (n, late) => format!("{n} Vorhaben, davon {late} überfällig"),
            },
            none: "Keine Vorhaben.",
            workshop: "Workshop",
            list: "Liste",
            challenge: "Vorhaben",
            status: "Status",
            responsible: "Verantwortlich",
            next_step: "Nächster Schritt",
            due: "Fällig",
            overdue: "überfällig",
            since: "seit",
            review: "Überprüfen am",
            impact_goal: "Wirkungsziel",
            impact_signal: "Woran wir es merken",
            history: "Verlauf",
            origin: "Von",
            due_prefix: "Fällig",
            review_prefix: "Überprüfen",
        },
        Language::En => Words {
            title: "State of implementation",
            calendar_name: "Follow-up",
            as_of: "As of",
            count: |n, late| match (n, late) {
                (1, 0) => "1 challenge".into(),
                (1, _) => "1 challenge, overdue".into(),
                (n, 0) => format!("{n} challenges"),
                (n, late) => format!("{n} challenges, {late} of them overdue"),
            },
            none: "No challenges.",
            workshop: "Workshop",
            list: "List",
            challenge: "Challenge",
            status: "Status",
            responsible: "Responsible",
            next_step: "Next step",
            due: "Due",
            overdue: "overdue",
            since: "since",
            review: "Review on",
            impact_goal: "Intended impact",
            impact_signal: "How we will notice",
            history: "History",
            origin: "From",
            due_prefix: "Due",
            review_prefix: "Review",
        },
    }
}

/// The files the follow-up leaves the app as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum FollowUpFormat {
    /// "Stand der Umsetzung" to print.
    Pdf,
    /// The same report for a website or a wiki.
    Md,
    /// One row per challenge, for spreadsheets.
    Csv,
    /// The due and review dates for a calendar.
    Ics,
}

impl FollowUpFormat {
    pub fn parse(name: &str) -> Option<FollowUpFormat> {
        [Self::Pdf, Self::Md, Self::Csv, Self::Ics]
            .into_iter()
            .find(|f| f.extension() == name)
    }

    pub fn extension(self) -> &'static str {
        match self {
            FollowUpFormat::Pdf => "pdf",
            FollowUpFormat::Md => "md",
            FollowUpFormat::Csv => "csv",
            FollowUpFormat::Ics => "ics",
        }
    }

    /// "Stand-der-Umsetzung-2026-12-04.pdf", "Vorhaben-2026-12-04.ics".
    pub fn file_name(self, report: &FollowUpReport, language: Language) -> String {
        let w = words(language);
        let stem = match self {
            FollowUpFormat::Ics => w.calendar_name,
            _ => w.title,
        };
        format!(
            "{}-{}.{}",
            stem.replace(' ', "-"),
            report.today,
            self.extension()
        )
    }
}

/// The file's bytes; `now` is the PDF's date and the calendar's stamp.
pub fn render(
    report: &FollowUpReport,
    format: FollowUpFormat,
    language: Language,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::error::Result<Vec<u8>> {
    Ok(match format {
        FollowUpFormat::Pdf => crate::protocol::pdf::follow_up::render(report, language, now)?,
        FollowUpFormat::Md => report::markdown(report, language).into_bytes(),
        FollowUpFormat::Csv => report::csv(report, language).into_bytes(),
        FollowUpFormat::Ics => ics::render(&report.items, language, now).into_bytes(),
    })
}
