//! What the phones gave to the day's word clouds and impact × effort
//! ratings as one CSV table, for a spreadsheet or a report: a row per
//! counted word (fillers too, marked, since they still count) and a row per
//! rated challenge. As in the protocol, a word taken off and results never
//! revealed stay out.

use super::audience::quadrant_name;
use super::csv::Table;
use super::document::WorkshopDocument;
use crate::model::{Language, Spread};

struct Words {
    header: [&'static str; 12],
    cloud: &'static str,
    matrix: &'static str,
    yes: &'static str,
}

const DE: Words = Words {
    header: [
        "Programmpunkt",
        "Aktivität",
        "Frage oder Liste",
        "Wort oder Herausforderung",
        "Anzahl",
        "Füllwort",
        "Wirkung (Mittel)",
        "Wirkung (mittlere Hälfte)",
        "Aufwand (Mittel)",
        "Aufwand (mittlere Hälfte)",
        "Feld",
        "Punkte",
    ],
    cloud: "Wortwolke",
    matrix: "Wirkung × Aufwand",
    yes: "ja",
};

const EN: Words = Words {
    header: [
        "Agenda item",
        "Activity",
        "Question or list",
        "Word or challenge",
        "Count",
        "Filler",
        "Impact (mean)",
        "Impact (middle half)",
        "Effort (mean)",
        "Effort (middle half)",
        "Field",
        "Dots",
    ],
    cloud: "Word cloud",
    matrix: "Impact × effort",
    yes: "yes",
};

/// A number as the language's spreadsheets read it: "4,7" in German.
fn decimal(n: f64, language: Language) -> String {
    let text = format!("{n:.2}");
    match language {
        Language::De => text.replace('.', ","),
        Language::En => text,
    }
}

fn middle_half(s: &Spread, language: Language) -> String {
    format!("{}–{}", decimal(s.q1, language), decimal(s.q3, language))
}

pub fn render(doc: &WorkshopDocument) -> String {
    let language = doc.workshop.language;
    let w = match language {
        Language::De => &DE,
        Language::En => &EN,
    };
    let mut table = Table::new(language);
    table.row(&w.header);
    for item in &doc.agenda {
        if let Some(cloud) = doc.cloud_of(item) {
            if !cloud.shown() {
                continue;
            }
            for word in cloud.words.iter().filter(|w| !w.hidden) {
                table.row(&[
                    item.title.as_str(),
                    w.cloud,
                    &cloud.question,
                    &word.word,
                    &word.count.to_string(),
                    if word.stop_word { w.yes } else { "" },
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]);
            }
        }
        let Some((list, true)) = doc.matrix_of(item) else {
            continue;
        };
        for challenge in &list.challenges {
            let rated = list.rated(&challenge.id);
            let cells = match &rated {
                Some(r) => [
                    r.count.to_string(),
                    decimal(r.impact.mean, language),
                    middle_half(&r.impact, language),
                    decimal(r.effort.mean, language),
                    middle_half(&r.effort, language),
                    quadrant_name(r.quadrant, language).to_owned(),
                ],
                None => [
                    "0".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                ],
            };
            let [count, impact, impact_half, effort, effort_half, field] = cells;
            table.row(&[
                item.title.as_str(),
                w.matrix,
                &list.list.title,
                &challenge.title,
                &count,
                "",
                &impact,
                &impact_half,
                &effort,
                &effort_half,
                &field,
                &challenge.dots.to_string(),
            ]);
        }
    }
    table.finish()
}
