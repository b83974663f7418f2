//! Setting a line of the protocol as its reader writes it: characters in the
//! font that has them, right-to-left scripts in visual order (Unicode
//! Bidirectional Algorithm), Arabic letters joined and marks placed
//! (rustybuzz, HarfBuzz's shaping in Rust), and lines broken at spaces or at
//! a syllable with a hyphen (German or English patterns).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use printpdf::{Codepoint, TextItem};
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

use super::fonts::Fonts;
use crate::model::Language;

pub(super) const PT_TO_MM: f32 = 0.352_778;

/// Words of letters shorter than this are never hyphenated…
const HYPHENATE_FROM_CHARS: usize = 8;
/// …and only a long compound is hyphenated to fill a line it would
/// otherwise leave short; a shorter word moves to the next line whole.
const FILL_FROM_CHARS: usize = 12;

/// Part of a line in one font, ready for a text section.
pub(super) struct Run {
    pub font: usize,
    pub items: Vec<TextItem>,
    /// Advance in em; times the size in points gives points.
    pub em: f32,
}

pub(super) struct Typesetter<'a> {
    fonts: &'a Fonts,
    lang: hypher::Lang,
    /// (bold, word) → advance in em: a protocol repeats its words a lot.
    widths: RefCell<HashMap<(bool, String), f32>>,
}

fn is_mark(c: char) -> bool {
    matches!(unicode_bidi::bidi_class(c), BidiClass::NSM)
        || c == '\u{200d}'
        || ('\u{fe00}'..='\u{fe0f}').contains(&c)
        || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// Text whose first strong character is right-to-left (Arabic, Hebrew) is
/// set flush right.
pub(super) fn is_rtl(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

impl<'a> Typesetter<'a> {
    pub fn new(fonts: &'a Fonts, language: Language) -> Self {
        Typesetter {
            fonts,
            lang: match language {
                Language::De => hypher::Lang::German,
                Language::En => hypher::Lang::English,
            },
            widths: RefCell::default(),
        }
    }

    /// The text as it can be printed: a tab is a space, other control
    /// characters go, and a character no font on this computer has is
    /// written as its code point, e.g. `[U+1F6B2]`, never as an empty box.
    pub fn printable(&self, text: &str, bold: bool) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\t' {
                out.push(' ');
            } else if c == '\n' {
                out.push(c);
            } else if c.is_control() {
            } else if self.fonts.pick(c, bold).is_some() {
                out.push(c);
            } else if is_mark(c) {
                // A joiner or variation selector only modifies the character before it.
            } else {
                out.push_str(&format!("[U+{:04X}]", c as u32));
            }
        }
        out
    }

    /// Splits printable text into pieces of one font each, in logical order.
    /// A mark stays in its base character's font.
    fn by_font(&self, text: &str, bold: bool) -> Vec<(usize, Range<usize>)> {
        let main = if bold { Fonts::BOLD } else { Fonts::REGULAR };
        let mut pieces: Vec<(usize, Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let font = match pieces.last() {
                Some((font, _)) if is_mark(c) => *font,
                _ => self.fonts.pick(c, bold).unwrap_or(main),
            };
            match pieces.last_mut() {
                Some((f, range)) if *f == font => range.end = end,
                _ => pieces.push((font, i..end)),
            }
        }
        pieces
    }

    /// Glyphs of one piece in one font, in the direction given or, without
    /// one, in its script's own direction.
    fn shape(&self, text: &str, font: usize, rtl: Option<bool>) -> Run {
        let face = self.fonts.get(font);
        let upem = face.units_per_em();
        // Latin, Greek and Cyrillic in the built-in font need no shaping: the
        // characters are their glyphs, which keeps the common case fast.
        if font <= Fonts::BOLD && text.chars().all(|c| c < '\u{0590}' && !is_mark(c)) {
            let advance: f32 = text
                .chars()
                .map(|c| {
                    face.shaper
                        .glyph_index(c)
                        .and_then(|g| face.shaper.glyph_hor_advance(g))
                        .map_or(0.0, f32::from)
                })
                .sum();
            return Run {
                font,
                items: vec![TextItem::Text(text.to_owned())],
                em: advance / upem,
            };
        }
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        match rtl {
            Some(true) => buffer.set_direction(rustybuzz::Direction::RightToLeft),
            Some(false) => buffer.set_direction(rustybuzz::Direction::LeftToRight),
            None => {}
        }
        buffer.set_cluster_level(rustybuzz::BufferClusterLevel::Characters);
        let shaped = rustybuzz::shape(&face.shaper, &[], buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let text_of = |cluster: usize| {
            let next = starts
                .iter()
                .find(|&&s| s > cluster)
                .copied()
                .unwrap_or(text.len());
            text.get(cluster..next).unwrap_or_default().to_owned()
        };
        let to_em = 1000.0 / upem;
        let mut glyphs: Vec<Codepoint> = Vec::with_capacity(infos.len());
        let mut seen = std::collections::HashSet::new();
        let mut total = 0i64;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            total += i64::from(pos.x_advance);
            let gid = u16::try_from(info.glyph_id).unwrap_or(0);
            let own = rustybuzz::ttf_parser::GlyphId(gid);
            let natural = face.shaper.glyph_hor_advance(own).map_or(0, i32::from);
            // PDF moves the pen by the glyph's own width; the shaped advance
            // and the next glyph's offset correct it (in thousandths of an em,
            // positive to the left).
            let next_offset = positions.get(i + 1).map_or(0, |p| p.x_offset);
            let moved = pos.x_advance + next_offset - pos.x_offset;
            let adjust = (natural - moved) as f32 * to_em;
            let cluster = info.cluster as usize;
            let cid = seen.insert(cluster).then(|| text_of(cluster));
            glyphs.push(Codepoint {
                gid,
                offset: if adjust.abs() < 0.01 { 0.0 } else { adjust },
                cid,
            });
        }
        let mut items = Vec::with_capacity(2);
        if let Some(first) = positions.first().filter(|p| p.x_offset != 0) {
            items.push(TextItem::Offset(-(first.x_offset as f32) * to_em));
        }
        items.push(TextItem::GlyphIds(glyphs));
        Run {
            font,
            items,
            em: total as f32 / upem,
        }
    }

    /// Advance of a piece of text in em, whatever its direction.
    fn em(&self, text: &str, bold: bool) -> f32 {
        if let Some(w) = self.widths.borrow().get(&(bold, text.to_owned())) {
            return *w;
        }
        let em = self
            .by_font(text, bold)
            .into_iter()
            .map(|(font, range)| self.shape(&text[range], font, None).em)
            .sum();
        self.widths.borrow_mut().insert((bold, text.to_owned()), em);
        em
    }

    /// Width of printable text in mm.
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let words: f32 = text.split(' ').map(|w| self.em(w, bold)).sum();
        let spaces = text.matches(' ').count() as f32 * self.em(" ", bold);
        (words + spaces) * size * PT_TO_MM
    }

    /// One line of printable text in visual order, as runs of one font each.
    /// `rtl` is the direction of its paragraph.
    pub fn line(&self, text: &str, bold: bool, rtl: bool) -> Vec<Run> {
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        let bidi = ParagraphBidiInfo::new(text, Some(base));
        let mut runs = Vec::new();
        if !bidi.has_rtl() && !rtl {
            for (font, range) in self.by_font(text, bold) {
                runs.push(self.shape(&text[range], font, Some(false)));
            }
            return runs;
        }
        let (levels, visual) = bidi.visual_runs(0..text.len());
        for range in visual {
            let backwards = levels[range.start].is_rtl();
            let piece = &text[range.clone()];
            let mut fonts = self.by_font(piece, bold);
            if backwards {
                fonts.reverse();
            }
            for (font, sub) in fonts {
                runs.push(self.shape(&piece[sub], font, Some(backwards)));
            }
        }
        runs
    }

    /// Breaks text into printable lines no wider than `width` mm: at spaces,
    /// a long word at a syllable with a hyphen (or after its own hyphen),
    /// and only a single syllable too wide for the whole line between two
    /// letters — with a hyphen there too.
    pub fn wrap(&self, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let space = self.width(" ", bold, size);
        for paragraph in self.printable(text, bold).split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split(' ') {
                let sep = if line.is_empty() { 0.0 } else { space };
                let word_w = self.width(word, bold, size);
                if line_w + sep + word_w <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += sep + word_w;
                    continue;
                }
                let mut rest = word.to_owned();
                loop {
                    let sep = if line.is_empty() { 0.0 } else { space };
                    let fill = line.is_empty() || rest.chars().count() >= FILL_FROM_CHARS;
                    let split = fill
                        .then(|| self.syllables_to_fit(&rest, bold, size, width - line_w - sep))
                        .flatten();
                    if let Some((head, tail)) = split {
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        line.push_str(&head);
                        lines.push(std::mem::take(&mut line));
                        rest = tail;
                    } else if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    } else if self.width(&rest, bold, size) > width {
                        let (head, tail) = self.letters_to_fit(&rest, bold, size, width);
                        lines.push(head);
                        rest = tail;
                    }
                    line_w = 0.0;
                    let rest_w = self.width(&rest, bold, size);
                    if rest_w <= width {
                        line = rest;
                        line_w = rest_w;
                        break;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    /// The longest head of `word` that ends at a break point and fits in
    /// `room` mm with its hyphen, and the rest of the word.
    fn syllables_to_fit(
        &self,
        word: &str,
        bold: bool,
        size: f32,
        room: f32,
    ) -> Option<(String, String)> {
        let pieces = self.break_points(word);
        let mut best = None;
        let mut head = String::new();
        for (i, piece) in pieces
            .iter()
            .enumerate()
            .take(pieces.len().saturating_sub(1))
        {
            head.push_str(piece);
            let shown = if head.ends_with(['-', '/', '–']) {
                head.clone()
            } else {
                format!("{head}-")
            };
            if self.width(&shown, bold, size) > room {
                break;
            }
            best = Some((shown, pieces[i + 1..].concat()));
        }
        best
    }

    /// The word cut where it may be broken: after its own hyphens and
    /// slashes and, in a long enough word of letters, between syllables.
    fn break_points(&self, word: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        for part in word.split_inclusive(['-', '/', '–']) {
            let core_start = part.find(char::is_alphabetic).unwrap_or(part.len());
            let core_end = part.rfind(char::is_alphabetic).map_or(core_start, |i| {
                i + part[i..].chars().next().map_or(0, char::len_utf8)
            });
            let core = &part[core_start..core_end.max(core_start)];
            let latin = core.chars().all(|c| c.is_alphabetic() && c < '\u{0250}');
            if !latin || core.chars().count() < HYPHENATE_FROM_CHARS {
                pieces.push(part.to_owned());
                continue;
            }
            // Never leave fewer than three letters for the next line ("Volkshochschu-le").
            let syllables: Vec<&str> = hypher::hyphenate_bounded(core, self.lang, 2, 3).collect();
            let last = syllables.len() - 1;
            for (i, s) in syllables.into_iter().enumerate() {
                let mut piece = String::new();
                if i == 0 {
                    piece.push_str(&part[..core_start]);
                }
                piece.push_str(s);
                if i == last {
                    piece.push_str(&part[core_end.max(core_start)..]);
                }
                pieces.push(piece);
            }
        }
        pieces
    }

    /// A last resort for a piece wider than a whole line (a long number,
    /// an address): as many characters as fit, with a hyphen between letters.
    fn letters_to_fit(&self, word: &str, bold: bool, size: f32, width: f32) -> (String, String) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut cut = 1;
        for n in 1..chars.len() {
            let (at, c) = chars[n];
            let hyphen = c.is_alphabetic() && chars[n - 1].1.is_alphabetic();
            let head = format!("{}{}", &word[..at], if hyphen { "-" } else { "" });
            if self.width(&head, bold, size) > width {
                break;
            }
            cut = n;
        }
        let at = chars.get(cut).map_or(word.len(), |(i, _)| *i);
        let hyphen = chars.get(cut).is_some_and(|(_, c)| c.is_alphabetic())
            && chars[cut - 1].1.is_alphabetic();
        let head = format!("{}{}", &word[..at], if hyphen { "-" } else { "" });
        (head, word[at..].to_owned())
    }
}

impl Typesetter<'_> {
    /// At most `max` lines of `text` in `width` mm; what does not fit is cut
    /// at the last line's end with "…".
    pub fn fit_lines(
        &self,
        text: &str,
        bold: bool,
        size: f32,
        width: f32,
        max: usize,
    ) -> Vec<String> {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut lines = self.wrap(&flat, bold, size, width);
        if lines.len() <= max {
            return lines;
        }
        lines.truncate(max.max(1));
        let last = lines.last_mut().expect("at least one line");
        let mut chars: Vec<char> = last.trim_end_matches('-').chars().collect();
        loop {
            let shown = format!("{}…", chars.iter().collect::<String>().trim_end());
            if chars.is_empty() || self.width(&shown, bold, size) <= width {
                *last = shown;
                break;
            }
            chars.pop();
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(run: &Run) -> Vec<u16> {
        run.items
            .iter()
            .flat_map(|i| match i {
                TextItem::GlyphIds(g) => g.iter().map(|c| c.gid).collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn arabic_letters_take_their_joined_forms_and_run_right_to_left() {
        let fonts = Fonts::new();
        let ts = Typesetter::new(&fonts, Language::De);
        let word = "مرحبا";
        let runs = ts.line(word, false, true);
        assert_eq!(runs.len(), 1);
        let shaped = glyphs(&runs[0]);
        let face = &fonts.get(Fonts::REGULAR).shaper;
        let nominal: Vec<u16> = word
            .chars()
            .map(|c| face.glyph_index(c).unwrap().0)
            .collect();
        assert_eq!(shaped.len(), nominal.len());
        let mut reversed = nominal.clone();
        reversed.reverse();
        assert_ne!(shaped, reversed, "joined forms, not the isolated letters");
        // The last letter (alef) is drawn first: leftmost.
        let TextItem::GlyphIds(g) = &runs[0].items[0] else {
            panic!("glyphs")
        };
        assert_eq!(g[0].cid.as_deref(), Some("ا"));
        assert_eq!(g[4].cid.as_deref(), Some("م"));
    }

    #[test]
    fn a_long_word_breaks_between_syllables_with_a_hyphen() {
        let fonts = Fonts::new();
        let ts = Typesetter::new(&fonts, Language::De);
        let word = "Straßenbeleuchtungserneuerung";
        let lines = ts.wrap(word, false, 10.0, 22.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with('-'), "{lines:?}");
            assert!(ts.width(line, false, 10.0) <= 22.0);
        }
        let joined: String = lines.iter().map(|l| l.trim_end_matches('-')).collect();
        assert_eq!(joined, word);
        let syllables: Vec<&str> = hypher::hyphenate(word, hypher::Lang::German).collect();
        let mut at = 0;
        let bounds: Vec<usize> = syllables
            .iter()
            .map(|s| {
                at += s.len();
                at
            })
            .collect();
        let mut cut = 0;
        for line in &lines[..lines.len() - 1] {
            cut += line.trim_end_matches('-').len();
            assert!(bounds.contains(&cut), "cut at a syllable: {lines:?}");
        }
    }

    #[test]
    fn short_words_move_whole_and_a_line_stays_within_its_width() {
        let fonts = Fonts::new();
        let ts = Typesetter::new(&fonts, Language::De);
        let lines = ts.wrap("Angebote einholen und Termine abstimmen", false, 9.0, 20.0);
        for line in &lines {
            assert!(!line.ends_with('-'), "{lines:?}");
            assert!(ts.width(line, false, 9.0) <= 20.0, "{lines:?}");
        }
        assert_eq!(lines.join(" "), "Angebote einholen und Termine abstimmen");
    }
}
