//! The session protocol as a printable PDF: A4, margins for hole punching,
//! "Seite X von Y", embedded DejaVu Sans (wide Unicode coverage; licence in
//! assets/fonts). Text is wrapped by measured glyph widths, so nothing runs off
//! a page; table rows that do not fit move to the next page under a repeated
//! header. Given the same data and generation time the bytes are the same.

use chrono::{DateTime, Local, Utc};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::dates::long_date;
use super::document::WorkshopDocument;
use super::labels::{self, labels, Labels};
use crate::error::{Error, Result};
use crate::model::*;

const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
/// Wide left margin: room for the punch holes of a binder.
const LEFT: f32 = 25.0;
const RIGHT: f32 = 20.0;
const TOP: f32 = 20.0;
const BOTTOM: f32 = 22.0;
const TEXT_W: f32 = PAGE_W - LEFT - RIGHT;
const PT_TO_MM: f32 = 0.352_778;

struct Face {
    font: ParsedFont,
    id: FontId,
}

impl Face {
    fn load(bytes: &[u8], id: &str) -> Result<Face> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| {
            Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the embedded protocol font cannot be read",
            ))
        })?;
        Ok(Face {
            font,
            id: FontId(id.to_owned()),
        })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.font.font_metrics.units_per_em.max(1));
        let advance: u32 = text
            .chars()
            .map(|c| {
                self.font
                    .lookup_glyph_index(c as u32)
                    .and_then(|g| self.font.get_glyph_width_internal(g))
                    .map(|w| w as u32)
                    .unwrap_or(0)
            })
            .sum();
        advance as f32 / units * size * PT_TO_MM
    }

    /// Characters the font has no glyph for (emoji, mostly) are written as
    /// their code point, e.g. `[U+1F6B2]`: readable and never a blank box.
    fn printable(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\t' {
                out.push(' ');
            } else if c.is_control() || self.font.lookup_glyph_index(c as u32).is_some() {
                out.push(c);
            } else if ('\u{fe00}'..='\u{fe0f}').contains(&c) || c == '\u{200d}' {
                // Variation selectors and joiners only modify the emoji before them.
            } else {
                out.push_str(&format!("[U+{:04X}]", c as u32));
            }
        }
        out
    }

    /// Breaks text into lines no wider than `width` mm: at spaces where it
    /// can, inside a word where a word alone is too long.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in self.printable(text).split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
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

const SECTOR_COLORS: [(f32, f32, f32); 6] = [
    (0.12, 0.31, 0.47),
    (0.55, 0.22, 0.16),
    (0.18, 0.49, 0.2),
    (0.49, 0.3, 0.6),
    (0.7, 0.5, 0.05),
    (0.3, 0.3, 0.3),
];

/// Lays content out top to bottom, page after page.
struct Layout<'a> {
    regular: &'a Face,
    bold: &'a Face,
    pages: Vec<Vec<Op>>,
    /// Distance of the next line's top from the bottom of the page, in mm.
    y: f32,
}

impl<'a> Layout<'a> {
    fn new(regular: &'a Face, bold: &'a Face) -> Self {
        Layout {
            regular,
            bold,
            pages: vec![Vec::new()],
            y: PAGE_H - TOP,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - TOP;
    }

    /// Starts a new page unless `height` mm still fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, baseline: f32, text: &str, bold: bool, size: f32, color: Color) {
        let face = if bold { self.bold } else { self.regular };
        let font = PdfFontHandle::External(face.id.clone());
        let text = face.printable(text);
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor { col: color },
            Op::SetFont {
                font,
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(baseline)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
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
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32, color: Color) {
        let face = if bold { self.bold } else { self.regular };
        let line_h = size * PT_TO_MM * 1.35;
        for line in face.wrap(text, size, TEXT_W - indent) {
            self.ensure(line_h);
            self.y -= line_h;
            self.text_at(
                LEFT + indent,
                self.y + line_h * 0.25,
                &line,
                bold,
                size,
                color.clone(),
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
        self.paragraph(text, size, true, 0.0, rgb(0.12, 0.31, 0.47));
        self.gap(2.0);
    }

    /// A card: its colour as a swatch, its text wrapped beside it, then who
    /// wrote it and its dots.
    fn card(&mut self, card: &Card, indent: f32, l: &Labels) {
        let size = 10.5;
        let line_h = size * PT_TO_MM * 1.35;
        let lines = self.regular.wrap(&card.text, size, TEXT_W - indent - 7.0);
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
            self.text_at(
                LEFT + indent + 7.0,
                self.y + line_h * 0.25,
                &line,
                false,
                size,
                rgb(0.0, 0.0, 0.0),
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
                8.5,
                false,
                indent + 7.0,
                rgb(0.35, 0.35, 0.35),
            );
        }
        self.gap(1.6);
    }

    /// A table whose header is repeated on every page it continues on.
    fn table(&mut self, header: &[&str], widths: &[f32], rows: &[Vec<String>]) {
        let size = 9.0;
        let line_h = size * PT_TO_MM * 1.3;
        // Column titles a size smaller: long German words fit narrow columns.
        let head_size = 8.0;
        let head_line_h = head_size * PT_TO_MM * 1.3;
        let pad = 1.2;
        let titles: Vec<Vec<String>> = header
            .iter()
            .zip(widths)
            .map(|(h, w)| self.bold.wrap(h, head_size, w - 2.0 * pad))
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
                    me.text_at(x + pad, baseline, line, true, head_size, rgb(0.0, 0.0, 0.0));
                }
                x += w;
            }
            me.y -= header_h;
        };
        draw_header(self);
        for row in rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(widths)
                .map(|(text, w)| self.regular.wrap(text, size, w - 2.0 * pad))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let row_h = lines as f32 * line_h + 2.0 * pad;
            if self.y - row_h < BOTTOM {
                self.new_page();
                draw_header(self);
            }
            let mut x = LEFT;
            for (cell, w) in cells.iter().zip(widths) {
                for (i, line) in cell.iter().enumerate() {
                    let baseline = self.y - pad - line_h * (i as f32 + 0.8);
                    self.text_at(x + pad, baseline, line, false, size, rgb(0.0, 0.0, 0.0));
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
    lay.gap(40.0);
    lay.paragraph(&w.title, 24.0, true, 0.0, rgb(0.12, 0.31, 0.47));
    lay.gap(8.0);
    let protocol = if lang == Language::De {
        "Protokoll"
    } else {
        "Protocol"
    };
    lay.paragraph(protocol, 14.0, false, 0.0, rgb(0.3, 0.3, 0.3));
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
        lay.paragraph(
            &format!("{label}: {value}"),
            12.0,
            false,
            0.0,
            rgb(0.0, 0.0, 0.0),
        );
        lay.gap(1.5);
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
    lay.paragraph(&generated, 9.0, false, 0.0, rgb(0.4, 0.4, 0.4));
}

fn actor_grid(lay: &mut Layout, map: &super::document::ActorMapDocument, lang: Language) {
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
        true,
        8.0,
        label_color.clone(),
    );
    lay.text_at(
        x0 + size / 2.0 + 1.0,
        y0 + size + 1.5,
        quadrants[1],
        true,
        8.0,
        label_color.clone(),
    );
    lay.text_at(
        x0 + 1.0,
        y0 - 4.5,
        quadrants[2],
        true,
        8.0,
        label_color.clone(),
    );
    lay.text_at(
        x0 + size / 2.0 + 1.0,
        y0 - 4.5,
        quadrants[3],
        true,
        8.0,
        label_color,
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
        false,
        8.0,
        rgb(0.0, 0.0, 0.0),
    );
    lay.text_at(
        LEFT,
        y0 + size / 2.0,
        &format!("↑ {influence}"),
        false,
        7.0,
        rgb(0.0, 0.0, 0.0),
    );
    // Actors sharing a cell are stacked so no label covers another.
    let mut used: std::collections::HashMap<(u8, u8), u32> = std::collections::HashMap::new();
    for a in &map.actors {
        let n = used.entry((a.interest, a.influence)).or_default();
        let sector = map
            .sectors
            .iter()
            .position(|s| s.id == a.sector_id)
            .unwrap_or(0);
        let (r, g, b) = SECTOR_COLORS[sector % SECTOR_COLORS.len()];
        let x = x0 + (f32::from(a.interest) - 1.0) * cell + 1.5;
        let y = y0 + (f32::from(a.influence) - 1.0) * cell + cell - 5.0 - *n as f32 * 4.0;
        lay.rect(x, y, 2.6, 2.6, rgb(r, g, b));
        // The full name is in the table below; in the grid it fits its cell.
        let mut name = a.name.clone();
        let mut keep = a.name.chars().count();
        while lay.regular.width(&name, 6.5) > cell - 5.5 && keep > 1 {
            keep -= 1;
            name = format!("{}…", a.name.chars().take(keep).collect::<String>());
        }
        lay.text_at(x + 3.4, y + 0.3, &name, false, 6.5, rgb(0.0, 0.0, 0.0));
        *n += 1;
    }
    lay.y = y0 - 12.0;
}

fn footer(ops: &mut Vec<Op>, face: &Face, left: &str, right: &str) {
    let size = 8.0;
    let color = rgb(0.4, 0.4, 0.4);
    for (x, text) in [
        (LEFT, face.printable(left)),
        (PAGE_W - RIGHT - face.width(right, size), right.to_owned()),
    ] {
        ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: color.clone() },
            Op::SetFont {
                font: PdfFontHandle::External(face.id.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(12.0)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }
}

/// Renders the protocol. `generated_at` is printed on the title page and
/// stored as the file's dates, so the output depends on nothing else.
pub fn render(doc: &WorkshopDocument, generated_at: DateTime<Utc>) -> Result<Vec<u8>> {
    let regular = Face::load(FONT_REGULAR, "F1")?;
    let bold = Face::load(FONT_BOLD, "F2")?;
    let w = &doc.workshop;
    let lang = w.language;
    let l = labels(lang);
    let mut lay = Layout::new(&regular, &bold);

    title_page(&mut lay, doc, l, generated_at);

    if !doc.agenda.is_empty() {
        lay.new_page();
        lay.heading(l.agenda, 16.0);
        let rows: Vec<Vec<String>> = doc
            .agenda
            .iter()
            .map(|a| {
                vec![
                    a.start_time.format("%H:%M").to_string(),
                    format!("{} {}", a.duration_minutes, l.minutes),
                    a.title.clone(),
                    a.who.clone(),
                ]
            })
            .collect();
        lay.table(
            &[l.time, l.duration, l.item, l.who],
            &[18.0, 20.0, 80.0, 47.0],
            &rows,
        );
    }

    for b in &doc.boards {
        lay.new_page();
        lay.heading(&format!("{}: {}", l.board, b.board.title), 16.0);
        for f in &b.fields {
            lay.heading(&f.field.question, 12.5);
            for k in &f.clusters {
                let members: Vec<&Card> = f
                    .cards
                    .iter()
                    .filter(|c| c.cluster_id.as_ref() == Some(&k.id) && !c.hidden)
                    .collect();
                let total = k.dots + members.iter().map(|c| c.dots).sum::<u32>();
                lay.ensure(14.0);
                lay.paragraph(
                    &format!("{} (● {})", k.heading.to_uppercase(), l.dots_phrase(total)),
                    10.0,
                    true,
                    0.0,
                    rgb(0.2, 0.2, 0.2),
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
                    &format!("{hidden} {}", l.hidden_cards),
                    9.0,
                    false,
                    0.0,
                    rgb(0.4, 0.4, 0.4),
                );
            }
            if f.cards.is_empty() {
                lay.paragraph(l.no_cards, 9.0, false, 0.0, rgb(0.4, 0.4, 0.4));
            }
            lay.gap(3.0);
        }
        let ranking = crate::store::ranking_of(&b.fields);
        if !ranking.is_empty() {
            lay.heading(l.ranking, 12.5);
            let rows: Vec<Vec<String>> = ranking
                .iter()
                .map(|e| vec![format!("{}.", e.rank), e.label.clone(), e.dots.to_string()])
                .collect();
            lay.table(&["#", l.item, l.dots], &[12.0, 133.0, 20.0], &rows);
        }
    }

    for m in &doc.actor_maps {
        lay.new_page();
        lay.heading(&labels::section_title(l.actor_map, &m.map.title), 16.0);
        actor_grid(&mut lay, m, lang);
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
            &[35.0, 30.0, 50.0, 25.0, 25.0],
            &rows,
        );
        let relations: Vec<Vec<String>> = m.relation_rows().into_iter().map(Vec::from).collect();
        if !relations.is_empty() {
            lay.heading(l.relations, 12.0);
            lay.table(
                &[l.relation_from, l.relation_to, l.relation],
                &[50.0, 50.0, 65.0],
                &relations,
            );
        }
    }

    for list in &doc.challenge_lists {
        lay.new_page();
        lay.heading(&labels::section_title(l.challenges, &list.list.title), 16.0);
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
            &[6.0, 32.0, 15.0, 25.0, 30.0, 24.0, 18.0, 15.0],
            &rows,
        );
    }

    let total = lay.pages.len();
    let left = format!("{} · {}", w.title, long_date(w.date, lang));
    let mut pages = Vec::with_capacity(total);
    for (i, mut ops) in std::mem::take(&mut lay.pages).into_iter().enumerate() {
        let right = match lang {
            Language::De => format!("Seite {} von {total}", i + 1),
            Language::En => format!("Page {} of {total}", i + 1),
        };
        let left: String = left.chars().take(90).collect();
        footer(&mut ops, &regular, &left, &right);
        pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
    }

    let mut pdf = PdfDocument::new(&w.title);
    pdf.resources.fonts.map.insert(
        regular.id.clone(),
        printpdf::PdfFont::new(regular.font.clone()),
    );
    pdf.resources
        .fonts
        .map
        .insert(bold.id.clone(), printpdf::PdfFont::new(bold.font.clone()));
    let stamp = printpdf::OffsetDateTime::from_unix_timestamp(generated_at.timestamp())
        .map_err(|e| Error::Io(std::io::Error::new(std::io::ErrorKind::InvalidInput, e)))?;
    pdf.metadata.info.creation_date = stamp;
    pdf.metadata.info.modification_date = stamp;
    pdf.metadata.info.metadata_date = stamp;
    pdf.metadata.info.creator = "Wandzeitung".into();
    pdf.metadata.info.producer = "Wandzeitung".into();
    pdf.metadata.info.identifier = w.id.clone();
    let mut bytes = pdf
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    stable_trailer_id(&mut bytes, &format!("{}{}", w.id, generated_at.timestamp()));
    Ok(bytes)
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
