//! The store's modules depend downward only: the shared lookups, the
//! order of things and the feed of changes at the bottom, then the history, then the aggregates,
//! then the views and moves across workspaces on top. A module that calls
//! into one that calls back makes a circle, and a reader can no longer
//! tell which module owns a rule: this test names the circle.
//! It reads `src/store/*.rs` and the folder modules as written
//! (`super::name`, `crate::store::name` and `use super::{…}`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn store_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/store")
}

/// A source without its unit tests.
fn without_tests(text: String) -> String {
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Each store module's source without its unit tests; a module that is a
/// folder (`team_sync/`) is all of its files.
fn modules() -> BTreeMap<String, String> {
    std::fs::read_dir(store_dir())
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_stem()?.to_str()?.to_owned();
            if path.is_dir() {
                if name == "migrations" {
                    return None;
                }
                let mut text = String::new();
                for file in std::fs::read_dir(&path).ok()?.flatten() {
                    if file.path().extension().is_some_and(|x| x == "rs") {
                        text += &without_tests(std::fs::read_to_string(file.path()).ok()?);
                    }
                }
                return Some((name, text));
            }
            if path.extension()? != "rs" || name == "mod" {
                return None;
            }
            Some((name, without_tests(std::fs::read_to_string(&path).ok()?)))
        })
        .collect()
}

/// The names after `super::` (or `crate::store::`, as a folder module's
/// files name the store's), and every top-level name in `use super::{…}`.
fn uses(text: &str) -> BTreeSet<String> {
    let text = &text.replace("crate::store::", "super::");
    let mut names = BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for part in text.split("super::").skip(1) {
        if let Some(group) = part.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.insert(word(item.trim()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            names.insert(word(item.trim()));
        } else {
            names.insert(word(part));
        }
    }
    names
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, text)| {
            let deps = uses(text)
                .into_iter()
                .filter(|d| known.contains(d) && d != name)
                .collect();
            (name.clone(), deps)
        })
        .collect()
}

/// A path from `from` back to itself, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_owned(), vec![from.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in &graph[&at] {
            if next == from {
                let mut found = path.clone();
                found.push(next.clone());
                return Some(found);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn the_store_modules_form_no_circle() {
    let graph = graph();
    assert!(
        graph["cards"].contains("owners")
            && graph["boards"].contains("cards")
            && graph["team_sync"].contains("transfer"),
        "the scan sees the modules' uses: {graph:#?}"
    );
    let circles: Vec<String> = graph
        .keys()
        .filter_map(|m| circle(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(
        circles.is_empty(),
        "circles among the store's modules: {circles:#?}"
    );
}

#[test]
fn the_bottom_layer_depends_on_nothing_above_it() {
    let graph = graph();
    for base in ["sql", "feed", "owners", "order", "board_rows"] {
        let above: Vec<&String> = graph[base]
            .iter()
            .filter(|d| !["sql"].contains(&d.as_str()))
            .collect();
        assert!(above.is_empty(), "{base} uses {above:?}");
    }
    assert!(
        graph["history"]
            .iter()
            .all(|d| ["sql", "feed", "owners"].contains(&d.as_str())),
        "the history sits on the shared lookups and the feed only: {:?}",
        graph["history"]
    );
}

#[test]
fn the_store_does_not_import_the_protocol() {
    for (name, text) in modules() {
        assert!(
            !text.contains("crate::protocol"),
            "store/{name}.rs imports the protocol"
        );
    }
}
