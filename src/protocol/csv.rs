//! Every card of a workshop as CSV, for spreadsheets (RFC 4180, UTF-8 with BOM
//! so spreadsheet programs recognise the umlauts), in the workshop's language.
//! A German workshop's file is separated by semicolons: Excel with German
//! settings opens a double-clicked CSV with its list separator, which is the
//! semicolon there (the comma is the decimal sign); an English one by commas.

use super::document::WorkshopDocument;
use super::labels::labels;
use crate::model::Language;

/// One cell: quoted, quotes doubled, and a leading =, +, - or @ defused so a
/// spreadsheet never runs a card as a formula. Spreadsheets also take the
/// fullwidth forms (＝ ＋ － ＠) that CJK keyboards type as a formula's start.
pub(crate) fn cell(value: &str) -> String {
    let defused = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            format!("'{value}")
        }
        _ => value.to_owned(),
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

/// A table being written: the byte order mark first, then rows separated
/// as the language's spreadsheets expect.
pub(crate) struct Table {
    out: String,
    separator: &'static str,
}

impl Table {
    pub(crate) fn new(language: Language) -> Table {
        Table {
            out: String::from("\u{feff}"),
            separator: match language {
                Language::De => ";",
                Language::En => ",",
            },
        }
    }

    pub(crate) fn row(&mut self, cells: &[&str]) {
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        self.out.push_str(&line.join(self.separator));
        self.out.push_str("\r\n");
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

pub fn render(doc: &WorkshopDocument) -> String {
    let mut table = Table::new(doc.workshop.language);
    let l = labels(doc.workshop.language);
    table.row(&l.csv_header);
    for board in &doc.boards {
        for field in &board.fields {
            for card in &field.cards {
                let cluster = card
                    .cluster_id
                    .as_ref()
                    .and_then(|id| field.clusters.iter().find(|k| &k.id == id))
                    .map(|k| k.heading.as_str())
                    .unwrap_or("");
                // A card still face down stays private in every export.
                let text = if card.hidden { "" } else { card.text.as_str() };
                let dots = card.dots.to_string();
                let created = card.created_at.format("%Y-%m-%d %H:%M").to_string();
                table.row(&[
                    &board.board.title,
                    &field.field.question,
                    cluster,
                    text,
                    l.color(card.color),
                    &card.author,
                    &dots,
                    if card.hidden { l.yes } else { "" },
                    &created,
                ]);
            }
        }
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Grüße, \"alle\""), "\"Grüße, \"\"alle\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5 Punkte"), "\"'-5 Punkte\"");
        assert_eq!(cell("Zeile 1\nZeile 2"), "\"Zeile 1\nZeile 2\"");
        for fullwidth in ["＝1+1", "＋1", "－1", "＠SUM(A1)"] {
            assert_eq!(cell(fullwidth), format!("\"'{fullwidth}\""));
        }
    }
}
