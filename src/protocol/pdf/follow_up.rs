//! "Stand der Umsetzung" as PDF, for the council or the next workshop: the
//! challenges grouped by workshop, each with its facts and history, the
//! overdue ones marked in red. The same lines as the Markdown report.

use chrono::{DateTime, Utc};

use super::fonts::Fonts;
use super::text::Typesetter;
use super::{finish, rgb, Layout, Pen};
use crate::error::Result;
use crate::model::{FollowUpReport, Language};
use crate::protocol::follow_up::report::{day, event_line, facts, summary};
use crate::protocol::follow_up::words;

/// Room for a challenge's title and its first lines: a title never stands
/// alone at a page's foot.
const CHALLENGE_ROOM: f32 = 28.0;

pub fn render(
    report: &FollowUpReport,
    language: Language,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let w = words(language);
    let fonts = Fonts::new();
    let ts = Typesetter::new(&fonts, language);
    let mut lay = Layout::new(&ts);
    let grey = || rgb(0.35, 0.35, 0.35);
    let red = || rgb(0.7, 0.1, 0.1);

    lay.paragraph(
        w.title,
        &Pen::bold(22.0).colored(rgb(0.12, 0.31, 0.47)),
        0.0,
    );
    lay.gap(2.0);
    lay.paragraph(
        &summary(report, &w),
        &Pen::regular(11.0).colored(grey()),
        0.0,
    );
    if report.items.is_empty() {
        lay.gap(6.0);
        lay.paragraph(w.none, &Pen::regular(11.0), 0.0);
    }
    for (workshop, items) in report.by_workshop() {
        lay.section(CHALLENGE_ROOM + 12.0);
        lay.heading(
            &format!(
                "{} ({})",
                workshop.workshop_title,
                day(workshop.workshop_date)
            ),
            15.0,
        );
        for item in items {
            lay.ensure(CHALLENGE_ROOM);
            lay.paragraph(&item.title, &Pen::bold(12.0), 0.0);
            if item.overdue {
                let due = item.due_date.map(day).unwrap_or_default();
                lay.paragraph(
                    &format!("{} {} {due}", w.overdue.to_uppercase(), w.since),
                    &Pen::bold(9.5).colored(red()),
                    0.0,
                );
            }
            lay.gap(1.0);
            for (label, value) in facts(item, &w, language) {
                lay.paragraph(&format!("{label}: {value}"), &Pen::regular(10.0), 4.0);
            }
            let history = report.history_of(&item.challenge_id);
            if !history.is_empty() {
                lay.paragraph(&format!("{}:", w.history), &Pen::bold(10.0), 4.0);
                for e in history {
                    lay.paragraph(
                        &event_line(e, language),
                        &Pen::regular(9.5).colored(grey()),
                        8.0,
                    );
                }
            }
            lay.gap(5.0);
        }
    }
    let stamp = day(report.today);
    finish(
        lay,
        &fonts,
        w.title,
        &stamp,
        language,
        generated_at,
        &format!("follow-up-{stamp}"),
    )
}
