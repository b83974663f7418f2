//! The protocol as Markdown, for a website or a wiki. Participants' text is
//! escaped so it is shown as written and never becomes markup.

use std::fmt::Write;

use super::dates::{actual_run, long_date, planned_and_actual, time_of_day};
use super::day::{self, Block};
use super::document::{ActorMapDocument, BoardDocument, ChallengeListDocument, WorkshopDocument};
use super::labels::{self, labels};
use super::{attendance, audience};
use crate::model::*;

/// Escapes what Markdown (and HTML inside it) would read as markup: one
/// line of participants' text stays one line of text, whatever a CommonMark
/// reader would otherwise make of it (a heading, a rule, a list, a quote,
/// code, a table, a link, HTML).
pub(crate) fn md(text: &str) -> String {
    // Leading spaces or a tab would make indented code (or, after a list
    // marker, code inside the item); there is no escape for a space.
    let text = text.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // Only an `&` that could start an entity (`&lt;`, `&#60;`) needs escaping.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            // One line stays one line (a lone CR ends a line for CommonMark).
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    // What only the start of a line makes structure of: a list item ("- ",
    // "+ "), a setext heading's underline under the line before ("===",
    // "---"), a numbered item ("1. ", "1) "; "12.05.2027" is none).
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(at) = out.find(['.', ')']) {
        let marker = out[at + 1..].chars().next().is_none_or(char::is_whitespace);
        if at > 0 && marker && out[..at].chars().all(|c| c.is_ascii_digit()) {
            out.insert(at, '\\');
        }
    }
    out
}

/// Text inside a table cell: one line.
fn cell(text: &str) -> String {
    md(&text.replace(['\r', '\n'], " "))
}

/// Text of a list item: line breaks kept as hard breaks under the item.
pub(crate) fn item(text: &str) -> String {
    text.split("\r\n")
        .flat_map(|l| l.split(['\r', '\n']))
        .map(md)
        .collect::<Vec<_>>()
        .join("  \n  ")
}

pub fn render(doc: &WorkshopDocument) -> String {
    let lang = doc.workshop.language;
    let l = labels(lang);
    let w = &doc.workshop;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&w.title));
    let _ = writeln!(out, "- **{}:** {}", l.date, long_date(w.date, lang));
    if !w.place.is_empty() {
        let _ = writeln!(out, "- **{}:** {}", l.place, md(&w.place));
    }
    if !w.facilitators.is_empty() {
        let names: Vec<String> = w.facilitators.iter().map(|f| md(f)).collect();
        let _ = writeln!(out, "- **{}:** {}", l.facilitators, names.join(", "));
    }
    // A count nobody filled in is left out, not printed as 0.
    if w.participant_count > 0 {
        let _ = writeln!(out, "- **{}:** {}", l.participants, w.participant_count);
    }
    out.push('\n');
    if let Some((heading, goals)) = attendance::goals(doc, lang) {
        let _ = writeln!(out, "**{heading}:**\n");
        for goal in goals {
            let _ = writeln!(out, "- {}", item(goal));
        }
        out.push('\n');
    }
    if let Some((heading, lines)) = attendance::by_group(doc, lang) {
        let _ = writeln!(out, "**{heading}:**\n");
        for line in lines {
            let _ = writeln!(out, "- {}", item(&line));
        }
        out.push('\n');
    }

    let blocks = day::blocks(doc);
    // Under the items of a day run from the agenda, each workspace is one
    // level deeper.
    let h = if blocks.iter().any(|b| matches!(b, Block::Item(_))) {
        "###"
    } else {
        "##"
    };
    for block in blocks {
        match block {
            Block::Agenda => write_agenda(&mut out, doc, l),
            Block::Item(a) => write_item(&mut out, doc, a, l, lang),
            Block::Questions(a) => write_questions(&mut out, doc, a, lang, h),
            Block::Poll(a) => write_poll(&mut out, doc, a, lang, h),
            Block::Cloud(a) => write_cloud(&mut out, doc, a, lang, h),
            Block::Matrix(a) => write_matrix(&mut out, doc, a, lang, h),
            Block::Ranking(a) => write_ranking(&mut out, doc, a, lang, h),
            Block::Board(b) => write_board(&mut out, b, l, h),
            Block::Map(m) => write_map(&mut out, m, l, lang, h),
            Block::List(list) => write_list(&mut out, list, l, lang, h),
            Block::Photos {
                photos,
                under_item,
                first,
            } => write_photos(&mut out, &photos, under_item, first, l, h),
            Block::SeeAbove { kind, title } => {
                let _ = writeln!(out, "_{}_\n", l.see_above(kind, &md(title)));
            }
        }
    }
    out
}

/// The photos by number and caption; their pixels are in the PDF.
fn write_photos(
    out: &mut String,
    photos: &[&crate::model::document::PhotoDocument],
    under_item: bool,
    first: usize,
    l: &labels::Labels,
    h: &str,
) {
    let heading = if under_item { l.photos } else { l.photo_record };
    let h = if under_item { h } else { "##" };
    let _ = writeln!(out, "{h} {heading}\n");
    for (i, p) in photos.iter().enumerate() {
        let caption = if p.caption.is_empty() {
            String::new()
        } else {
            format!(": {}", md(&p.caption))
        };
        let _ = writeln!(out, "- {} {}{caption}", l.photo, first + i);
    }
    out.push('\n');
}

fn write_agenda(out: &mut String, doc: &WorkshopDocument, l: &labels::Labels) {
    let lang = doc.workshop.language;
    let _ = writeln!(out, "## {}\n", l.agenda);
    // The real times only once the day ran from the agenda.
    let ran = doc.agenda.iter().any(|a| a.started_at.is_some());
    let (actual_head, actual_rule) = if ran {
        (format!(" {} |", l.actual), "---|")
    } else {
        (String::new(), "")
    };
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |{actual_head}\n|---|---|---|---|{actual_rule}",
        l.time, l.duration, l.item, l.who
    );
    for a in &doc.agenda {
        let actual = if ran {
            format!(" {} |", cell(&actual_run(a, lang, l.minutes)))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} {} | {} | {} |{actual}",
            time_of_day(a.start_time, lang),
            a.duration_minutes,
            l.minutes,
            cell(&a.title),
            cell(&a.who)
        );
    }
    out.push('\n');
}

/// An agenda item of a day run from the agenda: when it was planned and
/// when it really ran.
fn write_item(
    out: &mut String,
    doc: &WorkshopDocument,
    a: &AgendaItem,
    l: &labels::Labels,
    lang: Language,
) {
    let _ = writeln!(
        out,
        "## {} · {}\n",
        time_of_day(a.start_time, lang),
        md(&a.title)
    );
    let _ = writeln!(out, "{}\n", planned_and_actual(a, l, lang));
    if let Some(line) = attendance::of_item(doc, a, lang) {
        let _ = writeln!(out, "{}\n", md(&line));
    }
}

fn write_questions(
    out: &mut String,
    doc: &WorkshopDocument,
    a: &AgendaItem,
    lang: Language,
    h: &str,
) {
    let part = audience::questions(doc, a, lang);
    let _ = writeln!(out, "{h} {}\n", part.heading);
    for q in &part.lines {
        let _ = writeln!(out, "- {} — _{}_", md(&q.text), md(&q.detail));
        for m in &q.merged {
            let _ = writeln!(out, "  - {}: {}", part.merged_label, md(m));
        }
    }
    if let Some(n) = &part.not_shown {
        let _ = writeln!(out, "\n_{n}_");
    }
    out.push('\n');
}

fn write_poll(out: &mut String, doc: &WorkshopDocument, a: &AgendaItem, lang: Language, h: &str) {
    let Some(part) = audience::poll(doc, a, lang) else {
        return;
    };
    let _ = writeln!(out, "{h} {}\n", md(&part.heading));
    for (label, n) in &part.rows {
        let _ = writeln!(out, "- {}: {n}", md(label));
    }
    let _ = writeln!(out, "\n_{}_\n", md(&part.summary));
}

fn write_cloud(out: &mut String, doc: &WorkshopDocument, a: &AgendaItem, lang: Language, h: &str) {
    let Some(part) = audience::cloud(doc, a, lang) else {
        return;
    };
    let _ = writeln!(out, "{h} {}\n", md(&part.heading));
    for (word, n) in &part.words {
        let _ = writeln!(out, "- {}: {n}", md(word));
    }
    let _ = writeln!(out, "\n_{}_\n", md(&part.summary));
}

fn write_matrix(out: &mut String, doc: &WorkshopDocument, a: &AgendaItem, lang: Language, h: &str) {
    let Some(part) = audience::matrix(doc, a, lang) else {
        return;
    };
    let _ = writeln!(out, "{h} {}\n", md(&part.heading));
    if !part.rows.is_empty() {
        let _ = writeln!(out, "| {} |", part.columns.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(part.columns.len()));
        for row in &part.rows {
            let cells: Vec<String> = row
                .cells(lang)
                .iter()
                .map(|c| md(c).replace('|', "\\|"))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "_{}_\n", md(&part.summary));
}

fn write_ranking(
    out: &mut String,
    doc: &WorkshopDocument,
    a: &AgendaItem,
    lang: Language,
    h: &str,
) {
    let part = audience::ranking(doc, a, lang);
    let _ = writeln!(out, "{h} {}\n", part.heading);
    if part.rows.is_empty() {
        let _ = writeln!(out, "_{}_\n", part.empty);
        return;
    }
    for (rank, label, detail) in &part.rows {
        let _ = writeln!(out, "{rank}. {} · {}", md(label), md(detail));
    }
    out.push('\n');
}

fn write_board(out: &mut String, b: &BoardDocument, l: &labels::Labels, h: &str) {
    let _ = writeln!(out, "{h} {}: {}\n", l.board, md(&b.board.title));
    for f in &b.fields {
        let _ = writeln!(out, "{h}# {}\n", md(&f.field.question));
        let shown = |c: &&Card| !c.hidden;
        for k in &f.clusters {
            let total = l.dots_phrase(k.total_dots);
            let _ = writeln!(out, "**{}** ({total})\n", md(&k.heading));
            for c in f
                .cards
                .iter()
                .filter(|c| c.cluster_id.as_ref() == Some(&k.id))
                .filter(shown)
            {
                write_card(out, c, l);
            }
            out.push('\n');
        }
        let loose: Vec<&Card> = f
            .cards
            .iter()
            .filter(|c| c.cluster_id.is_none())
            .filter(shown)
            .collect();
        for c in &loose {
            write_card(out, c, l);
        }
        let hidden = f.cards.iter().filter(|c| c.hidden).count();
        if hidden > 0 {
            let _ = writeln!(out, "\n_{}_", l.hidden_phrase(hidden));
        }
        if f.cards.is_empty() {
            let _ = writeln!(out, "_{}_", l.no_cards);
        }
        out.push('\n');
    }
    let ranking = crate::model::board_ranking(&b.fields);
    if !ranking.is_empty() {
        let _ = writeln!(out, "{h}# {}\n", l.ranking);
        for e in ranking {
            let _ = writeln!(
                out,
                "{}. {} — {}",
                e.rank,
                cell(&e.label),
                l.dots_phrase(e.dots)
            );
        }
        out.push('\n');
    }
}

fn write_map(out: &mut String, m: &ActorMapDocument, l: &labels::Labels, lang: Language, h: &str) {
    let _ = writeln!(
        out,
        "{h} {}\n",
        labels::section_title(l.actor_map, &md(&m.map.title))
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
        l.actor, l.sector, l.role, l.influence, l.interest, l.involvement
    );
    for a in &m.actors {
        let sector = m
            .sectors
            .iter()
            .find(|s| s.id == a.sector_id)
            .map(|s| s.name.as_str())
            .unwrap_or("");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&a.name),
            cell(sector),
            cell(&a.role),
            a.influence,
            a.interest,
            labels::involvement(a.involvement, lang)
        );
    }
    let relations = m.relation_rows();
    if !relations.is_empty() {
        let _ = writeln!(
            out,
            "\n{h}# {}\n\n| {} | {} | {} |\n|---|---|---|",
            l.relations, l.relation_from, l.relation_to, l.relation
        );
        for [from, to, label] in &relations {
            let _ = writeln!(out, "| {} | {} | {} |", cell(from), cell(to), cell(label));
        }
    }
    out.push('\n');
}

fn write_list(
    out: &mut String,
    list: &ChallengeListDocument,
    l: &labels::Labels,
    lang: Language,
    h: &str,
) {
    let _ = writeln!(
        out,
        "{h} {}\n",
        labels::section_title(l.challenges, &md(&list.list.title))
    );
    let _ = writeln!(
        out,
        "| # | {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|---|",
        l.challenge, l.dots, l.dimensions, l.responsible, l.next_step, l.due, l.status
    );
    for (rank, c) in list.in_priority_order() {
        let dims: Vec<&str> = c
            .dimensions
            .iter()
            .map(|d| labels::dimension(*d, lang))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            rank,
            cell(&c.title),
            c.dots,
            dims.join(", "),
            cell(&c.responsible),
            cell(&c.next_step),
            c.due_date
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default(),
            labels::status(c.status, lang)
        );
    }
    out.push('\n');
}

fn write_card(out: &mut String, c: &Card, l: &labels::Labels) {
    let mut line = format!("- {}", item(&c.text));
    if !c.author.is_empty() {
        let _ = write!(line, " _({})_", md(&c.author));
    }
    if c.dots > 0 {
        let _ = write!(line, " — {}", l.dots_phrase(c.dots));
    }
    out.push_str(&line);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn user_text_cannot_become_markup() {
        assert_eq!(
            md("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(md("[Link](javascript:x)"), "\\[Link\\](javascript:x)");
        assert_eq!(md("- keine Liste"), "\\- keine Liste");
        assert_eq!(md("Daten & Netz"), "Daten & Netz");
        assert_eq!(md("&lt;b&gt;"), "\\&lt;b\\&gt;");
        assert_eq!(md("1. kein Punkt"), "1\\. kein Punkt");
        assert_eq!(md("12.05.2027 – erledigt"), "12.05.2027 – erledigt");
        assert_eq!(md("3."), "3\\.");
        assert_eq!(
            md("Grüße aus Breidenbach – ąęłżğış 🚲"),
            "Grüße aus Breidenbach – ąęłżğış 🚲"
        );
    }
}
