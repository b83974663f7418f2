//! The Moderationsleitfaden: the day's script for the facilitators, not the
//! protocol. Each agenda item with its times, what the room does, the
//! facilitator's notes and a group work's assignment; the goals on top.
//! Nothing a participant wrote appears in it.

use chrono::{DateTime, Utc};

use super::{finish, rgb, Layout, Pen};
use crate::error::Result;
use crate::model::document::WorkshopDocument;
use crate::model::{Activity, AgendaItem, Language, PollAnswers};
use crate::protocol::attendance;
use crate::protocol::dates::{long_date, time_of_day};
use crate::protocol::labels::labels;

struct Words {
    title: &'static str,
    activity: &'static str,
    notes: &'static str,
    assignment: &'static str,
    groups: &'static str,
    no_notes: &'static str,
}

const DE: Words = Words {
    title: "Moderationsleitfaden",
    activity: "Am Handy",
    notes: "Notizen für die Moderation",
    assignment: "Arbeitsauftrag",
    groups: "Gruppen",
    no_notes: "Keine Notizen.",
};

const EN: Words = Words {
    title: "Facilitator script",
    activity: "On the phones",
    notes: "Notes for the facilitators",
    assignment: "Assignment",
    groups: "Groups",
    no_notes: "No notes.",
};

fn words(lang: Language) -> &'static Words {
    match lang {
        Language::De => &DE,
        Language::En => &EN,
    }
}

fn board_title(doc: &WorkshopDocument, id: &str) -> String {
    doc.boards
        .iter()
        .find(|b| b.board.id == id)
        .map(|b| b.board.title.clone())
        .unwrap_or_default()
}

fn list_title(doc: &WorkshopDocument, id: &str) -> String {
    doc.challenge_lists
        .iter()
        .find(|l| l.list.id == id)
        .map(|l| l.list.title.clone())
        .unwrap_or_default()
}

/// What the room does during an item, in a line.
fn activity_line(doc: &WorkshopDocument, activity: &Activity, lang: Language) -> String {
    let de = lang == Language::De;
    let pick = |german: &str, english: &str| if de { german } else { english }.to_owned();
    match activity {
        Activity::Listen => pick("nichts, zuhören", "nothing, listening"),
        Activity::Cards { board_id, field_id } => {
            let board = board_title(doc, board_id);
            let question = field_id.as_ref().and_then(|f| {
                doc.boards
                    .iter()
                    .flat_map(|b| &b.fields)
                    .find(|x| x.field.id == *f)
                    .map(|x| x.field.question.clone())
            });
            match (question, de) {
                (Some(q), true) => format!("Karten schreiben zu „{q}“ ({board})"),
                (Some(q), false) => format!("Writing cards on “{q}” ({board})"),
                (None, true) => format!("Karten schreiben: {board}"),
                (None, false) => format!("Writing cards: {board}"),
            }
        }
        Activity::BoardVote { board_id } => {
            format!(
                "{}: {}",
                pick("Punkte kleben", "Dot vote"),
                board_title(doc, board_id)
            )
        }
        Activity::OpenBoard { board_id } => board_title(doc, board_id),
        Activity::ChallengeVote { list_id } => format!(
            "{}: {}",
            pick("Herausforderungen priorisieren", "Prioritising challenges"),
            list_title(doc, list_id)
        ),
        Activity::Challenges { list_id } => format!(
            "{}: {}",
            pick("Herausforderungen sammeln", "Collecting challenges"),
            list_title(doc, list_id)
        ),
        Activity::Actors { map_id } => {
            let map = doc
                .actor_maps
                .iter()
                .find(|m| m.map.id == *map_id)
                .map(|m| m.map.title.clone())
                .unwrap_or_default();
            format!("{}: {map}", pick("Akteure vorschlagen", "Proposing actors"))
        }
        Activity::Questions { review: false } => {
            pick("Fragen aus dem Publikum", "Questions from the audience")
        }
        Activity::Questions { review: true } => pick(
            "Fragen aus dem Publikum, erst nach Durchsicht sichtbar",
            "Questions from the audience, shown once reviewed",
        ),
        Activity::Poll { question, answers } => {
            let choices = match answers {
                PollAnswers::Choices { choices } => choices.join(" / "),
                PollAnswers::Scale { points, low, high } => format!("1–{points}: {low} … {high}"),
            };
            format!(
                "{}: {question} ({choices})",
                pick("Blitzlicht", "Quick poll")
            )
        }
        Activity::Photos => pick("Fotos von den Handys", "Photos from the phones"),
        Activity::Groups { boards } => format!(
            "{}: {}",
            pick("Gruppenarbeit", "Group work"),
            boards
                .iter()
                .map(|b| board_title(doc, b))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Activity::GroupsVote { boards, dots } => format!(
            "{} ({dots} {}): {}",
            pick("Abstimmung über alle Gruppen", "Vote across the groups"),
            pick("Punkte", "dots"),
            boards
                .iter()
                .map(|b| board_title(doc, b))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Activity::WordCloud { question, .. } => {
            format!("{}: {question}", pick("Wortwolke", "Word cloud"))
        }
        Activity::ImpactEffort { list_id, .. } => format!(
            "{}: {}",
            pick("Wirkung × Aufwand bewerten", "Rating impact × effort"),
            list_title(doc, list_id)
        ),
    }
}

fn item(lay: &mut Layout, doc: &WorkshopDocument, a: &AgendaItem, w: &Words, lang: Language) {
    let l = labels(lang);
    // Items are short: one after another, a heading never alone at a foot.
    lay.gap(5.0);
    lay.ensure(35.0);
    lay.heading(
        &format!("{} · {}", time_of_day(a.start_time, lang), a.title),
        14.0,
    );
    let grey = Pen::regular(10.0).colored(rgb(0.3, 0.3, 0.3));
    let mut facts = format!("{} {}", a.duration_minutes, l.minutes);
    if !a.who.is_empty() {
        facts.push_str(&format!(" · {}: {}", l.who, a.who));
    }
    lay.paragraph(&facts, &grey, 0.0);
    lay.gap(1.5);
    lay.paragraph(
        &format!("{}: {}", w.activity, activity_line(doc, &a.activity, lang)),
        &Pen::regular(11.0),
        0.0,
    );
    if let Activity::Groups { boards } = &a.activity {
        lay.gap(1.5);
        lay.paragraph(&format!("{}:", w.groups), &Pen::bold(11.0), 0.0);
        for b in boards {
            lay.paragraph(
                &format!("• {}", board_title(doc, b)),
                &Pen::regular(11.0),
                4.0,
            );
        }
    }
    if !a.assignment.is_empty() {
        lay.gap(2.0);
        lay.paragraph(&format!("{}:", w.assignment), &Pen::bold(11.0), 0.0);
        lay.paragraph(&a.assignment, &Pen::regular(11.0), 4.0);
    }
    lay.gap(2.0);
    lay.paragraph(&format!("{}:", w.notes), &Pen::bold(11.0), 0.0);
    if a.notes.is_empty() {
        lay.paragraph(w.no_notes, &grey, 4.0);
    } else {
        lay.paragraph(&a.notes, &Pen::regular(11.0), 4.0);
    }
    lay.gap(4.0);
}

/// The script as a PDF, in the workshop's language.
pub fn render(doc: &WorkshopDocument, generated_at: DateTime<Utc>) -> Result<Vec<u8>> {
    let ws = &doc.workshop;
    let lang = ws.language;
    let l = labels(lang);
    let w = words(lang);
    let fonts = super::fonts::Fonts::new();
    let ts = super::text::Typesetter::new(&fonts, lang);
    let mut lay = Layout::new(&ts);

    lay.gap(6.0);
    lay.paragraph(
        &ws.title,
        &Pen::bold(20.0).colored(rgb(0.12, 0.31, 0.47)),
        0.0,
    );
    lay.gap(4.0);
    lay.paragraph(
        w.title,
        &Pen::regular(14.0).colored(rgb(0.3, 0.3, 0.3)),
        0.0,
    );
    lay.gap(6.0);
    let mut facts = vec![(l.date, long_date(ws.date, lang))];
    if !ws.place.is_empty() {
        facts.push((l.place, ws.place.clone()));
    }
    if !ws.facilitators.is_empty() {
        facts.push((l.facilitators, ws.facilitators.join(", ")));
    }
    for (label, value) in facts {
        lay.paragraph(&format!("{label}: {value}"), &Pen::regular(11.0), 0.0);
        lay.gap(1.0);
    }
    if let Some((heading, goals)) = attendance::goals(doc, lang) {
        lay.gap(4.0);
        lay.paragraph(heading, &Pen::bold(12.0), 0.0);
        lay.gap(1.0);
        for goal in goals {
            lay.paragraph(&format!("• {goal}"), &Pen::regular(11.0), 4.0);
        }
    }
    lay.gap(6.0);
    for a in &doc.agenda {
        item(&mut lay, doc, a, w, lang);
    }
    finish(
        lay,
        &fonts,
        &format!("{} – {}", ws.title, w.title),
        &long_date(ws.date, lang),
        lang,
        generated_at,
        &ws.id,
    )
}
