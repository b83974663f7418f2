//! The protocol as Markdown and every card as CSV, through the `wz` CLI.

use std::process::Command;

use wandzeitung::model::*;
use wandzeitung::{templates, Store};

const UNICODE: &str = "Grüße aus Breidenbach – ąęłżğış 🚲";

fn prepared() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    let store = Store::open(&db).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let view = store.board_view(&board).unwrap();
    let add = |field: usize, text: &str| {
        store
            .add_card(
                &view.fields[field].field.id,
                &CardInput {
                    text: text.into(),
                    color: CardColor::Blue,
                    author: "Gruppe C".into(),
                },
            )
            .unwrap()
            .value
            .id
    };
    let unicode = add(0, UNICODE);
    add(1, "=SUMME(A1:A9)");
    add(1, "<img src=x onerror=alert(1)>");
    store
        .set_hidden_collection(&view.fields[3].field.id, true)
        .unwrap();
    add(3, "geheim bis zum Aufdecken");
    store.open_vote(&board, 3).unwrap();
    store
        .add_dot(&VoteTarget::Card(unicode.clone()), "P1")
        .unwrap();
    store.add_dot(&VoteTarget::Card(unicode), "P2").unwrap();
    (dir, db, id)
}

fn export(db: &std::path::Path, id: &str, format: &str) -> String {
    let out = db.with_extension(format);
    let status = Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(db)
        .args(["export", id, "--format", format, "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn markdown_protocol_has_everything_and_user_text_stays_text() {
    let (_dir, db, id) = prepared();
    let md = export(&db, &id, "md");
    let today =
        wandzeitung::protocol::dates::long_date(chrono::Local::now().date_naive(), Language::De);
    assert!(md.starts_with(&format!("# {}", templates::DEMO_TITLE)));
    assert!(md.contains(&today), "German date on the title: {today}");
    for q in templates::GROUP_WORK_QUESTIONS {
        assert!(md.contains(q), "question {q}");
    }
    assert!(md.contains(UNICODE), "every character of the card");
    assert!(
        md.contains("\\<img src=x onerror=alert(1)\\>"),
        "markup is escaped"
    );
    assert!(
        !md.contains("geheim bis zum Aufdecken"),
        "hidden cards stay hidden"
    );
    assert!(md.contains("_1 verdeckte Karte_"));
    assert!(
        md.contains(&format!("1. {UNICODE} — 2 Punkte")),
        "the ranking"
    );
    assert!(md.contains("| Gemeinderat | Politik |"), "the actor table");
    assert!(md.contains("Offene Haushaltsdaten"), "the challenges");
}

#[test]
fn csv_has_one_row_per_card_and_defuses_formulas() {
    let (_dir, db, id) = prepared();
    let csv = export(&db, &id, "csv");
    assert!(csv.starts_with('\u{feff}'), "BOM for spreadsheet programs");
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        rows.len(),
        1 + 14 + 4,
        "header, the demo's 14 cards and 4 more"
    );
    assert!(csv.contains(&format!("\"{UNICODE}\"")));
    assert!(csv.contains("\"'=SUMME(A1:A9)\""), "a formula is defused");
    assert!(!csv.contains("geheim"), "hidden text stays hidden");
    assert!(
        rows[0].contains("\"Karte\";\"Farbe\"") && csv.contains("\"gelb\""),
        "a German workshop's CSV speaks German, colours too: {}",
        rows[0]
    );

    let store = Store::open(&db).unwrap();
    let w = store.workshop_detail(&id).unwrap().workshop;
    let english = WorkshopInput {
        language: Language::En,
        ..w.input()
    };
    store.update_workshop(&id, &english).unwrap();
    drop(store);
    let csv = export(&db, &id, "csv");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(
        header.contains("\"Card\",\"Colour\"")
            && csv.contains("\"blue\"")
            && csv.contains("\"yes\""),
        "an English workshop's CSV speaks English: {header}"
    );
}

#[test]
fn the_save_dialog_suggests_date_and_title_without_path_characters() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("n.sqlite3")).unwrap();
    let w = store
        .create_workshop(&WorkshopInput {
            title: "Werkstatt: Rad/Fuß?".into(),
            date: "2026-11-22".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let doc = store.export_workshop(&w.id).unwrap();
    use wandzeitung::protocol::export::{suggested_file_name, ExportFormat};
    assert_eq!(
        suggested_file_name(&doc, ExportFormat::Pdf),
        "2026-11-22 Werkstatt- Rad-Fuß-.pdf"
    );
    assert_eq!(
        suggested_file_name(&doc, ExportFormat::Csv),
        "2026-11-22 Werkstatt- Rad-Fuß-.csv"
    );
}

/// Reads CSV as a spreadsheet does (RFC 4180: quoted cells may hold the
/// separator, doubled quotes and line breaks).
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let (mut row, mut cell, mut quoted) = (vec![], String::new(), false);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, c) if c == separator => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn a_german_csv_is_separated_by_semicolons_and_keeps_umlauts_and_line_breaks() {
    let (_dir, db, id) = prepared();
    let store = Store::open(&db).unwrap();
    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let field = store.board_view(&board).unwrap().fields[2].field.id.clone();
    let text = "Erste Zeile\r\nZweite Zeile; mit Semikolon, Komma und \"Größe\"";
    store
        .add_card(
            &field,
            &CardInput {
                text: text.into(),
                color: CardColor::Yellow,
                author: "Jürgen".into(),
            },
        )
        .unwrap();
    drop(store);
    let rows = parse_csv(&export(&db, &id, "csv"), ';');
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has the header's columns, read with semicolons"
    );
    let card = rows
        .iter()
        .find(|r| r[5] == "Jürgen")
        .expect("the card's row");
    assert_eq!(
        card[3], text,
        "umlauts, separators and the line break survive in one cell"
    );
    assert!(rows.iter().any(|r| r[3] == UNICODE));
}
