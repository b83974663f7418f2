//! A workshop exported as JSON and imported again is the same workshop; a
//! broken or foreign file is refused and changes nothing.

use std::collections::HashMap;

use serde_json::Value;
use wandzeitung::model::*;
use wandzeitung::protocol::WorkshopDocument;
use wandzeitung::{templates, Error, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("t.sqlite3")).unwrap();
    (dir, store)
}

/// A workshop with something of everything: the demo plus a cluster, hidden
/// cards, dots on a card and on a cluster, and a card with every kind of text.
fn rich_workshop(store: &Store) -> String {
    let id = templates::create_demo_workshop(store).unwrap();
    let board_id = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let view = store.board_view(&board_id).unwrap();
    let field = &view.fields[0];
    let cards: Vec<String> = field.cards.iter().map(|c| c.id.clone()).collect();
    let k = store
        .create_cluster(&field.field.id, "Daten & Netz", &cards[..2])
        .unwrap()
        .value;
    store
        .add_card(
            &view.fields[1].field.id,
            &CardInput {
                text: "Grüße aus Breidenbach – ąęłżğış 🚲\n<b>kein Markup</b>".into(),
                color: CardColor::Pink,
                author: "Gruppe C".into(),
            },
        )
        .unwrap();
    store
        .set_hidden_collection(&view.fields[2].field.id, true)
        .unwrap();
    store
        .add_card(
            &view.fields[2].field.id,
            &CardInput {
                text: "noch verdeckt".into(),
                color: CardColor::White,
                author: String::new(),
            },
        )
        .unwrap();
    store.open_vote(&board_id, 3).unwrap();
    store
        .add_dot(&VoteTarget::Cluster(k.id.clone()), "P1")
        .unwrap();
    store
        .add_dot(&VoteTarget::Card(cards[2].clone()), "P1")
        .unwrap();
    store
        .add_dot(&VoteTarget::Card(cards[2].clone()), "P2")
        .unwrap();
    store.close_vote(&board_id).unwrap();
    id
}

/// The document with ids replaced by the order they first appear in, and the
/// workshop's own creation times left out: what must survive an import.
fn normalised(doc: &WorkshopDocument) -> Value {
    fn walk(v: &mut Value, ids: &mut HashMap<String, usize>) {
        match v {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let is_id = key == "id" || key.ends_with("_id");
                    match value {
                        Value::String(s) if is_id => {
                            let n = ids.len();
                            *value = Value::from(*ids.entry(s.clone()).or_insert(n));
                        }
                        _ => walk(value, ids),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, ids)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(doc).unwrap();
    let w = v["workshop"].as_object_mut().unwrap();
    w.remove("created_at");
    w.remove("updated_at");
    walk(&mut v, &mut HashMap::new());
    v
}

#[test]
fn import_of_an_export_is_the_same_workshop_with_new_ids() {
    let (_dir, store) = store();
    let id = rich_workshop(&store);
    let original = store.export_workshop(&id).unwrap();
    let json = original.to_json().unwrap();
    assert!(json.contains("\"format_version\": 1"));

    let imported_id = store
        .import_workshop(&WorkshopDocument::from_json(json.as_bytes()).unwrap())
        .unwrap();
    assert_ne!(imported_id, id);
    let copy = store.export_workshop(&imported_id).unwrap();
    assert_eq!(
        normalised(&copy),
        normalised(&original),
        "nothing lost or changed"
    );

    let ranking = |wid: &str| {
        let b = store.workshop_detail(wid).unwrap().boards[0].id.clone();
        store.board_view(&b).unwrap().ranking
    };
    let labels = |r: Vec<RankEntry>| {
        r.into_iter()
            .map(|e| (e.rank, e.label, e.dots))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        labels(ranking(&imported_id)),
        labels(ranking(&id)),
        "the vote result is the same"
    );
}

/// An import says how far it has come: one step per item it takes over,
/// counting up to the document's item count, never backwards.
#[test]
fn an_import_reports_its_progress_up_to_every_item() {
    let (_dir, store) = store();
    let id = rich_workshop(&store);
    let doc = store.export_workshop(&id).unwrap();
    let cards: usize = doc
        .boards
        .iter()
        .flat_map(|b| &b.fields)
        .map(|f| f.cards.len())
        .sum();
    assert!(doc.items() > cards as u64, "cards and what holds them");
    let mut seen = Vec::new();
    store
        .import_workshop_with(&doc, &mut |done| seen.push(done))
        .unwrap();
    assert_eq!(seen.len() as u64, doc.items(), "one step per item");
    assert!(
        seen.windows(2).all(|w| w[1] == w[0] + 1),
        "counting up: {seen:?}"
    );
    assert_eq!(
        seen.last().copied(),
        Some(doc.items()),
        "ends at all of them"
    );
}

#[test]
fn broken_or_foreign_files_are_refused_and_change_nothing() {
    let (_dir, store) = store();
    let id = rich_workshop(&store);
    let good: Value = serde_json::to_value(store.export_workshop(&id).unwrap()).unwrap();
    let before = store.list_workshops().unwrap();

    let mut too_new = good.clone();
    too_new["format_version"] = Value::from(99);
    let mut foreign = good.clone();
    foreign["format"] = Value::from("something.else");
    let mut long_card = good.clone();
    long_card["boards"][0]["fields"][1]["cards"][0]["text"] =
        Value::from("x".repeat(CARD_TEXT_MAX + 1));
    let mut dangling = good.clone();
    dangling["boards"][0]["votes"][0]["cluster_id"] = Value::from("nowhere");
    let mut truncated = serde_json::to_string(&good).unwrap();
    truncated.truncate(truncated.len() / 2);

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not JSON", b"PK\x03\x04 this is a zip".to_vec()),
        ("truncated", truncated.into_bytes()),
        ("other JSON", br#"{"a": 1}"#.to_vec()),
        ("foreign format", serde_json::to_vec(&foreign).unwrap()),
        ("newer version", serde_json::to_vec(&too_new).unwrap()),
        (
            "card over the limit",
            serde_json::to_vec(&long_card).unwrap(),
        ),
        (
            "dot on an unknown cluster",
            serde_json::to_vec(&dangling).unwrap(),
        ),
    ];
    for (what, bytes) in cases {
        let result =
            WorkshopDocument::from_json(&bytes).and_then(|doc| store.import_workshop(&doc));
        let err = result.expect_err(what);
        assert!(
            matches!(err, Error::UnsupportedFile { .. } | Error::TooLong { .. }),
            "{what}: {err}"
        );
        assert_eq!(
            store.list_workshops().unwrap(),
            before,
            "{what}: nothing may be imported"
        );
    }
}

/// Import goes through each aggregate's own rules: a file that breaks a rule
/// the commands enforce is refused with the command's own error, and the
/// store is left as it was.
#[test]
fn import_refuses_what_the_commands_refuse_with_their_error() {
    let (_dir, store) = store();
    let id = rich_workshop(&store);
    // A second board and a second map, for references across them.
    let second = store
        .create_board_from_template(&id, templates::GROUP_WORK_KEY)
        .unwrap();
    store
        .add_card(
            &second.fields[0].field.id,
            &CardInput {
                text: "auf der zweiten Wandzeitung".into(),
                color: CardColor::Blue,
                author: String::new(),
            },
        )
        .unwrap();
    let other_map = store.create_actor_map(&id, "Zweite Karte").unwrap();
    let other_sector = store.sectors(&other_map.id).unwrap()[0].id.clone();
    store
        .add_actor(
            &other_map.id,
            &ActorInput {
                sector_id: other_sector,
                name: "Anderswo".into(),
                role: String::new(),
                influence: 3,
                interest: 3,
                involvement: Involvement::Inform,
                contact: String::new(),
            },
        )
        .unwrap();
    let good: Value = serde_json::to_value(store.export_workshop(&id).unwrap()).unwrap();
    let detail = store.workshop_detail(&id).unwrap();
    let board = detail.boards[0].id.clone();
    let view = store.board_view(&board).unwrap();
    let map = store.actor_map_view(&detail.actor_maps[0].id).unwrap();
    let long_name = "S".repeat(200);
    let dots_max = view.board.dots_per_participant;

    // What the commands say to the same wishes.
    let rename = store
        .rename_sector(&map.sectors[0].id, &long_name)
        .unwrap_err();
    if !view.board.vote_open {
        store.open_vote(&board, dots_max).unwrap();
    }
    for _ in 0..dots_max {
        let _ = store.add_dot(
            &VoteTarget::Card(view.fields[0].cards[2].id.clone()),
            "Viel",
        );
    }
    let too_many = store
        .add_dot(
            &VoteTarget::Card(view.fields[0].cards[2].id.clone()),
            "Viel",
        )
        .unwrap_err();
    let hidden_card = view.fields[2].cards.iter().find(|c| c.hidden).unwrap();
    let on_hidden = store
        .add_dot(&VoteTarget::Card(hidden_card.id.clone()), "P9")
        .unwrap_err();
    let actor_over = store
        .add_actor(
            &map.map.id,
            &ActorInput {
                sector_id: map.sectors[0].id.clone(),
                name: "A".repeat(TITLE_MAX + 1),
                role: String::new(),
                influence: 3,
                interest: 3,
                involvement: Involvement::Inform,
                contact: String::new(),
            },
        )
        .unwrap_err();
    let after_commands = store.export_workshop(&id).unwrap();
    let before = store.list_workshops().unwrap();

    let mut sector = good.clone();
    sector["actor_maps"][0]["sectors"][0]["name"] = Value::from(long_name.clone());
    let mut fifty = good.clone();
    let vote = good["boards"][0]["votes"][0].clone();
    let votes: Vec<Value> = (0..50)
        .map(|_| {
            let mut v = vote.clone();
            v["participant"] = Value::from("Viel");
            v
        })
        .collect();
    fifty["boards"][0]["votes"] = Value::from(votes);
    let mut face_down = good.clone();
    let card = good["boards"][0]["fields"][1]["cards"][0]["id"].clone();
    face_down["boards"][0]["fields"][1]["cards"][0]["hidden"] = Value::from(true);
    face_down["boards"][0]["votes"][0]["card_id"] = card;
    face_down["boards"][0]["votes"][0]["cluster_id"] = Value::Null;
    face_down["boards"][0]["votes"][0]["participant"] = Value::from("P9");
    let mut actor = good.clone();
    actor["actor_maps"][0]["actors"][0]["name"] = Value::from("A".repeat(TITLE_MAX + 1));
    // The second board's dot on a card of the first board (read before it).
    let mut across_boards = good.clone();
    let mut stray = good["boards"][0]["votes"][0].clone();
    stray["card_id"] = good["boards"][0]["fields"][0]["cards"][2]["id"].clone();
    stray["cluster_id"] = Value::Null;
    across_boards["boards"][1]["votes"] = Value::from(vec![stray]);
    // The second map's relation from an actor of the first map.
    let mut across_maps = good.clone();
    let mut relation = good["actor_maps"][0]["relations"][0].clone();
    relation["from_actor_id"] = good["actor_maps"][0]["actors"][0]["id"].clone();
    relation["to_actor_id"] = good["actor_maps"][1]["actors"][0]["id"].clone();
    across_maps["actor_maps"][1]["relations"] = Value::from(vec![relation]);

    let same = |what: &str, doc: &Value, expected: &Error| {
        let doc = WorkshopDocument::from_json(&serde_json::to_vec(doc).unwrap()).unwrap();
        let err = store.import_workshop(&doc).expect_err(what);
        assert_eq!(format!("{err:?}"), format!("{expected:?}"), "{what}");
        assert_eq!(
            store.list_workshops().unwrap(),
            before,
            "{what}: nothing imported"
        );
    };
    same("a sector name the rename refuses", &sector, &rename);
    same("50 dots from one person", &fifty, &too_many);
    same("a dot on a face-down card", &face_down, &on_hidden);
    same("an actor name over the limit", &actor, &actor_over);
    for (what, doc) in [
        ("a dot on another board's card", &across_boards),
        ("a relation to an actor of another map", &across_maps),
    ] {
        let doc = WorkshopDocument::from_json(&serde_json::to_vec(doc).unwrap()).unwrap();
        let err = store.import_workshop(&doc).expect_err(what);
        assert!(
            matches!(err, Error::NotFound { .. } | Error::UnknownValue { .. }),
            "{what}: {err:?}"
        );
        assert_eq!(
            store.list_workshops().unwrap(),
            before,
            "{what}: nothing imported"
        );
    }
    assert_eq!(
        store.export_workshop(&id).unwrap(),
        after_commands,
        "the workshop itself is unchanged"
    );
}

/// Every time stored must read back: a file with a year of more or less than
/// four digits is refused, and a row that is still unreadable (an old or
/// hand-edited store) shows with a placeholder time instead of hiding its
/// whole workshop.
#[test]
fn times_that_cannot_read_back_are_refused_and_a_bad_row_hides_nothing() {
    let (dir, store) = store();
    let id = rich_workshop(&store);
    let good: Value = serde_json::to_value(store.export_workshop(&id).unwrap()).unwrap();
    let before = store.list_workshops().unwrap();
    for year in ["+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"] {
        let mut bad = good.clone();
        bad["boards"][0]["fields"][0]["cards"][0]["created_at"] = Value::from(year);
        let Ok(doc) = WorkshopDocument::from_json(&serde_json::to_vec(&bad).unwrap()) else {
            continue; // refused while reading: just as good
        };
        let err = store.import_workshop(&doc).expect_err(year);
        assert!(
            matches!(
                err,
                Error::OutOfRange {
                    field: "card_created_at",
                    ..
                }
            ),
            "{year}: {err:?}"
        );
        assert_eq!(store.list_workshops().unwrap(), before, "{year}");
    }

    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let card = store.board_view(&board).unwrap().fields[0].cards[0]
        .id
        .clone();
    let db = rusqlite::Connection::open(dir.path().join("t.sqlite3")).unwrap();
    db.execute(
        "UPDATE cards SET created_at = '+10000-01-01T00:00:00Z' WHERE id = ?1",
        [&card],
    )
    .unwrap();
    db.execute("UPDATE workshops SET date = 'kaputt' WHERE id = ?1", [&id])
        .unwrap();
    drop(db);
    let view = store.board_view(&board).expect("the board still opens");
    let shown = view.fields[0].cards.iter().find(|c| c.id == card).unwrap();
    assert_eq!(shown.created_at.timestamp(), 0, "a placeholder time");
    let doc = store
        .export_workshop(&id)
        .expect("the workshop still exports");
    wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).expect("and prints");
    assert!(store.list_workshops().unwrap().iter().any(|w| w.id == id));
}

/// Bounds no real workshop reaches, the same for a file and for the
/// commands: a board takes at most `CARDS_PER_BOARD_MAX` cards, and a file
/// with more is refused before anything is written.
#[test]
fn a_board_is_full_at_its_bound_for_files_and_commands_alike() {
    let (_dir, store) = store();
    let id = rich_workshop(&store);
    let mut doc: Value = serde_json::to_value(store.export_workshop(&id).unwrap()).unwrap();
    doc["boards"] = Value::from(vec![doc["boards"][0].clone()]);
    doc["boards"][0]["votes"] = Value::from(Vec::<Value>::new());
    let template = doc["boards"][0]["fields"][0]["cards"][0].clone();
    let cards = |n: usize| -> Value {
        Value::from(
            (0..n)
                .map(|i| {
                    let mut c = template.clone();
                    c["id"] = Value::from(format!("karte-{i}"));
                    c["cluster_id"] = Value::Null;
                    c["text"] = Value::from(format!("Karte {i}"));
                    c
                })
                .collect::<Vec<_>>(),
        )
    };
    for f in doc["boards"][0]["fields"].as_array_mut().unwrap() {
        f["cards"] = Value::from(Vec::<Value>::new());
        f["clusters"] = Value::from(Vec::<Value>::new());
    }
    let max = CARDS_PER_BOARD_MAX as usize;
    let mut over = doc.clone();
    over["boards"][0]["fields"][0]["cards"] = cards(max + 1);
    let before = store.list_workshops().unwrap();
    let started = std::time::Instant::now();
    let refused = store
        .import_workshop(&serde_json::from_value::<WorkshopDocument>(over).unwrap())
        .unwrap_err();
    assert!(
        matches!(
            refused,
            Error::Full {
                what: "cards_per_board",
                ..
            }
        ),
        "{refused:?}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "refused at once"
    );
    assert_eq!(store.list_workshops().unwrap(), before);

    let mut full = doc;
    full["boards"][0]["fields"][0]["cards"] = cards(max);
    let imported = store
        .import_workshop(&serde_json::from_value::<WorkshopDocument>(full).unwrap())
        .unwrap();
    let board = store.workshop_detail(&imported).unwrap().boards[0]
        .id
        .clone();
    let field = store.board_view(&board).unwrap().fields[1].field.id.clone();
    let one_more = store
        .add_card(
            &field,
            &CardInput {
                text: "eine zu viel".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(
        format!("{one_more:?}"),
        format!("{refused:?}"),
        "the same error"
    );
}

#[test]
fn the_cli_exports_and_imports_a_workshop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let out = dir.path().join("werkstatt.json");
    let wz = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_wz"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let demo = wz(&["demo"]);
    let id = String::from_utf8(demo.stdout).unwrap().trim().to_owned();
    let export = wz(&[
        "export",
        &id,
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let import = wz(&["import", out.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let new_id = String::from_utf8(import.stdout).unwrap().trim().to_owned();
    assert_eq!(new_id.len(), 36);
    let list = String::from_utf8(wz(&["list"]).stdout).unwrap();
    assert_eq!(list.lines().count(), 2, "{list}");

    let docx = wz(&["export", &id, "--format", "docx", "--out", "x.docx"]);
    assert_eq!(docx.status.code(), Some(2), "unknown formats are refused");
    std::fs::write(
        &out,
        b"{\"format\": \"wandzeitung.workshop\", \"format_version\": 1}",
    )
    .unwrap();
    let broken = wz(&["import", out.to_str().unwrap()]);
    assert!(!broken.status.success());
    assert_eq!(String::from_utf8(broken.stderr).unwrap().lines().count(), 1);
}

#[test]
fn control_characters_in_an_imported_file_are_removed_like_typed_ones() {
    let (_dir, store) = store();
    let id = rich_workshop(&store);
    let json = store.export_workshop(&id).unwrap().to_json().unwrap();
    let mut doc: Value = serde_json::from_str(&json).unwrap();
    doc["workshop"]["title"] = Value::from("Werk\u{0}statt\u{1b}");
    let tainted = serde_json::to_string(&doc).unwrap();
    let imported = store
        .import_workshop(&WorkshopDocument::from_json(tainted.as_bytes()).unwrap())
        .unwrap();
    let title = store.workshop_detail(&imported).unwrap().workshop.title;
    assert_eq!(title, "Werkstatt");
}
