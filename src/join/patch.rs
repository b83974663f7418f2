//! What changed in a phone's day, as the socket sends it: a phone keeps
//! its day and is sent the difference, not told to load it all again. A
//! class of 60 behind one router then costs the room's Wi-Fi a card's bytes
//! per new card, and the laptop no request at all.
//!
//! A patch is one of three JSON objects, read by the page's `applyPatch`
//! (`ui/src/participant/patch.ts`):
//! - `{"=": value}`: the value, whole;
//! - `{"o": {key: patch, ...}, "x": [removed keys]}`: an object, by key;
//! - `{"a": {"set": {id: patch, ...}, "drop": [ids], "add": [ids]}}` or
//!   `{"a": {"set": {...}, "ids": [...]}}`: an array of objects that each
//!   carry a distinct string `"id"` (cards, fields, questions) or
//!   `"board_id"` (the groups' boards), by id. The new order is the old
//!   one without `drop`, then `add` (a new card at the end costs its own
//!   bytes, not the board's ids); `ids` names the whole order when it
//!   changed otherwise.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

/// The patch that makes `old` into `new`; None when they are equal.
pub(crate) fn diff(old: &Value, new: &Value) -> Option<Value> {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => Some(objects(a, b)?),
        (Value::Array(a), Value::Array(b)) => match (ids_of(a), ids_of(b)) {
            (Some(ia), Some(ib)) => arrays_by_id(a, &ia, b, &ib),
            _ => (a != b).then(|| whole(new)),
        },
        _ => (old != new).then(|| whole(new)),
    }
}

fn whole(v: &Value) -> Value {
    json!({ "=": v })
}

fn objects(a: &Map<String, Value>, b: &Map<String, Value>) -> Option<Value> {
    let mut changed = Map::new();
    for (k, v) in b {
        let patch = match a.get(k) {
            Some(old) => diff(old, v),
            None => Some(whole(v)),
        };
        if let Some(p) = patch {
            changed.insert(k.clone(), p);
        }
    }
    let removed: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    if changed.is_empty() && removed.is_empty() {
        return None;
    }
    let mut p = Map::new();
    p.insert("o".into(), Value::Object(changed));
    if !removed.is_empty() {
        p.insert("x".into(), json!(removed));
    }
    Some(Value::Object(p))
}

/// An object's id: its `id`, or its `board_id` (a group's board).
fn id_of(v: &Value) -> Option<&str> {
    v.get("id").or_else(|| v.get("board_id"))?.as_str()
}

/// The ids of an array whose members are all objects with distinct string
/// ids; None for any other array. An empty array has no ids to go by.
fn ids_of(a: &[Value]) -> Option<Vec<&str>> {
    if a.is_empty() {
        return Some(Vec::new());
    }
    let ids: Option<Vec<&str>> = a.iter().map(id_of).collect();
    let ids = ids?;
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    ids.iter().all(|id| seen.insert(*id)).then_some(ids)
}

fn arrays_by_id(a: &[Value], ia: &[&str], b: &[Value], ib: &[&str]) -> Option<Value> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let before: HashMap<&str, &Value> = ia.iter().copied().zip(a).collect();
    let mut set = Map::new();
    for (id, v) in ib.iter().zip(b) {
        let patch = match before.get(id) {
            Some(old) => diff(old, v),
            None => Some(whole(v)),
        };
        if let Some(p) = patch {
            set.insert((*id).to_owned(), p);
        }
    }
    let dropped: Vec<&str> = ia.iter().copied().filter(|id| !ib.contains(id)).collect();
    let added: Vec<&str> = ib
        .iter()
        .copied()
        .filter(|id| !before.contains_key(id))
        .collect();
    let kept = ia.iter().filter(|id| !dropped.contains(id));
    let only_dropped_and_added = kept.chain(&added).eq(ib.iter());
    if set.is_empty() && dropped.is_empty() && added.is_empty() && only_dropped_and_added {
        return None;
    }
    let mut p = Map::new();
    if !only_dropped_and_added {
        p.insert("ids".into(), json!(ib));
    } else {
        if !dropped.is_empty() {
            p.insert("drop".into(), json!(dropped));
        }
        if !added.is_empty() {
            p.insert("add".into(), json!(added));
        }
    }
    p.insert("set".into(), Value::Object(set));
    Some(json!({ "a": p }))
}

/// `old` with the patch applied, as the phone's page does it
/// (`applyPatch` in `ui/src/participant/patch.ts`): for tests and tools that
/// follow a socket as a phone does. A patch that does not fit `old` gives
/// what the page would show, not a panic.
pub fn apply(old: &Value, p: &Value) -> Value {
    if let Some(v) = p.get("=") {
        return v.clone();
    }
    if let Some(o) = p.get("o").and_then(Value::as_object) {
        let mut out = old.as_object().cloned().unwrap_or_default();
        for (k, q) in o {
            let next = apply(out.get(k).unwrap_or(&Value::Null), q);
            out.insert(k.clone(), next);
        }
        for k in p.get("x").and_then(Value::as_array).into_iter().flatten() {
            out.remove(k.as_str().unwrap_or_default());
        }
        return Value::Object(out);
    }
    let a = &p["a"];
    let old = old.as_array().cloned().unwrap_or_default();
    let by_id: HashMap<String, Value> = old
        .iter()
        .filter_map(|v| Some((id_of(v)?.to_owned(), v.clone())))
        .collect();
    let list = |key: &str| -> Vec<String> {
        a.get(key)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    };
    let ids: Vec<String> = match a.get("ids") {
        Some(_) => list("ids"),
        None => {
            let dropped = list("drop");
            old.iter()
                .filter_map(|v| Some(id_of(v)?.to_owned()))
                .filter(|id| !dropped.contains(id))
                .chain(list("add"))
                .collect()
        }
    };
    Value::Array(
        ids.iter()
            .map(|id| match a["set"].get(id) {
                Some(q) => apply(by_id.get(id).unwrap_or(&Value::Null), q),
                None => by_id.get(id).cloned().unwrap_or(Value::Null),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(cards: &[(&str, &str, u32)]) -> Value {
        json!({
            "title": "Bürgerdialog",
            "item": "i1",
            "now": {
                "kind": "board_vote",
                "board": {
                    "id": "b1",
                    "vote_open": true,
                    "fields": [
                        {"id": "f1", "prompt": "Was läuft gut?", "cards": cards.iter().map(|(id, text, dots)|
                            json!({"id": id, "text": text, "dots": dots, "cluster_id": null})).collect::<Vec<_>>()},
                        {"id": "f2", "prompt": "Was fehlt?", "cards": []}
                    ]
                },
            },
            "photos_open": false,
        })
    }

    fn round_trip(old: &Value, new: &Value) -> Option<Value> {
        let p = diff(old, new);
        let rebuilt = match &p {
            Some(p) => apply(old, p),
            None => old.clone(),
        };
        assert_eq!(&rebuilt, new, "patch {p:?}");
        p
    }

    #[test]
    fn a_new_card_is_sent_as_that_card_and_the_order_of_ids() {
        let old = day(&[("c1", "Spielplatz", 0), ("c2", "Bücherei", 1)]);
        let new = day(&[
            ("c1", "Spielplatz", 0),
            ("c2", "Bücherei", 1),
            ("c3", "مكتبة", 0),
        ]);
        let p = round_trip(&old, &new).unwrap();
        let text = p.to_string();
        assert!(text.contains("مكتبة"));
        assert!(
            !text.contains("Spielplatz"),
            "unchanged cards stay home: {text}"
        );
        assert!(!text.contains("Was fehlt"), "{text}");
        assert!(!text.contains("c1"), "nor their ids: {text}");
    }

    #[test]
    fn a_dot_is_sent_as_one_number() {
        let old = day(&[("c1", "Spielplatz", 0), ("c2", "Bücherei", 1)]);
        let new = day(&[("c1", "Spielplatz", 1), ("c2", "Bücherei", 1)]);
        let p = round_trip(&old, &new).unwrap();
        assert_eq!(
            p,
            json!({"o": {"now": {"o": {"board": {"o": {"fields": {"a": {"set": {"f1": {"o": {"cards": {"a": {"set": {"c1": {"o": {"dots": {"=": 1}}}}}}}}}}}}}}}}})
        );
    }

    #[test]
    fn removed_reordered_and_replaced_parts_are_rebuilt_and_equal_days_send_nothing() {
        let old = day(&[("c1", "a", 0), ("c2", "b", 0), ("c3", "c", 0)]);
        assert_eq!(round_trip(&old, &old), None);
        round_trip(&old, &day(&[("c3", "c", 0), ("c1", "a", 0)]));
        round_trip(&old, &day(&[]));
        let mut other = day(&[("c1", "a", 0)]);
        // Another activity: its kind and parts replace the board's.
        other["now"] =
            json!({"kind": "poll", "poll": {"question": "Wie weiter?", "options": ["Ja", "Nein"]}});
        other["item"] = Value::Null;
        other.as_object_mut().unwrap().remove("photos_open");
        round_trip(&old, &other);
        round_trip(&other, &old);
        // Arrays without ids, or with one id twice, go whole.
        round_trip(&json!({"p": [1, 2]}), &json!({"p": [2, 1, 3]}));
        round_trip(
            &json!([{"id": "x", "n": 1}, {"id": "x", "n": 2}]),
            &json!([{"id": "x", "n": 3}]),
        );
        round_trip(&json!([{"id": "x"}]), &json!([{"name": "y"}]));
    }
}
