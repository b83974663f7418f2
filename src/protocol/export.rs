//! One way from a stored workshop to a file, shared by the app and `wz`:
//! pick a format, render the document, write the file so that it is either
//! whole or not there.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{csv, markdown, pdf, results_csv, Pictures, WorkshopDocument};
use crate::error::{Error, Result};

/// The formats a workshop leaves the app in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// The printable session protocol.
    Pdf,
    /// The Moderationsleitfaden: the day's script for the facilitators.
    Script,
    /// The whole workshop as a versioned document, for backup and import.
    Json,
    /// The protocol as Markdown, for a website or wiki.
    Md,
    /// Every card as one row, for spreadsheets.
    Csv,
    /// What the phones gave to word clouds and impact × effort ratings,
    /// one row per word or challenge, for spreadsheets.
    Results,
    /// The whole workshop with its photos: the JSON document and the
    /// photos' stored JPEGs in one ZIP, for backup and import.
    Zip,
}

impl ExportFormat {
    pub fn parse(name: &str) -> Option<ExportFormat> {
        match name {
            "pdf" => Some(ExportFormat::Pdf),
            "json" => Some(ExportFormat::Json),
            "md" => Some(ExportFormat::Md),
            "csv" => Some(ExportFormat::Csv),
            "results" => Some(ExportFormat::Results),
            "script" => Some(ExportFormat::Script),
            "zip" => Some(ExportFormat::Zip),
            _ => None,
        }
    }

    /// The format's name, as `parse` reads it.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Results => "results",
            ExportFormat::Script => "script",
            other => other.extension(),
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf | ExportFormat::Script => "pdf",
            ExportFormat::Json => "json",
            ExportFormat::Md => "md",
            ExportFormat::Csv | ExportFormat::Results => "csv",
            ExportFormat::Zip => "zip",
        }
    }
}

/// The bytes of the file. `generated_at` only matters for the PDF, which
/// prints it; everything else depends on the document alone.
pub fn render(
    doc: &WorkshopDocument,
    format: ExportFormat,
    generated_at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    render_with(doc, format, generated_at, &Pictures::none())
}

/// As `render`, with the photos' pixels for the PDF from `pictures`
/// (`Store::pictures`).
pub fn render_with(
    doc: &WorkshopDocument,
    format: ExportFormat,
    generated_at: DateTime<Utc>,
    pictures: &Pictures,
) -> Result<Vec<u8>> {
    Ok(match format {
        ExportFormat::Pdf => pdf::render_with(doc, pictures, generated_at)?,
        ExportFormat::Script => pdf::script::render(doc, generated_at)?,
        ExportFormat::Json => doc.to_json()?.into_bytes(),
        ExportFormat::Md => markdown::render(doc).into_bytes(),
        ExportFormat::Csv => csv::render(doc).into_bytes(),
        ExportFormat::Results => results_csv::render(doc).into_bytes(),
        ExportFormat::Zip => super::workshop_file::zip_bytes(doc, pictures)?,
    })
}

/// Most bytes of the title in a suggested file name. File systems allow 255
/// bytes per name (not characters: 90 CJK characters are 270 bytes), and the
/// name needs room for the date, the extension and the `.part` of a write in
/// progress.
const TITLE_BYTES_MAX: usize = 120;

/// Cuts `text` to at most `max` bytes at a character boundary, at the last
/// word boundary when there is one in the second half.
fn shorten(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => {
            cut[..i].trim_end_matches(|c: char| c.is_whitespace() || c == '-')
        }
        _ => cut,
    }
}

/// A file name for the save dialog: the workshop's date and title, without
/// the characters file systems refuse, short enough for any of them.
pub fn suggested_file_name(doc: &WorkshopDocument, format: ExportFormat) -> String {
    let w = &doc.workshop;
    let title: String = w
        .title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let title = shorten(title.trim().trim_start_matches('.'), TITLE_BYTES_MAX);
    let mut stem = if title.is_empty() {
        format!("{} Protokoll", w.date)
    } else {
        format!("{} {}", w.date, title)
    };
    // Beside the protocol and the cards' CSV of the same day.
    let suffix = match (format, w.language) {
        (ExportFormat::Results, crate::model::Language::De) => " Ergebnisse",
        (ExportFormat::Results, crate::model::Language::En) => " results",
        (ExportFormat::Script, crate::model::Language::De) => " Moderationsleitfaden",
        (ExportFormat::Script, crate::model::Language::En) => " facilitator script",
        _ => "",
    };
    stem.push_str(suffix);
    format!("{stem}.{}", format.extension())
}

/// Writes beside the target and renames, so an interrupted export never
/// leaves a half-written file where a good one was.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| {
        Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the target needs a file name",
        ))
    })?;
    // The part file's name must fit where the target's just fits (255 bytes).
    let name = name.to_string_lossy();
    let tmp = dir.join(format!(".{}.part", shorten(&name, 255 - ".x.part".len())));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        crate::files::rename(&tmp, path)
    })();
    if written.is_err() {
        // Best effort: a leftover part file is harmless, but untidy.
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_their_name() {
        for f in [
            ExportFormat::Pdf,
            ExportFormat::Script,
            ExportFormat::Json,
            ExportFormat::Md,
            ExportFormat::Csv,
            ExportFormat::Results,
            ExportFormat::Zip,
        ] {
            assert_eq!(ExportFormat::parse(f.name()), Some(f));
        }
        assert_eq!(ExportFormat::parse("docx"), None);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_part() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("protokoll.pdf");
        std::fs::write(&target, b"old").unwrap();
        // A directory where the part file would go makes the write fail.
        std::fs::create_dir(dir.path().join(".protokoll.pdf.part")).unwrap();
        assert!(write_whole(&target, b"new").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
    }

    #[test]
    fn suggested_names_fit_every_file_system_and_end_at_a_word() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(dir.path().join("s.sqlite3")).unwrap();
        let w = store
            .create_workshop(&crate::model::WorkshopInput {
                title: "Werkstatt".into(),
                date: "2026-12-01".into(),
                ..Default::default()
            })
            .unwrap();
        let mut doc = store.export_workshop(&w.id).unwrap();
        for title in ["市民参加".repeat(23), "🚲".repeat(80), "Ä".repeat(200)] {
            doc.workshop.title = title;
            let name = suggested_file_name(&doc, ExportFormat::Pdf);
            assert!(
                ".".len() + name.len() + ".part".len() <= 255,
                "{} bytes: {name}",
                name.len()
            );
            assert!(name.ends_with(".pdf"));
        }
        doc.workshop.title = "Bürgerwerkstatt zur Zukunft des Marktplatzes und der Innenstadt \
            von Breidenbach mit Vereinen, Verwaltung und Bürgerschaft im Dezember"
            .into();
        let name = suggested_file_name(&doc, ExportFormat::Md);
        assert_eq!(
            name,
            "2026-12-01 Bürgerwerkstatt zur Zukunft des Marktplatzes und der Innenstadt \
             von Breidenbach mit Vereinen, Verwaltung und.md",
            "cut at a word, not inside one"
        );
    }

    #[test]
    fn a_name_that_just_fits_is_written_through_a_part_file_that_fits_too() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(format!("{}.pdf", "ä".repeat(125)));
        write_whole(&target, b"ok").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"ok");
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("protokoll.md");
        std::fs::write(&target, b"old").unwrap();
        write_whole(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
