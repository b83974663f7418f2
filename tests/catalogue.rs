//! Every error code and every name the core puts into an error (fields,
//! limits, things, file problems) has its words in both of the UI's
//! catalogues: a user never reads a raw key such as `field.card_created_at`.
//! The names are read from the core's source where they are written, so a
//! new one without words fails here, not in front of a facilitator.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn core_sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    sources(&root().join("src"), &mut out);
    out
}

/// The string literal right after `call(` (spaces and line breaks allowed),
/// for every place `call(` is written.
fn first_literals(text: &str, call: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(call) {
        let after = rest[at + call.len()..].trim_start();
        if let Some(lit) = after.strip_prefix('"') {
            if let Some(end) = lit.find('"') {
                found.push(lit[..end].to_owned());
            }
        }
        rest = &rest[at + call.len()..];
    }
    found
}

/// The sent name of the code written `ErrorCode::<ident>` in the source.
fn code_named(ident: &str) -> &'static str {
    wandzeitung::ErrorCode::ALL
        .iter()
        .find(|c| format!("{c:?}") == ident)
        .unwrap_or_else(|| panic!("no error code {ident}"))
        .name()
}

/// The codes written as the `n`-th argument of `call(…)`: `ErrorCode::X`.
fn nth_code(text: &str, call: &str, n: usize) -> Vec<&'static str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(call) {
        let args = &rest[at + call.len()..];
        let end = args.find(')').unwrap_or(args.len());
        if let Some(ident) = args[..end]
            .split(',')
            .nth(n)
            .and_then(|a| a.trim().strip_prefix("ErrorCode::"))
        {
            found.push(code_named(ident.trim()));
        }
        rest = &rest[at + call.len()..];
    }
    found
}

/// The keys of one catalogue file (`'key': …` at the start of a line).
fn catalogue(lang: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join(format!("ui/src/lib/i18n/{lang}.ts"))).unwrap();
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix('\'')?;
            Some(l[..l.find('\'')?].to_owned())
        })
        .collect()
}

fn keys_the_core_can_report() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let sources = core_sources();
    for (path, text) in &sources {
        for call in [
            "required_text(",
            "optional_text(",
            "in_range(",
            "parse_date(",
            "parse_time(",
            "checked_time(",
            "scale(",
        ] {
            for name in first_literals(text, call) {
                keys.insert(format!("field.{name}"));
            }
        }
        for name in first_literals(text, "field: ") {
            keys.insert(format!("field.{name}"));
        }
        for name in first_literals(text, "room_for(") {
            keys.insert(format!("limit.{name}"));
        }
        // The participant server's own refusals: `error.join_<code>`.
        if path.starts_with(root().join("src/join")) {
            for (call, n) in [("Refusal::join(", 1), ("Refusal::full(", 0)] {
                for code in nth_code(text, call, n) {
                    keys.insert(format!("error.join_{code}"));
                }
            }
        }
    }
    let error_rs = std::fs::read_to_string(root().join("src/error.rs")).unwrap();
    // `fn error_code`: every `=> ErrorCode::…` arm, the storage troubles too.
    let code_fn = &error_rs[error_rs.find("pub fn error_code(").unwrap()..];
    let code_fn = &code_fn[..code_fn.find("\n    }\n").unwrap()];
    // SQLite's own codes are matched on there, not sent.
    let code_fn = code_fn.replace("rusqlite::ErrorCode::", "rusqlite::");
    for part in code_fn.split("ErrorCode::").skip(1) {
        let ident: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
        keys.insert(format!("error.{}", code_named(&ident)));
    }
    // Things and file problems named by `name()`: every `=> "name"` arm there.
    for (what, prefix) in [
        ("impl Entity", "entity"),
        ("impl FileProblem", "file_problem"),
        ("impl PhotoProblem", "photo_problem"),
    ] {
        if let Some(at) = error_rs.find(what) {
            let block = &error_rs[at..];
            let block = &block[..block.find("\n}\n").unwrap_or(block.len())];
            for part in block.split("=> \"").skip(1) {
                keys.insert(format!("{prefix}.{}", &part[..part.find('"').unwrap()]));
            }
        }
    }
    keys
}

#[test]
fn every_error_and_name_the_core_reports_has_words_in_both_languages() {
    let keys = keys_the_core_can_report();
    assert!(
        keys.contains("field.card_text")
            && keys.contains("error.too_long")
            && keys.contains("field.board_created_at")
            && keys.contains("error.join_rate_limited")
            && keys.contains("limit.cards_per_board"),
        "the scan finds the names where they are written: {keys:?}"
    );
    for lang in ["de", "en"] {
        let words = catalogue(lang);
        let missing: Vec<&String> = keys.iter().filter(|k| !words.contains(*k)).collect();
        assert!(missing.is_empty(), "{lang}.ts has no words for {missing:?}");
    }
}
