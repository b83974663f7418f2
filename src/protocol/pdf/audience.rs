//! An item's questions and poll on the protocol's pages: the questions as a
//! list with their backing, the poll as a bar chart with its numbers.

use super::{rgb, Layout, Pen, LEFT, PT_TO_MM, TEXT_W};
use crate::model::{AgendaItem, Language};
use crate::protocol::{audience, WorkshopDocument};

pub(super) fn questions(
    lay: &mut Layout,
    doc: &WorkshopDocument,
    item: &AgendaItem,
    lang: Language,
) {
    let part = audience::questions(doc, item, lang);
    lay.heading(part.heading, 14.0);
    let grey = Pen::regular(9.0).colored(rgb(0.35, 0.35, 0.35));
    for q in &part.lines {
        lay.ensure(14.0);
        lay.paragraph(&q.text, &Pen::regular(10.5), 0.0);
        lay.paragraph(&q.detail, &grey, 5.0);
        for m in &q.merged {
            lay.paragraph(&format!("{}: „{m}“", part.merged_label), &grey, 5.0);
        }
        lay.gap(2.0);
    }
    if let Some(n) = &part.not_shown {
        lay.paragraph(n, &grey, 0.0);
    }
    lay.gap(3.0);
}

const POLL_HEADING: f32 = 14.0;
const POLL_ROW: f32 = 7.0;

/// The height a poll takes on the page: its item keeps only this much room
/// for it (less than a section's), so a short poll follows the page before.
pub(super) fn poll_height(
    lay: &Layout,
    doc: &WorkshopDocument,
    item: &AgendaItem,
    lang: Language,
) -> f32 {
    let Some(part) = audience::poll(doc, item, lang) else {
        return 0.0;
    };
    let heading = lay.ts.wrap(&part.heading, true, POLL_HEADING, TEXT_W).len() as f32;
    heading * POLL_HEADING * PT_TO_MM * 1.4 + 6.0 + part.rows.len() as f32 * POLL_ROW + 12.0
}

/// The answers' words in a column, a bar each, its count after the bar.
pub(super) fn poll(lay: &mut Layout, doc: &WorkshopDocument, item: &AgendaItem, lang: Language) {
    let Some(part) = audience::poll(doc, item, lang) else {
        return;
    };
    lay.heading(&part.heading, POLL_HEADING);
    let size = 10.0;
    let row_h = POLL_ROW;
    let label_w = 55.0;
    let bar_x = LEFT + label_w + 3.0;
    let bar_room = TEXT_W - label_w - 3.0 - 14.0;
    let most = part.rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let pen = Pen::regular(size);
    for (label, n) in &part.rows {
        lay.ensure(row_h);
        lay.y -= row_h;
        let baseline = lay.y + 1.8;
        let label = lay
            .ts
            .fit_lines(label, false, size, label_w, 1)
            .pop()
            .unwrap_or_default();
        lay.text_at(LEFT, baseline, &label, &pen);
        let w = bar_room * (*n as f32) / (most as f32);
        if *n > 0 {
            lay.rect(bar_x, lay.y + 0.8, w, row_h - 2.0, rgb(0.12, 0.31, 0.47));
        }
        lay.text_at(bar_x + w + 2.0, baseline, &n.to_string(), &pen);
    }
    lay.gap(size * PT_TO_MM * 0.5);
    lay.paragraph(
        &part.summary,
        &Pen::regular(9.5).colored(rgb(0.3, 0.3, 0.3)),
        0.0,
    );
    lay.gap(3.0);
}

const RANKING_ROW: f32 = 11.0;

/// The height a ranking takes, as for a poll: a short ranking keeps its item
/// on the page before instead of opening a page of its own.
pub(super) fn ranking_height(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> f32 {
    let rows = audience::ranking(doc, item, lang).rows.len().max(1);
    14.0 * PT_TO_MM * 1.4 + 6.0 + rows as f32 * RANKING_ROW + 3.0
}

/// The plenary's ranking: rank, what, its group and its dots, one line each.
pub(super) fn ranking(lay: &mut Layout, doc: &WorkshopDocument, item: &AgendaItem, lang: Language) {
    let part = audience::ranking(doc, item, lang);
    lay.heading(part.heading, 14.0);
    let grey = Pen::regular(9.0).colored(rgb(0.35, 0.35, 0.35));
    if part.rows.is_empty() {
        lay.paragraph(part.empty, &grey, 0.0);
    }
    for (rank, label, detail) in &part.rows {
        lay.ensure(RANKING_ROW + 1.0);
        lay.paragraph(&format!("{rank}. {label}"), &Pen::regular(10.5), 0.0);
        lay.paragraph(detail, &grey, 5.0);
        lay.gap(1.5);
    }
    lay.gap(3.0);
}

const CLOUD_HEADING: f32 = 14.0;
/// The words the picture holds; the list under it has them all.
const CLOUD_WORDS: usize = 40;
const CLOUD_MIN_PT: f32 = 10.0;
const CLOUD_MAX_PT: f32 = 26.0;
const CLOUD_COLOURS: [(f32, f32, f32); 4] = [
    (0.12, 0.31, 0.51),
    (0.54, 0.23, 0.07),
    (0.18, 0.42, 0.19),
    (0.36, 0.16, 0.53),
];

/// The cloud's lines: each word with its size, the largest line in the middle.
fn cloud_lines(lay: &Layout, words: &[(String, u32)]) -> Vec<Vec<(String, f32, f32)>> {
    let top = words.first().map(|w| w.1).unwrap_or(1).max(1);
    let mut lines: Vec<Vec<(String, f32, f32)>> = Vec::new();
    let mut width = 0.0;
    for (word, n) in words.iter().take(CLOUD_WORDS) {
        let share = if top > 1 {
            ((*n - 1) as f32 / (top - 1) as f32).sqrt()
        } else {
            0.5
        };
        let size = CLOUD_MIN_PT + (CLOUD_MAX_PT - CLOUD_MIN_PT) * share;
        // A word wider than the page is set smaller, never cut.
        let w = lay.ts.width(word, true, size);
        let size = if w > TEXT_W { size * TEXT_W / w } else { size };
        let w = lay.ts.width(word, true, size).min(TEXT_W);
        let gap = 4.0;
        match lines.last_mut() {
            Some(line) if width + gap + w <= TEXT_W => {
                width += gap + w;
                line.push((word.clone(), size, w));
            }
            _ => {
                width = w;
                lines.push(vec![(word.clone(), size, w)]);
            }
        }
    }
    // The line of the largest words in the middle, the others around it.
    let mut ordered = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        if i % 2 == 0 {
            ordered.push(line);
        } else {
            ordered.insert(0, line);
        }
    }
    ordered
}

fn line_height(line: &[(String, f32, f32)]) -> f32 {
    line.iter().map(|w| w.1).fold(0.0, f32::max) * PT_TO_MM * 1.3
}

/// The height a word cloud takes, so its item stays on the page with it.
pub(super) fn cloud_height(
    lay: &Layout,
    doc: &WorkshopDocument,
    item: &AgendaItem,
    lang: Language,
) -> f32 {
    let Some(part) = audience::cloud(doc, item, lang) else {
        return 0.0;
    };
    let picture: f32 = cloud_lines(lay, &part.words)
        .iter()
        .map(|l| line_height(l))
        .sum();
    CLOUD_HEADING * PT_TO_MM * 1.4 + 6.0 + picture + 20.0
}

/// The cloud as the room saw it, then every word with its count as text.
pub(super) fn cloud(lay: &mut Layout, doc: &WorkshopDocument, item: &AgendaItem, lang: Language) {
    let Some(part) = audience::cloud(doc, item, lang) else {
        return;
    };
    lay.heading(&part.heading, CLOUD_HEADING);
    let mut colour = 0;
    for line in cloud_lines(lay, &part.words) {
        let h = line_height(&line);
        lay.ensure(h);
        lay.y -= h;
        let width: f32 = line.iter().map(|w| w.2).sum::<f32>() + 4.0 * (line.len() - 1) as f32;
        let mut x = LEFT + (TEXT_W - width) / 2.0;
        for (word, size, w) in &line {
            let (r, g, b) = CLOUD_COLOURS[colour % CLOUD_COLOURS.len()];
            colour += 1;
            lay.text_at(
                x,
                lay.y + h * 0.25,
                word,
                &Pen::bold(*size).colored(rgb(r, g, b)),
            );
            x += w + 4.0;
        }
    }
    lay.gap(4.0);
    if !part.words.is_empty() {
        let listed: Vec<String> = part
            .words
            .iter()
            // The count first: an Arabic word keeps its count beside it.
            .map(|(w, n)| format!("{n}× {w}"))
            .collect();
        lay.paragraph(&listed.join(" · "), &Pen::regular(10.0), 0.0);
    }
    lay.paragraph(
        &part.summary,
        &Pen::regular(9.5).colored(rgb(0.3, 0.3, 0.3)),
        0.0,
    );
    lay.gap(3.0);
}

const MATRIX_H: f32 = 85.0;

/// The height a matrix takes, so its item stays on the page with it.
pub(super) fn matrix_height(doc: &WorkshopDocument, item: &AgendaItem, lang: Language) -> f32 {
    match audience::matrix(doc, item, lang) {
        Some(part) if !part.rows.is_empty() => 14.0 * PT_TO_MM * 1.4 + MATRIX_H + 20.0,
        Some(_) => 14.0 * PT_TO_MM * 1.4 + 12.0,
        None => 0.0,
    }
}

/// The 2×2 as the room saw it, each challenge numbered at its means with a
/// cross over the middle half of its ratings; then the numbers as a table.
pub(super) fn matrix(lay: &mut Layout, doc: &WorkshopDocument, item: &AgendaItem, lang: Language) {
    use super::Col;
    let Some(part) = audience::matrix(doc, item, lang) else {
        return;
    };
    lay.heading(&part.heading, 14.0);
    let grey = Pen::regular(9.0).colored(rgb(0.35, 0.35, 0.35));
    if !part.rows.is_empty() {
        lay.ensure(MATRIX_H + 4.0);
        lay.y -= MATRIX_H;
        let (left, bottom, w, h) = (LEFT + 12.0, lay.y + 10.0, TEXT_W - 14.0, MATRIX_H - 12.0);
        let x = |effort: f64| left + (effort as f32 - 1.0) / 4.0 * w;
        let y = |impact: f64| bottom + (impact as f32 - 1.0) / 4.0 * h;
        let frame = || rgb(0.12, 0.31, 0.47);
        for (x1, y1, x2, y2) in [
            (x(1.0), y(1.0), x(5.0), y(1.0)),
            (x(5.0), y(1.0), x(5.0), y(5.0)),
            (x(5.0), y(5.0), x(1.0), y(5.0)),
            (x(1.0), y(5.0), x(1.0), y(1.0)),
        ] {
            lay.line(x1, y1, x2, y2, 1.2, frame());
        }
        lay.line(x(3.0), y(1.0), x(3.0), y(5.0), 0.6, frame());
        lay.line(x(1.0), y(3.0), x(5.0), y(3.0), 0.6, frame());
        let label = Pen::bold(9.0).colored(rgb(0.33, 0.4, 0.48));
        let names = |q| audience::quadrant_name(q, lang);
        use crate::model::Quadrant::*;
        lay.text_at(x(1.0) + 2.0, y(5.0) - 5.0, names(QuickWins), &label);
        let right = |lay: &Layout, text: &str| x(5.0) - 2.0 - lay.ts.width(text, true, 9.0);
        let at = right(lay, names(MajorProjects));
        lay.text_at(at, y(5.0) - 5.0, names(MajorProjects), &label);
        lay.text_at(x(1.0) + 2.0, y(1.0) + 2.0, names(FillIns), &label);
        let at = right(lay, names(Postpone));
        lay.text_at(at, y(1.0) + 2.0, names(Postpone), &label);
        for n in 1..=5 {
            let n = f64::from(n);
            lay.text_at(x(n) - 1.0, bottom - 5.0, &format!("{n}"), &grey);
            lay.text_at(left - 5.0, y(n) - 1.2, &format!("{n}"), &grey);
        }
        let axes = match lang {
            Language::De => ("Aufwand →", "Wirkung ↑"),
            Language::En => ("Effort →", "Impact ↑"),
        };
        lay.text_at(
            x(5.0) - lay.ts.width(axes.0, true, 9.0),
            bottom - 9.5,
            axes.0,
            &Pen::bold(9.0),
        );
        lay.text_at(LEFT, y(5.0) + 2.0, axes.1, &Pen::bold(9.0));
        let spread = || rgb(0.54, 0.23, 0.07);
        for (i, row) in part.rows.iter().enumerate() {
            let Some(r) = &row.rated else { continue };
            let (cx, cy) = (x(r.effort.mean), y(r.impact.mean));
            lay.line(x(r.effort.q1), cy, x(r.effort.q3), cy, 1.0, spread());
            lay.line(cx, y(r.impact.q1), cx, y(r.impact.q3), 1.0, spread());
            lay.rect(cx - 1.3, cy - 1.3, 2.6, 2.6, frame());
            lay.text_at(cx + 2.2, cy + 1.2, &(i + 1).to_string(), &Pen::bold(9.5));
        }
        lay.gap(2.0);
    }
    if !part.rows.is_empty() {
        let rows: Vec<Vec<String>> = part
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = row.cells(lang);
                cells[0] = format!("{}. {}", i + 1, cells[0]);
                cells
            })
            .collect();
        let cols = [
            Col::Wrap,
            Col::Whole,
            Col::Whole,
            Col::Whole,
            Col::Whole,
            Col::Whole,
        ];
        lay.table(&part.columns, &cols, &rows);
    }
    lay.paragraph(&part.summary, &grey, 0.0);
    lay.gap(3.0);
}
