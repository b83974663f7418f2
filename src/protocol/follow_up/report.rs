//! "Stand der Umsetzung" as Markdown and CSV: each challenge with its
//! status, owner, dates, impact and history, grouped by workshop. The PDF
//! (`pdf::follow_up`) lays out the same groups and lines.

use std::fmt::Write;

use super::{words, Words};
use crate::model::{ChallengeEvent, FollowUpItem, FollowUpReport, Language};
use crate::protocol::csv::Table;
use crate::protocol::labels;
use crate::protocol::markdown::{item as md_item, md};

/// A date as the report prints it.
pub fn day(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// One step of the history: "12.05.2027 – in Arbeit – Ansprechperson benannt".
pub fn event_line(e: &ChallengeEvent, language: Language) -> String {
    let mut parts = vec![day(e.happened_on)];
    if let Some(status) = e.status {
        parts.push(labels::status(status, language).to_owned());
    }
    if !e.note.is_empty() {
        parts.push(e.note.clone());
    }
    parts.join(" – ")
}

/// The facts of a challenge as (label, value) lines, empty ones left out.
pub fn facts(item: &FollowUpItem, w: &Words, language: Language) -> Vec<(&'static str, String)> {
    [
        (w.status, labels::status(item.status, language).to_owned()),
        (w.responsible, item.responsible.clone()),
        (w.next_step, item.next_step.clone()),
        (w.due, item.due_date.map(day).unwrap_or_default()),
        (w.review, item.review_date.map(day).unwrap_or_default()),
        (w.impact_goal, item.impact_goal.clone()),
        (w.impact_signal, item.impact_signal.clone()),
        (w.origin, item.origin.clone().unwrap_or_default()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect()
}

/// The line under the title: the day of the report and how many are late.
pub fn summary(report: &FollowUpReport, w: &Words) -> String {
    let late = report.items.iter().filter(|i| i.overdue).count();
    format!(
        "{} {} · {}",
        w.as_of,
        day(report.today),
        (w.count)(report.items.len(), late)
    )
}

pub fn markdown(report: &FollowUpReport, language: Language) -> String {
    let w = words(language);
    let mut out = format!("# {}\n\n{}\n", w.title, summary(report, &w));
    if report.items.is_empty() {
        let _ = write!(out, "\n{}\n", w.none);
    }
    for (workshop, items) in report.by_workshop() {
        let _ = write!(
            out,
            "\n## {} ({})\n",
            md(&workshop.workshop_title),
            day(workshop.workshop_date)
        );
        for item in items {
            let late = if item.overdue {
                format!(" — **{}**", w.overdue)
            } else {
                String::new()
            };
            let _ = write!(out, "\n### {}{late}\n\n", md(&item.title));
            for (label, value) in facts(item, &w, language) {
                let _ = writeln!(out, "- {}", md_item(&format!("{label}: {value}")));
            }
            let history = report.history_of(&item.challenge_id);
            if !history.is_empty() {
                let _ = writeln!(out, "- {}:", w.history);
                for e in history {
                    let _ = writeln!(out, "  - {}", md_item(&event_line(e, language)));
                }
            }
        }
    }
    out
}

/// One row per challenge; the history in one cell, a line per step. The
/// separator follows the language as in the protocol's CSV.
pub fn csv(report: &FollowUpReport, language: Language) -> String {
    let w = words(language);
    let mut table = Table::new(language);
    table.row(&[
        w.workshop,
        labels::labels(language).date,
        w.list,
        w.challenge,
        w.status,
        w.responsible,
        w.next_step,
        w.due,
        w.overdue,
        w.review,
        w.impact_goal,
        w.impact_signal,
        w.origin,
        w.history,
    ]);
    let yes = labels::labels(language).yes;
    for (_, items) in report.by_workshop() {
        for item in items {
            let history: Vec<String> = report
                .history_of(&item.challenge_id)
                .iter()
                .map(|e| event_line(e, language))
                .collect();
            table.row(&[
                &item.workshop_title,
                &item.workshop_date.to_string(),
                &item.list_title,
                &item.title,
                labels::status(item.status, language),
                &item.responsible,
                &item.next_step,
                &item.due_date.map(|d| d.to_string()).unwrap_or_default(),
                if item.overdue { yes } else { "" },
                &item.review_date.map(|d| d.to_string()).unwrap_or_default(),
                &item.impact_goal,
                &item.impact_signal,
                item.origin.as_deref().unwrap_or_default(),
                &history.join("\n"),
            ]);
        }
    }
    table.finish()
}
