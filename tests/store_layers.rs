//! The store's modules depend downward only: the shared lookups, the
//! order of things and the feed of changes at the bottom, then the history, then the aggregates,
//! then the views and moves across workspaces on top. A module that calls
//! into one that calls back makes a circle, and a reader can no longer
//! tell which module owns a rule: this test names the circle.
//! The layers are folders (`file`, `rows`, `workspaces`, `day`,
//! `exchange`); a module uses only its own layer and those before it.
//! It reads the modules as written (`super::name`, `crate::store::name`
//! and `use super::{…}`).

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

/// The store's layers, bottom up: each is a folder, and its modules use
/// only modules of the same layer or one before it.
const LAYERS: [&str; 5] = ["file", "rows", "workspaces", "day", "exchange"];

/// Each store module's source without its unit tests, with its layer; a
/// module that is a folder (`exchange/team_sync/`) is all of its files.
fn modules() -> BTreeMap<String, (usize, String)> {
    let mut found = BTreeMap::new();
    for (layer, folder) in LAYERS.iter().enumerate() {
        for entry in std::fs::read_dir(store_dir().join(folder))
            .unwrap()
            .flatten()
        {
            let path = entry.path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let text = if path.is_dir() {
                let mut text = String::new();
                for file in std::fs::read_dir(&path).unwrap().flatten() {
                    if file.path().extension().is_some_and(|x| x == "rs") {
                        text += &without_tests(std::fs::read_to_string(file.path()).unwrap());
                    }
                }
                text
            } else if path.extension().is_some_and(|x| x == "rs") {
                without_tests(std::fs::read_to_string(&path).unwrap())
            } else {
                continue;
            };
            found.insert(name, (layer, text));
        }
    }
    found
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
        .map(|(name, (_, text))| {
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
fn each_layer_uses_only_itself_and_the_layers_before_it() {
    let modules = modules();
    let mod_rs = std::fs::read_to_string(store_dir().join("mod.rs")).unwrap();
    let declared: BTreeSet<String> = mod_rs
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .filter(|m| *m != "migrations")
        .map(str::to_owned)
        .collect();
    let placed: BTreeSet<String> = modules.keys().cloned().collect();
    assert_eq!(declared, placed, "every module is in a layer's folder");
    let layer_of = |m: &str| modules[m].0;
    let mut upward = Vec::new();
    for (name, deps) in graph() {
        for d in deps {
            if layer_of(&d) > layer_of(&name) {
                upward.push(format!(
                    "{}/{name} uses {}/{d}",
                    LAYERS[layer_of(&name)],
                    LAYERS[layer_of(&d)]
                ));
            }
        }
    }
    assert!(upward.is_empty(), "uses upward: {upward:#?}");
}

#[test]
fn the_store_does_not_import_the_protocol() {
    for (name, (_, text)) in modules() {
        assert!(
            !text.contains("crate::protocol"),
            "the store's {name} imports the protocol"
        );
    }
}
