//! The PDF protocol, read back with poppler's pdftotext, pdffonts and pdfinfo.

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/host.rs"]
mod host;

use chrono::TimeZone;
use wandzeitung::model::*;
use wandzeitung::protocol::pdf;
use wandzeitung::{templates, Store};

/// Letters, an emoji and a private character no font on any computer has.
const UNICODE: &str = "Grüße aus Breidenbach – ąęłżğış 🚲 \u{10FFFD}";

fn tool(name: &str, pdf: &std::path::Path, args: &[&str]) -> String {
    let out = host::tool(name)
        .args(args)
        .file(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (poppler-utils; make test installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// How many pages `pdfinfo` counts.
fn page_count(pdf: &std::path::Path) -> usize {
    tool("pdfinfo", pdf, &[])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo names the page count")
}

/// How far down page `page` the body's text reaches, as a share of the
/// page's height (the footer, in the bottom 50 pt, not counted).
fn body_filled(pdf: &std::path::Path, page: usize) -> f32 {
    let n = page.to_string();
    let boxes = tool("pdftotext", pdf, &["-bbox", "-f", &n, "-l", &n]);
    let attr = |line: &str, name: &str| -> Option<f32> {
        let at = line.find(&format!("{name}=\""))? + name.len() + 2;
        line[at..].split('"').next()?.parse().ok()
    };
    let height = boxes
        .lines()
        .find_map(|l| l.contains("<page").then(|| attr(l, "height")).flatten())
        .expect("pdftotext -bbox names the page's height");
    let bottom = boxes
        .lines()
        .filter(|l| l.contains("<word"))
        .filter_map(|l| attr(l, "yMax"))
        .filter(|y| *y < height - 50.0)
        .fold(0.0, f32::max);
    bottom / height
}

fn set_date(store: &Store, id: &str, date: &str) {
    let w = store.workshop_detail(id).unwrap().workshop;
    let input = WorkshopInput {
        date: date.into(),
        ..w.input()
    };
    store.update_workshop(id, &input).unwrap();
}

/// The demo plus a field of 300 cards, one card of 2,000 characters and one
/// with every kind of character.
fn big_protocol() -> (tempfile::TempDir, std::path::PathBuf, Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.sqlite3")).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    // The demo is dated today; the expected date must not depend on the clock.
    set_date(&store, &id, "2026-11-22");
    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let field = store.board_view(&board).unwrap().fields[0].field.id.clone();
    let card = |text: String| CardInput {
        text,
        color: CardColor::Green,
        author: String::new(),
    };
    let many: Vec<String> = (0..300)
        .map(|i| format!("Karte-{i:03}-Breidenbach"))
        .collect();
    for text in &many {
        store.add_card(&field, &card(text.clone())).unwrap();
    }
    let long: String = (0..300)
        .map(|i| format!("w{i:04}"))
        .collect::<Vec<_>>()
        .join(" ");
    let long = format!(
        "{long} {}",
        "x".repeat(CARD_TEXT_MAX - long.chars().count() - 1)
    );
    assert_eq!(long.chars().count(), CARD_TEXT_MAX);
    store.add_card(&field, &card(long.clone())).unwrap();
    store.add_card(&field, &card(UNICODE.into())).unwrap();
    let doc = store.export_workshop(&id).unwrap();
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 11, 22, 14, 0, 0)
        .unwrap();
    let bytes = pdf::render(&doc, at).unwrap();
    assert!(
        bytes == pdf::render(&doc, at).unwrap(),
        "same data and time, same bytes"
    );
    let path = dir.path().join("protokoll.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path, many, long)
}

#[test]
fn every_question_card_and_character_is_in_the_pdf_and_nothing_is_cut() {
    let (_dir, path, many, long) = big_protocol();
    let text = tool("pdftotext", &path, &[]);
    // pdftotext breaks lines where the PDF does; compare words, not lines.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Sonntag, 22. November 2026"), "German date");
    for q in templates::GROUP_WORK_QUESTIONS {
        assert!(words.contains(q), "question {q}");
    }
    for card in &many {
        assert!(words.contains(card.as_str()), "card {card}");
    }
    for word in long.split(' ').filter(|w| w.starts_with('w')) {
        assert!(
            words.contains(word),
            "word {word} of the 2,000-character card"
        );
    }
    assert!(
        words.contains("Grüße aus Breidenbach – ąęłżğış 🚲 [U+10FFFD]"),
        "umlauts, Polish and Turkish letters and the emoji as typed; a character no font has as its code point"
    );
    assert!(words.contains("Offene Haushaltsdaten"), "challenges");
    assert!(words.contains("Gemeinderat"), "actors");
}

#[test]
fn fonts_are_embedded_and_pages_are_numbered() {
    let (_dir, path, _, _) = big_protocol();
    let fonts = tool("pdffonts", &path, &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(
        rows.len(),
        3,
        "regular, bold and a system font for the emoji: {fonts}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "embedded: {row}");
    }
    let info = tool("pdfinfo", &path, &[]);
    let pages = page_count(&path);
    assert!(pages >= 10, "300 cards need pages of their own: {pages}");
    let text = tool("pdftotext", &path, &[]);
    assert!(text.contains(&format!("Seite {pages} von {pages}")));
    assert!(
        info.contains("A4") || info.contains("595.2 x 841.8") || info.contains("595.276 x 841.89"),
        "{info}"
    );
}

#[test]
fn an_english_workshop_gets_an_english_protocol_in_a_small_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.sqlite3")).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    let w = store.workshop_detail(&id).unwrap().workshop;
    let input = WorkshopInput {
        date: "2026-11-22".into(),
        language: Language::En,
        ..w.input()
    };
    store.update_workshop(&id, &input).unwrap();
    let doc = store.export_workshop(&id).unwrap();
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 11, 22, 14, 0, 0)
        .unwrap();
    let bytes = pdf::render(&doc, at).unwrap();
    // The fonts are cut down to the glyphs used: a protocol fits in an email.
    assert!(
        bytes.len() < 150_000,
        "the demo protocol has {} bytes",
        bytes.len()
    );
    let path = dir.path().join("protocol.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = tool("pdftotext", &path, &[]);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Sunday, 22 November 2026"), "{words}");
    // The demo's actor relations, under their English heading.
    assert!(words.contains("Relations From To Relation"), "{words}");
    assert!(
        words.contains("Hauptamt Gemeinderat berichtet an"),
        "{words}"
    );
    assert!(words.contains("Page 1 of"), "{words}");
    assert!(!words.contains("Seite 1 von"), "no German page numbers");
}

#[test]
fn one_dot_is_one_punkt_and_an_unfilled_count_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.sqlite3")).unwrap();
    let (w, b) = fixtures::workshop_with_board(&store, "Zählen");
    let one = store
        .add_card(&b.fields[0].field.id, &fixtures::card("Eins"))
        .unwrap()
        .value;
    let two = store
        .add_card(&b.fields[0].field.id, &fixtures::card("Zwei"))
        .unwrap()
        .value;
    store.open_vote(&b.board.id, 3).unwrap();
    store.add_dot(&VoteTarget::Card(one.id), "P1").unwrap();
    store
        .add_dot(&VoteTarget::Card(two.id.clone()), "P1")
        .unwrap();
    store.add_dot(&VoteTarget::Card(two.id), "P2").unwrap();
    store.close_vote(&b.board.id).unwrap();
    let doc = store.export_workshop(&w.id).unwrap();
    let path = dir.path().join("p.pdf");
    std::fs::write(&path, pdf::render(&doc, chrono::Utc::now()).unwrap()).unwrap();
    let words = tool("pdftotext", &path, &[])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("Rangfolge # Karte oder Cluster Punkte 1. Zwei 2 2. Eins 1"),
        "the ranking's column says what it holds: {words}"
    );
    assert!(
        words.contains("● 1 Punkt") && !words.contains("1 Punkte"),
        "{words}"
    );
    assert!(words.contains("● 2 Punkte"), "{words}");
    assert!(
        !words.contains("Teilnehmende"),
        "nobody filled the count: {words}"
    );
    let md = wandzeitung::protocol::markdown::render(&doc);
    assert!(
        md.contains("Eins — 1 Punkt\n") && md.contains("Zwei — 2 Punkte\n"),
        "{md}"
    );
    assert!(!md.contains("Teilnehmende"), "{md}");
}

/// Cards as a German town hall meets them, each a sentence whose words a
/// reader of that script would check.
const SCRIPTS: [(&str, &str); 8] = [
    ("Arabisch", "مرحبا بكم في ورشة العمل"),
    ("Hebräisch", "שלום לכולם בסדנה"),
    ("Ukrainisch", "Громадський транспорт у селі"),
    ("Griechisch", "Καλημέρα σε όλους"),
    ("Türkisch", "Çocuklar için güvenli okul yolu"),
    ("Polnisch", "Zażółć gęślą jaźń"),
    ("Hindi", "नमस्ते दोस्तों"),
    ("Emoji", "Mehr Radwege 🚲 und Bäume 🌳"),
];

/// The same protocol rendered and read back: text, fonts, and the PDF file.
fn scripts_protocol() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.sqlite3")).unwrap();
    let long_title = "Bürgerbeteiligungswerkstatt zur Dorfentwicklung und Straßenbeleuchtungserneuerung in Breidenbach-Oberdieten mit allen Ortsteilen";
    let (w, b) = fixtures::workshop_with_board(&store, long_title);
    let field = &b.fields[0].field.id;
    for (_, text) in SCRIPTS {
        store.add_card(field, &fixtures::card(text)).unwrap();
    }
    let list = store
        .create_challenge_list(&w.id, "Herausforderungen")
        .unwrap();
    store
        .add_challenge(
            &list.id,
            &ChallengeInput {
                title: "Straßenbeleuchtungserneuerungsprogramm".into(),
                responsible: "بلدية المدينة".into(),
                next_step: "Angebote einholen".into(),
                due_date: "2027-04-30".into(),
                dimensions: vec![Dimension::OpenStandards, Dimension::InternalParticipation],
                ..ChallengeInput::default()
            },
        )
        .unwrap();
    let doc = store.export_workshop(&w.id).unwrap();
    let bytes = pdf::render(&doc, chrono::Utc::now()).unwrap();
    let path = dir.path().join("scripts.pdf");
    if let Ok(keep) = std::env::var("WZ_KEEP_PDF") {
        std::fs::write(keep, &bytes).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn every_script_prints_as_its_reader_writes_it() {
    let (_dir, path) = scripts_protocol();
    let text = tool("pdftotext", &path, &[]);
    assert!(!text.contains("[U+"), "every character has a font: {text}");
    assert!(
        !text.contains('\u{fffd}'),
        "every glyph maps back to its text: {text}"
    );
    // pdftotext wraps a right-to-left line in embedding marks (U+202B … U+202C).
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.replace(['\u{202a}', '\u{202b}', '\u{202c}'], "")
                .trim()
                .to_owned()
        })
        .collect();
    // pdftotext reads the glyphs in their order on the page: an Arabic line
    // set left to right would come back with its words reversed.
    for (script, sentence) in SCRIPTS {
        assert!(
            lines.iter().any(|l| l == sentence),
            "{script}: the sentence as one line, its words in reading order: {sentence}\n{text}"
        );
    }
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("30.04.2027"), "a date never wraps: {text}");
    assert!(
        words.contains("بلدية المدينة"),
        "right to left in a table cell too: {text}"
    );
    assert!(
        lines.iter().any(|l| l.contains("Verantwortlich")),
        "a short header stays whole: {text}"
    );
    for line in lines
        .iter()
        .filter(|l| l.contains("Dienstag, 1. Dezember 2026") && l.contains("· "))
    {
        assert!(
            line.contains("Bürgerbeteiligungswerkstatt zur") && line.contains('…'),
            "the footer shortens the title and keeps the date: {line}"
        );
    }
    let pages = page_count(&path);
    assert!(
        words.contains(&format!("Seite {pages} von {pages}")),
        "the page number after a long title: {text}"
    );
    // Each script in a font that has it: DejaVu for most, Noto's for
    // Devanagari, a black-and-white symbol font for the emoji.
    let fonts = tool("pdffonts", &path, &[]);
    let names: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for family in [
        "DejaVuSans",
        "DejaVuSans-Bold",
        "NotoSansDevanagari-Regular",
    ] {
        assert!(
            names.iter().any(|n| n.ends_with(&format!("+{family}"))),
            "{family} embedded: {fonts}"
        );
    }
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("+Symbola") || n.contains("+NotoSansSymbols")),
        "the emoji from a black-and-white symbol font: {fonts}"
    );
}

#[test]
fn short_sections_share_a_page_and_a_section_never_starts_at_a_pages_foot() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.sqlite3")).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    let doc = store.export_workshop(&id).unwrap();
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 3, 12, 0, 0).unwrap();
    let path = dir.path().join("demo.pdf");
    std::fs::write(&path, pdf::render(&doc, at).unwrap()).unwrap();
    let pages = page_count(&path);
    // The agenda and the first items fill the first page (it was once the
    // agenda and the welcome, then white); a page ends early only before
    // what cannot be split (the actor map's grid).
    let filled: Vec<f32> = (1..pages).map(|page| body_filled(&path, page)).collect();
    println!("pages filled: {filled:.2?}");
    assert!(filled[0] > 0.8, "page 1 is filled: {:.2}", filled[0]);
    for (page, f) in (1..).zip(&filled) {
        assert!(
            *f > 0.7,
            "page {page} of {pages} is left {:.0} % white before the next",
            (1.0 - f) * 100.0
        );
    }
    let first = tool("pdftotext", &path, &["-f", "1", "-l", "1"]);
    assert!(
        first.contains("Protokoll") && first.contains("Ablauf") && first.contains("Begrüßung"),
        "the title block and the short agenda share the first page: {first}"
    );
    // Each section's heading has the first lines of its content below it.
    for page in 1..=pages {
        let text = tool(
            "pdftotext",
            &path,
            &["-f", &page.to_string(), "-l", &page.to_string()],
        );
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let body = &lines[..lines.len().saturating_sub(2)]; // the footer
        if let Some(last) = body.last() {
            assert!(
                !["Ablauf", "Akteurslandkarte", "Herausforderungen"]
                    .iter()
                    .any(|h| last.trim() == *h),
                "page {page} ends with a heading: {text}"
            );
        }
    }
}

#[test]
fn the_printed_invitation_holds_a_readable_qr_code_the_address_and_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let url = "http://192.168.178.20:8421/j/0123456789abcdef0123456789abcdef";
    let store = Store::open(dir.path().join("s.sqlite3")).unwrap();
    let workshop = store
        .create_workshop(&WorkshopInput {
            title: "Werkstatt Ortsmitte – Bürgerhaus".into(),
            date: "2026-12-01".into(),
            goals: vec![
                "Ideen für die Ortsmitte sammeln".into(),
                "Die drei wichtigsten auswählen".into(),
            ],
            ..WorkshopInput::default()
        })
        .unwrap();
    let bytes = wandzeitung::protocol::pdf::invitation::render(
        &workshop,
        url,
        "http://192.168.178.20:8421",
        "K7M2QX",
    )
    .unwrap();
    let path = dir.path().join("einladung.pdf");
    std::fs::write(&path, &bytes).unwrap();
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("invitation.pdf"),
        &bytes,
    )
    .unwrap();
    assert_eq!(page_count(&path), 1, "one A4 page for a table");
    let text = tool("pdftotext", &path, &[]);
    for needed in [
        "Werkstatt Ortsmitte – Bürgerhaus",
        "http://192.168.178.20:8421",
        "K7M2QX",
        "WLAN des Raums",
        "Ideen für die Ortsmitte sammeln",
        "Die drei wichtigsten auswählen",
    ] {
        assert!(text.contains(needed), "{needed:?} on the page: {text}");
    }
    // Whoever reads no German still learns what the code is for: each line
    // as written (Arabic too, once the reader's direction marks are gone).
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    for j in wandzeitung::model::JOIN_IN.iter().skip(1) {
        assert!(plain.contains(j.text), "{:?} on the page: {text}", j.text);
    }
    // A phone's camera reads the printed code: rendered at 100 dpi, zbarimg
    // finds the join address in it.
    let png = dir.path().join("einladung");
    let status = host::tool("pdftoppm")
        .args(["-png", "-r", "100", "-singlefile"])
        .file(&path)
        .file(&png)
        .status()
        .unwrap();
    assert!(status.success());
    let out = host::tool("zbarimg")
        .args(["-q", "--raw"])
        .file(&png.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools; make test installs it)");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), url);
}
