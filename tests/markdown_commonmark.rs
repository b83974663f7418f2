//! The Markdown protocol read back by a real CommonMark parser (Debian's
//! `cmark`): whatever participants write on a card, a line a CommonMark
//! reader would take as structure (a heading, its underline, a rule, a list,
//! a quote, code, HTML, a table, a link definition) stays text on its card.
//! The check: the protocol with the hostile cards has the same HTML
//! structure as one whose cards hold plain letters in the same lines, and
//! each card's words come back as typed.

#[path = "support/host.rs"]
mod host;

use wandzeitung::model::*;
use wandzeitung::protocol::markdown;
use wandzeitung::{templates, Store};

/// Lines that make structure at the start of a line, alone or under the
/// line before; with CR, CRLF and LF line ends.
const HOSTILE: &[&str] = &[
    "Zeile\n===",
    "Zeile\n---",
    "Zeile\r===",
    "Zeile\r\n= = =",
    "# Überschrift",
    "###### klein",
    "---",
    "***",
    "___",
    "- - -",
    "* Punkt",
    "+ Punkt",
    "- Punkt",
    "1. erster",
    "1) erster",
    "2024. Jahr",
    "> Zitat",
    "    eingerückter Code",
    "\tTab-Code",
    "```\ncode\n```",
    "~~~\ncode",
    "<div>html</div>",
    "<!-- Kommentar -->",
    "[a]: http://example.invalid",
    "| a | b |\n|---|---|\n| c | d |",
    "Text\n  ===",
    "erste\n\n===",
];

/// The same lines with each visible character a letter: no structure.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\r' | '\n' => c,
            ' ' | '\t' => c,
            _ => 'x',
        })
        .collect()
}

fn protocol(texts: &[String]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("md.sqlite3")).unwrap();
    let id = templates::create_demo_workshop(&store).unwrap();
    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let field = store.board_view(&board).unwrap().fields[0].field.id.clone();
    for text in texts {
        store
            .add_card(
                &field,
                &CardInput {
                    text: text.clone(),
                    color: CardColor::Yellow,
                    // Anonymous phones' cards have no author after the text.
                    author: String::new(),
                },
            )
            .unwrap();
    }
    markdown::render(&store.export_workshop(&id).unwrap())
}

fn commonmark(markdown: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("protokoll.md");
    std::fs::write(&file, markdown).unwrap();
    let out = host::tool("cmark")
        .file(&file)
        .output()
        .expect("cmark (Debian's CommonMark reference parser; make test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The HTML's tags in order, without their attributes.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| {
            t.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect()
        })
        .collect()
}

#[test]
fn no_card_line_becomes_a_heading_a_rule_a_list_a_quote_code_or_html() {
    let hostile: Vec<String> = HOSTILE.iter().map(|t| t.to_string()).collect();
    let harmless: Vec<String> = HOSTILE.iter().map(|t| plain(t)).collect();
    let html = commonmark(&protocol(&hostile));
    let expected = commonmark(&protocol(&harmless));
    let (got, want) = (tags(&html), tags(&expected));
    let first_difference = got.iter().zip(&want).position(|(a, b)| a != b);
    assert!(
        got == want,
        "the cards change the document's structure (first at tag {first_difference:?}):\n{html}"
    );
    for word in [
        "Überschrift",
        "Zitat",
        "eingerückter Code",
        "Tab-Code",
        "&lt;div&gt;html&lt;/div&gt;",
        "&lt;!-- Kommentar --&gt;",
        "1) erster",
        "2024. Jahr",
        "[a]: http://example.invalid",
        "| a | b |",
    ] {
        assert!(html.contains(word), "{word:?} is shown as written:\n{html}");
    }
}
