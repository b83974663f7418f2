//! The protocol's fonts. DejaVu Sans is built into the program and covers
//! Latin, Greek, Cyrillic, Hebrew and Arabic. A character it lacks is set in
//! the first font on this computer that has it (the folders and names of
//! each system: font_places.rs): on Linux Noto for other scripts and
//! Symbola for emoji in black and white (Debian's `fonts-noto-core` and
//! `fonts-symbola`, which setup installs); on Windows its own fonts and
//! collections, Segoe UI Symbol and Emoji for symbols. Only fonts a
//! protocol uses are embedded, and only the glyphs it uses.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use printpdf::{FontId, ParsedFont};
use rustybuzz::ttf_parser;

use super::font_places::{self, System};
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

/// One font file, read once per process and kept: the protocol's layout
/// borrows its tables for as long as the program runs.
pub(super) struct Font {
    bytes: &'static [u8],
    /// The face's index in a collection (`.ttc`); 0 in a single font.
    index: u32,
    pub shaper: rustybuzz::Face<'static>,
}

impl Font {
    fn parse(bytes: &'static [u8], index: u32) -> Option<Font> {
        Some(Font {
            bytes,
            index,
            shaper: rustybuzz::Face::from_slice(bytes, index)?,
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
        ParsedFont::from_bytes(self.bytes, self.index as usize, &mut Vec::new()).ok_or_else(|| {
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
        Font::parse(unpacked(bytes), 0).expect("the built-in DejaVu Sans is a valid font")
    })
}

/// A font found on this computer (a file, or a face in a collection) and
/// the characters it has.
struct Candidate {
    path: PathBuf,
    index: u32,
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
        candidates_in(&font_places::font_dirs(System::current(), |k| {
            std::env::var_os(k)
        }))
    })
}

/// The fonts in `dirs` that can stand in, best first: each face of each
/// file, a collection's faces in their order.
fn candidates_in(dirs: &[PathBuf]) -> Vec<Candidate> {
    let mut files = Vec::new();
    for dir in dirs {
        font_files(dir, &mut files, 0);
    }
    font_places::without_bold_siblings(&mut files);
    files.sort_by_key(|p| font_places::preference(p));
    files
        .into_iter()
        .flat_map(|path| {
            let Ok(bytes) = std::fs::read(&path) else {
                return Vec::new();
            };
            let faces = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
            (0..faces)
                .filter_map(|index| {
                    Some(Candidate {
                        ranges: coverage(&bytes, index)?,
                        path: path.clone(),
                        index,
                    })
                })
                .collect()
        })
        .collect()
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>, depth: u8) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth < 4 {
            font_files(&path, out, depth + 1);
        } else if font_places::is_font_file(&path) {
            out.push(path);
        }
    }
}

/// The code points a font file draws, or `None` for a file without outlines
/// (colour bitmaps cannot be embedded in a PDF).
fn coverage(bytes: &[u8], index: u32) -> Option<Vec<(u32, u32)>> {
    let face = ttf_parser::Face::parse(bytes, index).ok()?;
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

/// A system font (a face of a file), read and parsed on first use, then
/// kept for the process.
fn load(path: &Path, index: u32) -> Option<&'static Font> {
    type Loaded = HashMap<(PathBuf, u32), Option<&'static Font>>;
    static LOADED: OnceLock<Mutex<Loaded>> = OnceLock::new();
    let mut loaded = LOADED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    *loaded.entry((path.to_owned(), index)).or_insert_with(|| {
        let bytes: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
        Some(&*Box::leak(Box::new(Font::parse(bytes, index)?)))
    })
}

/// The bold sibling of a regular file ("NotoSansArabic-Regular.ttf" →
/// "NotoSansArabic-Bold.ttf", "arial.ttf" → "arialbd.ttf"), when there is one.
fn bold_of(path: &Path) -> Option<PathBuf> {
    font_places::bold_names(path)
        .into_iter()
        .find(|p| p.is_file())
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
                .and_then(|p| load(&p, f.index))
                .filter(|font| font.has(c))
                .or_else(|| load(&f.path, f.index))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A font collection (`.ttc`) of `fonts`: the header, then each font
    /// with its tables' offsets counted from the collection's start.
    fn collection(fonts: &[&[u8]]) -> Vec<u8> {
        let header = 12 + 4 * fonts.len();
        let mut out = b"ttcf\0\x01\0\0".to_vec();
        out.extend((fonts.len() as u32).to_be_bytes());
        let mut at = header;
        for f in fonts {
            out.extend((at as u32).to_be_bytes());
            at += f.len();
        }
        for f in fonts {
            let base = out.len() as u32;
            let mut font = f.to_vec();
            let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
            for t in 0..tables {
                let o = 12 + 16 * t + 8;
                let offset = u32::from_be_bytes(font[o..o + 4].try_into().unwrap());
                font[o..o + 4].copy_from_slice(&(offset + base).to_be_bytes());
            }
            out.extend(font);
        }
        out
    }

    #[test]
    fn a_windows_font_folder_is_read_with_its_collections_user_fonts_and_bold_names() {
        let root = tempfile::tempdir().unwrap();
        let windows = root.path().join("Windows");
        let local = root.path().join("Local");
        let system = windows.join("Fonts");
        let user = local.join("Microsoft").join("Windows").join("Fonts");
        std::fs::create_dir_all(&system).unwrap();
        std::fs::create_dir_all(&user).unwrap();
        let (regular, bold) = (unpacked(DEJAVU_REGULAR), unpacked(DEJAVU_BOLD));
        std::fs::write(system.join("arial.ttf"), regular).unwrap();
        std::fs::write(system.join("arialbd.ttf"), bold).unwrap();
        std::fs::write(system.join("cambria.ttc"), collection(&[regular, bold])).unwrap();
        std::fs::write(system.join("desktop.ini"), "[.ShellClassInfo]").unwrap();
        std::fs::write(user.join("Eigene.otf"), regular).unwrap();

        let dirs = font_places::font_dirs(System::Windows, |k| match k {
            "WINDIR" => Some(windows.clone().into()),
            "LOCALAPPDATA" => Some(local.clone().into()),
            _ => None,
        });
        let found: Vec<(String, u32)> = candidates_in(&dirs)
            .iter()
            .map(|c| {
                let name = c.path.file_name().unwrap().to_string_lossy().into_owned();
                (name, c.index)
            })
            .collect();
        for face in [
            ("arial.ttf", 0),
            ("cambria.ttc", 0),
            ("cambria.ttc", 1),
            ("Eigene.otf", 0),
        ] {
            assert!(
                found.contains(&(face.0.to_owned(), face.1)),
                "{face:?} in {found:?}"
            );
        }
        assert!(
            !found.iter().any(|(n, _)| n == "arialbd.ttf"),
            "a bold face is reached through its regular one: {found:?}"
        );
        assert_eq!(
            bold_of(&system.join("arial.ttf")),
            Some(system.join("arialbd.ttf"))
        );

        // The collection's second face loads and goes into a PDF.
        let face = load(&system.join("cambria.ttc"), 1).unwrap();
        assert!(face.has('Ж'));
        assert!(face.for_pdf().is_ok());
    }
}
