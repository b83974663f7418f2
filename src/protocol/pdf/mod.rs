//! The session protocol as a printable PDF: A4, margins for hole punching,
//! "Seite X von Y", text in every script set by `text` in the fonts of
//! `fonts`. Text is wrapped by measured glyph widths, so nothing runs off a
//! page; table rows that do not fit move to the next page under a repeated
//! header, and table columns take the width their content needs. Given the
//! same data and generation time the bytes are the same.

use chrono::{DateTime, Local, Utc};
use printpdf::{
    Color, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, Rgb,
};

mod audience;
pub mod follow_up;
mod font_places;
mod fonts;
pub mod invitation;
mod photos;
pub mod script;
mod text;

use fonts::Fonts;
use text::{is_rtl, Typesetter, PT_TO_MM};

use super::attendance;
use super::dates::{long_date, time_of_day};
use super::day::{self, Block};
use super::document::{ActorMapDocument, BoardDocument, ChallengeListDocument, WorkshopDocument};
use super::labels::{self, labels, Labels};
use super::Pictures;
use crate::error::{Error, Result};
use crate::model::*;

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
/// Space between two sections that share a page.
const SECTION_GAP: f32 = 12.0;
/// A section starts on the same page only with this much left: its heading
/// and the first lines of what follows (a board's heading, its first
/// question and two cards). More would leave the foot of a page white
/// before every long section.
const SECTION_ROOM: f32 = 40.0;
/// An actor map's heading and its 120 mm grid with the axis labels.
const ACTOR_GRID_ROOM: f32 = 160.0;
/// An agenda item's heading and times, with the gap before its results.
const ITEM_HEAD: f32 = 22.0;
/// Wide left margin: room for the punch holes of a binder.
const LEFT: f32 = 25.0;
const RIGHT: f32 = 20.0;
const TOP: f32 = 20.0;
const BOTTOM: f32 = 22.0;
const TEXT_W: f32 = PAGE_W - LEFT - RIGHT;
const TABLE_SIZE: f32 = 9.0;
/// Column titles a size smaller than the cells.
const TABLE_HEAD_SIZE: f32 = 8.0;
const TABLE_PAD: f32 = 1.2;
/// A column's longest word counts for its width up to this: one long address
/// must not squeeze the other columns.
const WORD_IN_COLUMN_MAX: f32 = 22.0;

/// How a table column takes its width.
#[derive(Clone, Copy)]
enum Col {
    /// Short values that must stay on one line: numbers, dates, a status.
    Whole,
    /// Text that wraps at words when the page is too narrow for it.
    Wrap,
}

/// How a line is set: its weight, its size in points, its colour.
#[derive(Clone)]
struct Pen {
    bold: bool,
    size: f32,
    color: Color,
}

impl Pen {
    /// Regular and black, the way most text is set.
    fn regular(size: f32) -> Pen {
        Pen {
            bold: false,
            size,
            color: rgb(0.0, 0.0, 0.0),
        }
    }

    fn bold(size: f32) -> Pen {
        Pen {
            bold: true,
            ..Pen::regular(size)
        }
    }

    fn colored(self, color: Color) -> Pen {
        Pen { color, ..self }
    }
}

/// The operations that draw one printable line from `x` to the right, run
/// by run in visual order, each in its font.
fn set_line(
    ts: &Typesetter,
    used: &mut std::collections::BTreeSet<usize>,
    (x, baseline): (f32, f32),
    line: &str,
    pen: &Pen,
    rtl: bool,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut x = x;
    for run in ts.line(line, pen.bold, rtl) {
        used.insert(run.font);
        let advance = run.em * pen.size * PT_TO_MM;
        ops.extend([
            Op::StartTextSection,
            Op::SetFillColor {
                col: pen.color.clone(),
            },
            Op::SetFont {
                font: PdfFontHandle::External(Fonts::id(run.font)),
                size: Pt(pen.size),
            },
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(baseline)),
            },
            Op::ShowText { items: run.items },
            Op::EndTextSection,
        ]);
        x += advance;
    }
    ops
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn card_color(c: CardColor) -> Color {
    match c {
        CardColor::Yellow => rgb(1.0, 0.95, 0.48),
        CardColor::Green => rgb(0.72, 0.93, 0.69),
        CardColor::Blue => rgb(0.71, 0.86, 1.0),
        CardColor::Pink => rgb(1.0, 0.76, 0.87),
        CardColor::Orange => rgb(1.0, 0.8, 0.54),
        CardColor::White => rgb(1.0, 1.0, 1.0),
    }
}

/// A sector's colour, the same as in the window (`model::SECTOR_COLORS`).
fn sector_color(index: usize) -> Color {
    let hex = crate::model::SECTOR_COLORS[index % crate::model::SECTOR_COLORS.len()];
    let channel = |i: usize| {
        u8::from_str_radix(hex.get(i..i + 2).unwrap_or("55"), 16).unwrap_or(0x55) as f32 / 255.0
    };
    rgb(channel(1), channel(3), channel(5))
}

/// Lays content out top to bottom, page after page.
struct Layout<'a> {
    ts: &'a Typesetter<'a>,
    pages: Vec<Vec<Op>>,
    /// Distance of the next line's top from the bottom of the page, in mm.
    y: f32,
    /// Which fonts the pages use: only those are embedded.
    used: std::collections::BTreeSet<usize>,
    /// The photos placed, by the name of their pixels.
    images: std::collections::BTreeMap<String, (printpdf::XObjectId, printpdf::ExternalXObject)>,
}

impl<'a> Layout<'a> {
    fn new(ts: &'a Typesetter<'a>) -> Self {
        Layout {
            ts,
            pages: vec![Vec::new()],
            y: PAGE_H - TOP,
            used: std::collections::BTreeSet::from([Fonts::REGULAR]),
            images: std::collections::BTreeMap::new(),
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - TOP;
    }

    /// Starts a section: below the last one when `room` mm still fit there
    /// after a gap, else on a new page. Short sections (the title block, a
    /// three-item agenda, a small board) then share a page instead of
    /// leaving most of one white; a section never starts at a page's foot.
    fn section(&mut self, room: f32) {
        if self.y >= PAGE_H - TOP - 0.1 {
            return;
        }
        if self.y - SECTION_GAP - room < BOTTOM {
            self.new_page();
        } else {
            self.gap(SECTION_GAP);
        }
    }

    /// Starts a new page unless `height` mm still fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    /// One line from `x`, in the direction of its own first strong character.
    fn text_at(&mut self, x: f32, baseline: f32, text: &str, pen: &Pen) {
        let text = self.ts.printable(text, pen.bold);
        let ops = set_line(
            self.ts,
            &mut self.used,
            (x, baseline),
            &text,
            pen,
            is_rtl(&text),
        );
        self.ops().extend(ops);
    }

    /// One line of a paragraph in a box `width` mm wide: flush left, or
    /// flush right when the paragraph is right-to-left.
    fn text_in(&mut self, (x, width): (f32, f32), baseline: f32, line: &str, pen: &Pen, rtl: bool) {
        let x = if rtl {
            x + width - self.ts.width(line, pen.bold, pen.size)
        } else {
            x
        };
        let ops = set_line(self.ts, &mut self.used, (x, baseline), line, pen, rtl);
        self.ops().extend(ops);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Color) {
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetFillColor { col: fill },
            Op::SetOutlineColor {
                col: rgb(0.4, 0.4, 0.4),
            },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(printpdf::PaintMode::FillStroke),
                    ..Rect::from_xywh(Mm(x).into(), Mm(y).into(), Mm(w).into(), Mm(h).into())
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point::new(Mm(x), Mm(y)),
            bezier: false,
        };
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: color },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// Wrapped text from the cursor down; each line may start a new page.
    fn paragraph(&mut self, text: &str, pen: &Pen, indent: f32) {
        let line_h = pen.size * PT_TO_MM * 1.35;
        let rtl = is_rtl(text);
        for line in self.ts.wrap(text, pen.bold, pen.size, TEXT_W - indent) {
            self.ensure(line_h);
            self.y -= line_h;
            self.text_in(
                (LEFT + indent, TEXT_W - indent),
                self.y + line_h * 0.25,
                &line,
                pen,
                rtl,
            );
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    fn heading(&mut self, text: &str, size: f32) {
        // A heading is never left alone at the bottom of a page.
        self.ensure(size * PT_TO_MM * 1.4 + 12.0);
        self.gap(size * 0.2);
        self.paragraph(text, &Pen::bold(size).colored(rgb(0.12, 0.31, 0.47)), 0.0);
        self.gap(2.0);
    }

    /// A card: its colour as a swatch, its text wrapped beside it, then who
    /// wrote it and its dots.
    fn card(&mut self, card: &Card, indent: f32, l: &Labels) {
        let size = 10.5;
        let line_h = size * PT_TO_MM * 1.35;
        let lines = self.ts.wrap(&card.text, false, size, TEXT_W - indent - 7.0);
        let rtl = is_rtl(&card.text);
        self.ensure(line_h + 1.0);
        self.rect(
            LEFT + indent,
            self.y - 4.2,
            4.0,
            4.0,
            card_color(card.color),
        );
        for line in lines {
            self.ensure(line_h);
            self.y -= line_h;
            self.text_in(
                (LEFT + indent + 7.0, TEXT_W - indent - 7.0),
                self.y + line_h * 0.25,
                &line,
                &Pen::regular(size),
                rtl,
            );
        }
        let mut meta = Vec::new();
        if !card.author.is_empty() {
            meta.push(card.author.clone());
        }
        if card.dots > 0 {
            meta.push(format!("● {}", l.dots_phrase(card.dots)));
        }
        if !meta.is_empty() {
            self.paragraph(
                &meta.join(" · "),
                &Pen::regular(8.5).colored(rgb(0.35, 0.35, 0.35)),
                indent + 7.0,
            );
        }
        self.gap(1.6);
    }

    /// Column widths from their content, the way a browser sizes a table:
    /// each column gets at least its longest header word (a `Whole` column
    /// its longest value too, so a date never wraps), and the rest of the
    /// page's width goes to the columns that want more, in proportion.
    fn column_widths(&self, header: &[&str], cols: &[Col], rows: &[Vec<String>]) -> Vec<f32> {
        let extra = 2.0 * TABLE_PAD + 0.5;
        let longest_word = |text: &str, bold: bool, size: f32| {
            text.split_whitespace()
                .map(|w| self.ts.width(&self.ts.printable(w, bold), bold, size))
                .fold(0.0, f32::max)
        };
        let mut min = Vec::with_capacity(cols.len());
        let mut natural = Vec::with_capacity(cols.len());
        for (i, (title, col)) in header.iter().zip(cols).enumerate() {
            let cells = rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|t| {
                    t.split('\n')
                        .map(|p| {
                            self.ts
                                .width(&self.ts.printable(p, false), false, TABLE_SIZE)
                        })
                        .fold(0.0, f32::max)
                })
                .fold(0.0, f32::max);
            let title_w = self
                .ts
                .width(&self.ts.printable(title, true), true, TABLE_HEAD_SIZE);
            let head_word = longest_word(title, true, TABLE_HEAD_SIZE);
            let least = match col {
                Col::Whole => cells.max(head_word),
                // A very long word (an address) may still break: it must not
                // squeeze every other column.
                Col::Wrap => head_word.max(
                    rows.iter()
                        .filter_map(|r| r.get(i))
                        .map(|t| longest_word(t, false, TABLE_SIZE))
                        .fold(0.0, f32::max)
                        .min(WORD_IN_COLUMN_MAX),
                ),
            };
            min.push(least + extra);
            natural.push(cells.max(title_w).max(least) + extra);
        }
        let min_sum: f32 = min.iter().sum();
        let natural_sum: f32 = natural.iter().sum();
        if min_sum >= TEXT_W {
            // Too many columns: the wrapping ones give way, the whole values stay whole.
            let whole: f32 = cols
                .iter()
                .zip(&min)
                .filter(|(c, _)| matches!(c, Col::Whole))
                .map(|(_, m)| m)
                .sum();
            let (keep, squeeze) = if whole < TEXT_W * 0.6 {
                (whole, (TEXT_W - whole) / (min_sum - whole))
            } else {
                (0.0, TEXT_W / min_sum)
            };
            return cols
                .iter()
                .zip(&min)
                .map(|(c, m)| match c {
                    Col::Whole if keep > 0.0 => *m,
                    _ => m * squeeze,
                })
                .collect();
        }
        if natural_sum <= TEXT_W {
            // Everything fits on one line: the spare width goes to the
            // columns that wrap, so short tables still span the page.
            let wraps: f32 = cols
                .iter()
                .zip(&natural)
                .filter(|(c, _)| matches!(c, Col::Wrap))
                .map(|(_, n)| n)
                .sum();
            return cols
                .iter()
                .zip(&natural)
                .map(|(c, n)| match c {
                    Col::Wrap if wraps > 0.0 => n + (TEXT_W - natural_sum) * n / wraps,
                    _ => *n,
                })
                .collect();
        }
        let want: f32 = natural_sum - min_sum;
        min.iter()
            .zip(&natural)
            .map(|(m, n)| m + (TEXT_W - min_sum) * (n - m) / want)
            .collect()
    }

    /// A table whose header is repeated on every page it continues on.
    fn table(&mut self, header: &[&str], cols: &[Col], rows: &[Vec<String>]) {
        let widths = &self.column_widths(header, cols, rows);
        let size = TABLE_SIZE;
        let line_h = size * PT_TO_MM * 1.3;
        let head_size = TABLE_HEAD_SIZE;
        let head_line_h = head_size * PT_TO_MM * 1.3;
        let pad = TABLE_PAD;
        let titles: Vec<Vec<String>> = header
            .iter()
            .zip(widths)
            .map(|(h, w)| self.ts.wrap(h, true, head_size, w - 2.0 * pad))
            .collect();
        let header_lines = titles.iter().map(Vec::len).max().unwrap_or(1);
        let header_h = header_lines as f32 * head_line_h + 2.0 * pad;
        let draw_header = |me: &mut Self| {
            me.ensure(header_h + line_h + 2.0 * pad);
            me.rect(
                LEFT,
                me.y - header_h,
                widths.iter().sum(),
                header_h,
                rgb(0.87, 0.9, 0.94),
            );
            let mut x = LEFT;
            for (lines, w) in titles.iter().zip(widths) {
                for (i, line) in lines.iter().enumerate() {
                    let baseline = me.y - pad - head_line_h * (i as f32 + 0.8);
                    me.text_in(
                        (x + pad, w - 2.0 * pad),
                        baseline,
                        line,
                        &Pen::bold(head_size),
                        false,
                    );
                }
                x += w;
            }
            me.y -= header_h;
        };
        draw_header(self);
        for row in rows {
            let cells: Vec<(Vec<String>, bool)> = row
                .iter()
                .zip(widths)
                .map(|(text, w)| (self.ts.wrap(text, false, size, w - 2.0 * pad), is_rtl(text)))
                .collect();
            let lines = cells.iter().map(|(c, _)| c.len()).max().unwrap_or(1).max(1);
            let row_h = lines as f32 * line_h + 2.0 * pad;
            if self.y - row_h < BOTTOM {
                self.new_page();
                draw_header(self);
            }
            let mut x = LEFT;
            for ((cell, rtl), w) in cells.iter().zip(widths) {
                for (i, line) in cell.iter().enumerate() {
                    let baseline = self.y - pad - line_h * (i as f32 + 0.8);
                    self.text_in(
                        (x + pad, w - 2.0 * pad),
                        baseline,
                        line,
                        &Pen::regular(size),
                        *rtl,
                    );
                }
                x += w;
            }
            self.y -= row_h;
            self.line(
                LEFT,
                self.y,
                LEFT + widths.iter().sum::<f32>(),
                self.y,
                0.3,
                rgb(0.7, 0.7, 0.7),
            );
        }
        self.gap(4.0);
    }
}

fn title_page(lay: &mut Layout, doc: &WorkshopDocument, l: &Labels, generated_at: DateTime<Utc>) {
    let w = &doc.workshop;
    let lang = w.language;
    // The agenda and the first items follow on this page: a little air
    // above the title, not a cover page.
    lay.gap(10.0);
    lay.paragraph(
        &w.title,
        &Pen::bold(24.0).colored(rgb(0.12, 0.31, 0.47)),
        0.0,
    );
    lay.gap(8.0);
    let protocol = if lang == Language::De {
        "Protokoll"
    } else {
        "Protocol"
    };
    lay.paragraph(
        protocol,
        &Pen::regular(14.0).colored(rgb(0.3, 0.3, 0.3)),
        0.0,
    );
    lay.gap(12.0);
    let mut facts = vec![(l.date, long_date(w.date, lang))];
    if !w.place.is_empty() {
        facts.push((l.place, w.place.clone()));
    }
    if !w.facilitators.is_empty() {
        facts.push((l.facilitators, w.facilitators.join(", ")));
    }
    // A count nobody filled in is left out, not printed as 0.
    if w.participant_count > 0 {
        facts.push((l.participants, w.participant_count.to_string()));
    }
    for (label, value) in facts {
        lay.paragraph(&format!("{label}: {value}"), &Pen::regular(12.0), 0.0);
        lay.gap(1.5);
    }
    if let Some((heading, goals)) = attendance::goals(doc, lang) {
        lay.gap(4.0);
        lay.paragraph(heading, &Pen::bold(12.0), 0.0);
        lay.gap(1.5);
        for goal in goals {
            lay.paragraph(&format!("• {goal}"), &Pen::regular(11.0), 4.0);
            lay.gap(1.0);
        }
    }
    if let Some((heading, lines)) = attendance::by_group(doc, lang) {
        lay.gap(4.0);
        lay.paragraph(heading, &Pen::bold(12.0), 0.0);
        lay.gap(1.5);
        for line in lines {
            lay.paragraph(&line, &Pen::regular(11.0), 4.0);
            lay.gap(1.0);
        }
    }
    lay.gap(10.0);
    let local = generated_at.with_timezone(&Local);
    let generated = if lang == Language::De {
        format!(
            "Erstellt am {}, {} Uhr",
            local.format("%d.%m.%Y"),
            local.format("%H:%M")
        )
    } else {
        format!("Generated on {}", local.format("%d %B %Y, %H:%M"))
    };
    lay.paragraph(
        &generated,
        &Pen::regular(9.0).colored(rgb(0.4, 0.4, 0.4)),
        0.0,
    );
}

fn actor_grid(lay: &mut Layout, map: &ActorMapDocument, lang: Language) {
    let de = lang == Language::De;
    let size = 120.0;
    lay.ensure(size + 24.0);
    let x0 = LEFT + 14.0;
    let y0 = lay.y - size - 8.0;
    let cell = size / 5.0;
    let grey = rgb(0.6, 0.6, 0.6);
    lay.rect(x0, y0, size, size, rgb(0.98, 0.98, 0.97));
    lay.line(
        x0 + size / 2.0,
        y0,
        x0 + size / 2.0,
        y0 + size,
        0.8,
        grey.clone(),
    );
    lay.line(x0, y0 + size / 2.0, x0 + size, y0 + size / 2.0, 0.8, grey);
    let quadrants = if de {
        [
            "Zufriedenstellen",
            "Eng einbinden",
            "Beobachten",
            "Informieren",
        ]
    } else {
        [
            "Keep satisfied",
            "Manage closely",
            "Monitor",
            "Keep informed",
        ]
    };
    // Quadrant names sit outside the grid, above and below their half, so
    // no actor token ever covers them.
    let label_color = rgb(0.45, 0.45, 0.45);
    lay.text_at(
        x0 + 1.0,
        y0 + size + 1.5,
        quadrants[0],
        &Pen::bold(8.0).colored(label_color.clone()),
    );
    lay.text_at(
        x0 + size / 2.0 + 1.0,
        y0 + size + 1.5,
        quadrants[1],
        &Pen::bold(8.0).colored(label_color.clone()),
    );
    lay.text_at(
        x0 + 1.0,
        y0 - 4.5,
        quadrants[2],
        &Pen::bold(8.0).colored(label_color.clone()),
    );
    lay.text_at(
        x0 + size / 2.0 + 1.0,
        y0 - 4.5,
        quadrants[3],
        &Pen::bold(8.0).colored(label_color),
    );
    let (influence, interest) = if de {
        ("Einfluss", "Interesse")
    } else {
        ("Influence", "Interest")
    };
    lay.text_at(
        x0 + size + 3.0,
        y0 - 4.5,
        &format!("{interest} →"),
        &Pen::regular(8.0),
    );
    lay.text_at(
        LEFT,
        y0 + size / 2.0,
        &format!("↑ {influence}"),
        &Pen::regular(7.0),
    );
    // Actors sharing a cell are stacked so no label covers another; a name
    // takes two lines at most (the table below has it whole).
    let name_size = 6.5;
    let name_line = name_size * PT_TO_MM * 1.2;
    let mut used: std::collections::HashMap<(u8, u8), f32> = std::collections::HashMap::new();
    for a in &map.actors {
        let below = used.entry((a.interest, a.influence)).or_default();
        let sector = map
            .sectors
            .iter()
            .position(|s| s.id == a.sector_id)
            .unwrap_or(0);
        let x = x0 + (f32::from(a.interest) - 1.0) * cell + 1.5;
        let top = y0 + (f32::from(a.influence) - 1.0) * cell + cell - 1.5 - *below;
        let lines = lay.ts.fit_lines(&a.name, false, name_size, cell - 5.0, 2);
        lay.rect(x, top - 2.6, 2.6, 2.6, sector_color(sector));
        for (i, line) in lines.iter().enumerate() {
            let baseline = top - name_line * (i as f32 + 1.0) + 0.6;
            lay.text_at(x + 3.4, baseline, line, &Pen::regular(name_size));
        }
        *below += lines.len() as f32 * name_line + 1.2;
    }
    lay.y = y0 - 9.0;
    sector_legend(lay, map);
}

/// The sectors' colours with their names, in one or more rows under the
/// grid: a colour alone would carry the sector only for those who see it.
fn sector_legend(lay: &mut Layout, map: &ActorMapDocument) {
    let size = 7.5;
    let row_h = 4.5;
    let mut x = LEFT;
    lay.y -= row_h;
    for (i, sector) in map.sectors.iter().enumerate() {
        if !map.actors.iter().any(|a| a.sector_id == sector.id) {
            continue;
        }
        let name = lay.ts.printable(&sector.name, false);
        let w = 4.0 + lay.ts.width(&name, false, size) + 5.0;
        if x > LEFT && x + w > LEFT + TEXT_W {
            x = LEFT;
            lay.y -= row_h;
        }
        lay.rect(x, lay.y + 0.2, 2.6, 2.6, sector_color(i));
        lay.text_at(x + 3.6, lay.y + 0.5, &name, &Pen::regular(size));
        x += w;
    }
    lay.y -= 6.0;
}

/// The page's footer: the workshop's title and date on the left, the title
/// shortened with "…" so it never runs into the page number on the right.
fn footer(
    ts: &Typesetter,
    used: &mut std::collections::BTreeSet<usize>,
    title: &str,
    date: &str,
    page: &str,
) -> Vec<Op> {
    let size = 8.0;
    let page_w = ts.width(page, false, size);
    let date = format!(" · {date}");
    let room = TEXT_W - page_w - ts.width(&date, false, size) - 6.0;
    let title = ts
        .fit_lines(title, false, size, room, 1)
        .pop()
        .unwrap_or_default();
    let left = format!("{title}{date}");
    let pen = Pen::regular(size).colored(rgb(0.4, 0.4, 0.4));
    let mut ops = set_line(ts, used, (LEFT, 12.0), &left, &pen, false);
    ops.extend(set_line(
        ts,
        used,
        (PAGE_W - RIGHT - page_w, 12.0),
        page,
        &pen,
        false,
    ));
    ops
}

/// Renders the protocol. `generated_at` is printed on the title page and
/// stored as the file's dates, so the output depends on nothing else.
pub fn render(doc: &WorkshopDocument, generated_at: DateTime<Utc>) -> Result<Vec<u8>> {
    render_with(doc, &Pictures::none(), generated_at)
}

/// Renders the protocol with the photos' pixels from `pictures`.
pub fn render_with(
    doc: &WorkshopDocument,
    pictures: &Pictures,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let w = &doc.workshop;
    let lang = w.language;
    let l = labels(lang);
    let fonts = Fonts::new();
    let ts = Typesetter::new(&fonts, lang);
    let mut lay = Layout::new(&ts);

    title_page(&mut lay, doc, l, generated_at);

    let blocks = day::blocks(doc);
    for (i, block) in blocks.iter().enumerate() {
        // Right under its item a workspace follows without a section's gap
        // (the item kept the room for it), its heading a step smaller.
        let under_item = i > 0 && matches!(blocks[i - 1], Block::Item(_));
        match *block {
            Block::Agenda => agenda(&mut lay, doc, l),
            Block::Item(a) => {
                // An item's heading stays on the page of its results.
                let room = match blocks.get(i + 1) {
                    Some(Block::Map(_)) => ACTOR_GRID_ROOM,
                    Some(Block::Poll(a)) => {
                        audience::poll_height(&lay, doc, a, lang).min(SECTION_ROOM)
                    }
                    Some(Block::Matrix(a)) => {
                        audience::matrix_height(doc, a, lang).min(SECTION_ROOM)
                    }
                    Some(Block::Cloud(a)) => {
                        audience::cloud_height(&lay, doc, a, lang).min(SECTION_ROOM)
                    }
                    Some(Block::Ranking(a)) => {
                        audience::ranking_height(doc, a, lang).min(SECTION_ROOM)
                    }
                    Some(Block::Board(_) | Block::List(_) | Block::Questions(_)) => SECTION_ROOM,
                    Some(Block::Photos { photos, .. }) => photos::first_room(photos),
                    _ => 0.0,
                };
                agenda_item(&mut lay, doc, a, l, room + ITEM_HEAD)
            }
            Block::Questions(a) => audience::questions(&mut lay, doc, a, lang),
            Block::Poll(a) => audience::poll(&mut lay, doc, a, lang),
            Block::Cloud(a) => audience::cloud(&mut lay, doc, a, lang),
            Block::Matrix(a) => audience::matrix(&mut lay, doc, a, lang),
            Block::Ranking(a) => audience::ranking(&mut lay, doc, a, lang),
            Block::Board(b) => board(&mut lay, b, l, under_item),
            Block::Map(m) => actor_map(&mut lay, m, l, lang, under_item),
            Block::List(list) => challenge_list(&mut lay, list, l, lang, under_item),
            Block::Photos {
                ref photos,
                under_item,
                first,
            } => photos::photos(&mut lay, l, pictures, photos, under_item, first),
            Block::SeeAbove { kind, title } => {
                lay.paragraph(
                    &l.see_above(kind, title),
                    &Pen::regular(10.0).colored(rgb(0.4, 0.4, 0.4)),
                    0.0,
                );
                lay.gap(3.0);
            }
        }
    }

    finish(
        lay,
        &fonts,
        &w.title,
        &long_date(w.date, lang),
        lang,
        generated_at,
        &w.id,
    )
}

/// The laid-out pages as a PDF file: each page with its footer (`title`,
/// `date`, page number), the fonts used and the photos placed embedded,
/// dated `generated_at` and identified by `id`, so the same input gives the
/// same bytes.
fn finish(
    mut lay: Layout,
    fonts: &Fonts,
    title: &str,
    date: &str,
    lang: Language,
    generated_at: DateTime<Utc>,
    id: &str,
) -> Result<Vec<u8>> {
    let ts = lay.ts;
    let total = lay.pages.len();
    let mut pages = Vec::with_capacity(total);
    for (i, mut ops) in std::mem::take(&mut lay.pages).into_iter().enumerate() {
        let right = match lang {
            Language::De => format!("Seite {} von {total}", i + 1),
            Language::En => format!("Page {} of {total}", i + 1),
        };
        ops.extend(footer(ts, &mut lay.used, title, date, &right));
        pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
    }

    let mut pdf = PdfDocument::new(title);
    for (id, xobject) in std::mem::take(&mut lay.images).into_values() {
        pdf.resources
            .xobjects
            .map
            .insert(id, printpdf::XObject::External(xobject));
    }
    for &i in &lay.used {
        pdf.resources.fonts.map.insert(
            Fonts::id(i),
            printpdf::PdfFont::new(fonts.get(i).for_pdf()?),
        );
    }
    let stamp = printpdf::OffsetDateTime::from_unix_timestamp(generated_at.timestamp())
        .map_err(|e| Error::Io(std::io::Error::new(std::io::ErrorKind::InvalidInput, e)))?;
    pdf.metadata.info.creation_date = stamp;
    pdf.metadata.info.modification_date = stamp;
    pdf.metadata.info.metadata_date = stamp;
    pdf.metadata.info.creator = "Wandzeitung".into();
    pdf.metadata.info.producer = "Wandzeitung".into();
    pdf.metadata.info.identifier = id.to_owned();
    let mut bytes = pdf
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    stable_trailer_id(&mut bytes, &format!("{id}{}", generated_at.timestamp()));
    Ok(bytes)
}

fn agenda(lay: &mut Layout, doc: &WorkshopDocument, l: &Labels) {
    let lang = doc.workshop.language;
    lay.section(SECTION_ROOM);
    lay.heading(l.agenda, 16.0);
    // The real times only once the day ran from the agenda.
    let ran = doc.agenda.iter().any(|a| a.started_at.is_some());
    let rows: Vec<Vec<String>> = doc
        .agenda
        .iter()
        .map(|a| {
            let mut row = vec![
                a.start_time.format("%H:%M").to_string(),
                format!("{} {}", a.duration_minutes, l.minutes),
                a.title.clone(),
                a.who.clone(),
            ];
            if ran {
                row.push(crate::protocol::dates::actual_run(a, lang, l.minutes));
            }
            row
        })
        .collect();
    if ran {
        lay.table(
            &[l.time, l.duration, l.item, l.who, l.actual],
            &[Col::Whole, Col::Whole, Col::Wrap, Col::Wrap, Col::Whole],
            &rows,
        );
    } else {
        lay.table(
            &[l.time, l.duration, l.item, l.who],
            &[Col::Whole, Col::Whole, Col::Wrap, Col::Wrap],
            &rows,
        );
    }
}

/// A workspace's heading size: a step smaller right under its agenda item.
fn workspace_heading(under_item: bool) -> f32 {
    if under_item {
        14.0
    } else {
        16.0
    }
}

/// An agenda item of a day run from the agenda: planned and real times.
fn agenda_item(lay: &mut Layout, doc: &WorkshopDocument, a: &AgendaItem, l: &Labels, room: f32) {
    let lang = doc.workshop.language;
    lay.section(room);
    lay.heading(
        &format!("{} · {}", time_of_day(a.start_time, lang), a.title),
        16.0,
    );
    let grey = Pen::regular(10.0).colored(rgb(0.3, 0.3, 0.3));
    lay.paragraph(
        &crate::protocol::dates::planned_and_actual(a, l, lang),
        &grey,
        0.0,
    );
    if let Some(line) = attendance::of_item(doc, a, lang) {
        lay.gap(1.0);
        lay.paragraph(&line, &grey, 0.0);
    }
    lay.gap(3.0);
}

fn board(lay: &mut Layout, b: &BoardDocument, l: &Labels, under_item: bool) {
    let size = workspace_heading(under_item);
    if !under_item {
        lay.section(SECTION_ROOM);
    }
    lay.heading(&format!("{}: {}", l.board, b.board.title), size);
    for f in &b.fields {
        lay.heading(&f.field.question, 12.5);
        for k in &f.clusters {
            let members: Vec<&Card> = f
                .cards
                .iter()
                .filter(|c| c.cluster_id.as_ref() == Some(&k.id) && !c.hidden)
                .collect();
            lay.ensure(14.0);
            lay.paragraph(
                &format!(
                    "{} (● {})",
                    k.heading.to_uppercase(),
                    l.dots_phrase(k.total_dots)
                ),
                &Pen::bold(10.0).colored(rgb(0.2, 0.2, 0.2)),
                0.0,
            );
            lay.gap(1.0);
            for c in members {
                lay.card(c, 5.0, l);
            }
        }
        for c in f
            .cards
            .iter()
            .filter(|c| c.cluster_id.is_none() && !c.hidden)
        {
            lay.card(c, 0.0, l);
        }
        let hidden = f.cards.iter().filter(|c| c.hidden).count();
        if hidden > 0 {
            lay.paragraph(
                &l.hidden_phrase(hidden),
                &Pen::regular(9.0).colored(rgb(0.4, 0.4, 0.4)),
                0.0,
            );
        }
        if f.cards.is_empty() {
            lay.paragraph(
                l.no_cards,
                &Pen::regular(9.0).colored(rgb(0.4, 0.4, 0.4)),
                0.0,
            );
        }
        lay.gap(3.0);
    }
    let ranking = crate::model::board_ranking(&b.fields);
    if !ranking.is_empty() {
        lay.heading(l.ranking, 12.5);
        let rows: Vec<Vec<String>> = ranking
            .iter()
            .map(|e| vec![format!("{}.", e.rank), e.label.clone(), e.dots.to_string()])
            .collect();
        lay.table(
            &["#", l.ranked, l.dots],
            &[Col::Whole, Col::Wrap, Col::Whole],
            &rows,
        );
    }
}

fn actor_map(lay: &mut Layout, m: &ActorMapDocument, l: &Labels, lang: Language, under_item: bool) {
    let size = workspace_heading(under_item);
    // The heading and the grid below it go together.
    if !under_item {
        lay.section(ACTOR_GRID_ROOM);
    }
    lay.heading(&labels::section_title(l.actor_map, &m.map.title), size);
    actor_grid(lay, m, lang);
    let rows: Vec<Vec<String>> = m
        .actors
        .iter()
        .map(|a| {
            let sector = m
                .sectors
                .iter()
                .find(|s| s.id == a.sector_id)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            vec![
                a.name.clone(),
                sector,
                a.role.clone(),
                format!("{} / {}", a.influence, a.interest),
                labels::involvement(a.involvement, lang).to_owned(),
            ]
        })
        .collect();
    let both = format!("{} / {}", l.influence, l.interest);
    lay.table(
        &[l.actor, l.sector, l.role, &both, l.involvement],
        &[Col::Wrap, Col::Wrap, Col::Wrap, Col::Whole, Col::Wrap],
        &rows,
    );
    let relations: Vec<Vec<String>> = m.relation_rows().into_iter().map(Vec::from).collect();
    if !relations.is_empty() {
        lay.heading(l.relations, 12.0);
        lay.table(
            &[l.relation_from, l.relation_to, l.relation],
            &[Col::Wrap, Col::Wrap, Col::Wrap],
            &relations,
        );
    }
}

fn challenge_list(
    lay: &mut Layout,
    list: &ChallengeListDocument,
    l: &Labels,
    lang: Language,
    under_item: bool,
) {
    let size = workspace_heading(under_item);
    if !under_item {
        lay.section(SECTION_ROOM);
    }
    lay.heading(&labels::section_title(l.challenges, &list.list.title), size);
    let rows: Vec<Vec<String>> = list
        .in_priority_order()
        .into_iter()
        .map(|(rank, c)| {
            let dims: Vec<&str> = c
                .dimensions
                .iter()
                .map(|d| labels::dimension(*d, lang))
                .collect();
            vec![
                rank.to_string(),
                c.title.clone(),
                c.dots.to_string(),
                dims.join(", "),
                c.responsible.clone(),
                c.next_step.clone(),
                c.due_date
                    .map(|d| d.format("%d.%m.%Y").to_string())
                    .unwrap_or_default(),
                labels::status(c.status, lang).to_owned(),
            ]
        })
        .collect();
    lay.table(
        &[
            "#",
            l.challenge,
            l.dots,
            l.dimensions,
            l.responsible,
            l.next_step,
            l.due,
            l.status,
        ],
        &[
            Col::Whole,
            Col::Wrap,
            Col::Whole,
            Col::Wrap,
            Col::Wrap,
            Col::Wrap,
            Col::Whole,
            Col::Whole,
        ],
        &rows,
    );
}

/// printpdf writes a random file identifier into the trailer. Replacing it
/// with one derived from the workshop and the generation time (same length,
/// so every offset stays valid) makes the output reproducible.
fn stable_trailer_id(bytes: &mut [u8], seed: &str) {
    const MARK: &[u8] = b"/ID[(";
    let Some(start) = bytes.windows(MARK.len()).rposition(|w| w == MARK) else {
        return;
    };
    // FNV-1a, spread over the identifier's letters A–P like printpdf's own.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut next = || {
        for b in seed.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        hash
    };
    let mut i = start + MARK.len();
    while i < bytes.len() && bytes[i] != b']' {
        if bytes[i].is_ascii_uppercase() {
            bytes[i] = b'A' + (next() % 16) as u8;
        }
        i += 1;
    }
}
