//! The protocol's fonts. DejaVu Sans is built into the program and covers
//! Latin, Greek, Cyrillic, Hebrew and Arabic. A character it lacks is set in
//! the first font on this computer that has it: Noto for other scripts,
//! Symbola for emoji in black and white (Debian's `fonts-noto-core` and
//! `fonts-symbola`, which setup installs). Only fonts a protocol uses are
//! embedded, and only the glyphs it uses.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use printpdf::{FontId, ParsedFont};
use rustybuzz::ttf_parser;

use crate::error::{Error, Result};

/// DejaVu Sans, packed at build time (build.rs): 1.4 MB of fonts take 0.6 MB
/// in the binaries and are unpacked the first time a protocol is written.
const DEJAVU_REGULAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.br"));
const DEJAVU_BOLD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.br"));

/// The unpacked font, kept for the rest of the process (once per font).
fn unpacked(packed: &[u8]) -> &'static [u8] {
    let mut bytes = Vec::new();
    brotli_decompressor::BrotliDecompress(&mut &packed[..], &mut bytes)
        .expect("the built-in fonts were packed at build time");
    Box::leak(bytes.into_boxed_slice())
}

/// Where Debian, other distributions and a user keep fonts.
const FONT_DIRS: [&str; 3] = [
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    ".local/share/fonts",
];

/// One font file, read once per process and kept: the protocol's layout
/// borrows its tables for as long as the program runs.
pub(super) struct Font {
    bytes: &'static [u8],
    pub shaper: rustybuzz::Face<'static>,
}

impl Font {
    fn parse(bytes: &'static [u8]) -> Option<Font> {
        Some(Font {
            bytes,
            shaper: rustybuzz::Face::from_slice(bytes, 0)?,
        })
    }

    pub fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }

    pub fn units_per_em(&self) -> f32 {
        f32::from(
            u16::try_from(self.shaper.units_per_em())
                .unwrap_or(1000)
                .max(1),
        )
    }

    /// The font as printpdf embeds it (parsed again: printpdf keeps its own tables).
    pub fn for_pdf(&self) -> Result<ParsedFont> {
        ParsedFont::from_bytes(self.bytes, 0, &mut Vec::new()).ok_or_else(|| {
            Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "a protocol font cannot be read",
            ))
        })
    }
}

fn builtin(bold: bool) -> &'static Font {
    static REGULAR: OnceLock<Font> = OnceLock::new();
    static BOLD: OnceLock<Font> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, DEJAVU_BOLD)
    } else {
        (&REGULAR, DEJAVU_REGULAR)
    };
    cell.get_or_init(|| {
        Font::parse(unpacked(bytes)).expect("the built-in DejaVu Sans is a valid font")
    })
}

/// A font file found on this computer and the characters it has.
struct Candidate {
    path: PathBuf,
    /// Inclusive code point ranges, sorted.
    ranges: Vec<(u32, u32)>,
}

impl Candidate {
    fn has(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.ranges.partition_point(|&(_, end)| end < c);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= c)
    }
}

/// The fonts on this computer that can stand in, best first. Built once, on
/// the first character DejaVu lacks, by reading each file's character map.
fn candidates() -> &'static [Candidate] {
    static ALL: OnceLock<Vec<Candidate>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut files = Vec::new();
        let home = std::env::var_os("HOME").map(PathBuf::from);
        for dir in FONT_DIRS {
            let dir = match (&home, dir.starts_with('/')) {
                (_, true) => PathBuf::from(dir),
                (Some(home), false) => home.join(dir),
                (None, false) => continue,
            };
            font_files(&dir, &mut files, 0);
        }
        files.sort_by_key(|p| preference(p));
        files
            .into_iter()
            .filter_map(|path| {
                let ranges = coverage(&std::fs::read(&path).ok()?)?;
                Some(Candidate { path, ranges })
            })
            .collect()
    })
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>, depth: u8) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth < 4 {
            font_files(&path, out, depth + 1);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("ttf") || e.eq_ignore_ascii_case("otf"))
        {
            out.push(path);
        }
    }
}

/// Upright sans-serif regular faces first, then the rest; Symbola, the
/// black-and-white emoji font, after the script fonts.
fn preference(path: &Path) -> (u8, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let styled = [
        "Bold",
        "Italic",
        "Light",
        "Thin",
        "Black",
        "Medium",
        "Condensed",
        "Semi",
        "Extra",
    ]
    .iter()
    .any(|s| name.contains(s));
    let rank = if styled {
        4
    } else if name.contains("Symbola") {
        2
    } else if name.contains("Serif") || name.contains("Mono") || name.contains("Display") {
        3
    } else if name.contains("UI") {
        1
    } else {
        0
    };
    (rank, name)
}

/// The code points a font file draws, or `None` for a file without outlines
/// (colour bitmaps cannot be embedded in a PDF).
fn coverage(bytes: &[u8]) -> Option<Vec<(u32, u32)>> {
    let face = ttf_parser::Face::parse(bytes, 0).ok()?;
    let tables = face.tables();
    if tables.glyf.is_none() && tables.cff.is_none() {
        return None;
    }
    let mut points = Vec::new();
    for sub in tables.cmap?.subtables {
        if sub.is_unicode() {
            sub.codepoints(|c| points.push(c));
        }
    }
    points.sort_unstable();
    points.dedup();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in points {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => ranges.push((c, c)),
        }
    }
    Some(ranges)
}

/// A system font, read and parsed on first use, then kept for the process.
fn load(path: &Path) -> Option<&'static Font> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Option<&'static Font>>>> = OnceLock::new();
    let mut loaded = LOADED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *loaded.entry(path.to_owned()).or_insert_with(|| {
        let bytes: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
        Some(&*Box::leak(Box::new(Font::parse(bytes)?)))
    })
}

/// The bold sibling of a regular file ("NotoSansArabic-Regular.ttf" →
/// "NotoSansArabic-Bold.ttf"), when there is one.
fn bold_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let bold = name
        .contains("-Regular.")
        .then(|| name.replace("-Regular.", "-Bold."))?;
    let sibling = path.with_file_name(bold);
    sibling.is_file().then_some(sibling)
}

/// The fonts one protocol uses, numbered in the order they were first needed.
pub(super) struct Fonts {
    list: std::cell::RefCell<Vec<&'static Font>>,
    /// (character, bold) → index in `list`, or `None` when no font has it.
    chosen: std::cell::RefCell<HashMap<(char, bool), Option<usize>>>,
}

impl Fonts {
    pub const REGULAR: usize = 0;
    pub const BOLD: usize = 1;

    pub fn new() -> Fonts {
        Fonts {
            list: std::cell::RefCell::new(vec![builtin(false), builtin(true)]),
            chosen: Default::default(),
        }
    }

    pub fn get(&self, index: usize) -> &'static Font {
        self.list.borrow()[index]
    }

    pub fn id(index: usize) -> FontId {
        FontId(format!("F{}", index + 1))
    }

    /// The font a character is set in: DejaVu when it has it, else the first
    /// system font that does (its bold face for bold text, when there is one).
    pub fn pick(&self, c: char, bold: bool) -> Option<usize> {
        let main = if bold { Self::BOLD } else { Self::REGULAR };
        if self.get(main).has(c) {
            return Some(main);
        }
        if let Some(known) = self.chosen.borrow().get(&(c, bold)) {
            return *known;
        }
        let found = candidates().iter().find(|f| f.has(c)).and_then(|f| {
            let bold_file = bold.then(|| bold_of(&f.path)).flatten();
            bold_file
                .and_then(|p| load(&p))
                .filter(|font| font.has(c))
                .or_else(|| load(&f.path))
        });
        let index = found.map(|font| {
            let mut list = self.list.borrow_mut();
            match list.iter().position(|f| std::ptr::eq(*f, font)) {
                Some(i) => i,
                None => {
                    list.push(font);
                    list.len() - 1
                }
            }
        });
        self.chosen.borrow_mut().insert((c, bold), index);
        index
    }
}
