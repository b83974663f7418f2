//! The core against a real SQLite file on disk.

use wandzeitung::model::*;
use wandzeitung::{templates, Error, Store};

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("store.sqlite3")).unwrap();
    (dir, store)
}

fn workshop_input(title: &str) -> WorkshopInput {
    WorkshopInput {
        title: title.into(),
        date: "2026-11-22".into(),
        place: "Rathaus".into(),
        facilitators: vec!["Ada".into(), "  ".into(), "Bea".into()],
        participant_count: 12,
        language: Language::De,
        goals: vec!["Ideen sammeln".into()],
        actor_groups: vec!["Politik".into(), "Verwaltung".into()],
    }
}

fn card(text: &str) -> CardInput {
    CardInput {
        text: text.into(),
        color: CardColor::Green,
        author: "Gruppe A".into(),
    }
}

/// Everything a user could see, as one comparable value.
fn snapshot(store: &Store) -> String {
    let mut out = String::new();
    for w in store.list_workshops().unwrap() {
        let d = store.workshop_detail(&w.id).unwrap();
        out += &format!("{:?}\n", d);
        for b in &d.boards {
            out += &format!("{:?}\n", store.board_view(&b.id).unwrap());
        }
    }
    out
}

#[test]
fn a_card_survives_closing_and_reopening_the_store_with_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite3");
    let text = "Grüße aus Breidenbach – ąęłżğış 🚲";
    let (board_id, card_id) = {
        let store = Store::open(&path).unwrap();
        let w = store.create_workshop(&workshop_input("Werkstatt")).unwrap();
        let b = store
            .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
            .unwrap();
        let c = store.add_card(&b.fields[0].field.id, &card(text)).unwrap();
        (b.board.id, c.value.id)
    };
    let store = Store::open(&path).unwrap();
    let view = store.board_view(&board_id).unwrap();
    let cards = &view.fields[0].cards;
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].id, card_id);
    assert_eq!(
        cards[0].text, text,
        "no character may be changed on the way to disk"
    );
}

#[test]
fn the_group_work_template_has_the_four_seed_questions_in_order() {
    let (_dir, store) = open();
    let w = store.create_workshop(&workshop_input("W")).unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    let questions: Vec<&str> = b.fields.iter().map(|f| f.field.question.as_str()).collect();
    assert_eq!(questions, templates::GROUP_WORK_QUESTIONS);
    assert_eq!(b.board.title, "Open Government – Gruppenarbeit");
}

#[test]
fn workshop_header_is_trimmed_and_empty_facilitators_dropped() {
    let (_dir, store) = open();
    let w = store
        .create_workshop(&WorkshopInput {
            title: "  Zukunftswerkstatt  ".into(),
            ..workshop_input("x")
        })
        .unwrap();
    assert_eq!(w.title, "Zukunftswerkstatt");
    assert_eq!(w.facilitators, vec!["Ada", "Bea"]);
    assert_eq!(w.date.to_string(), "2026-11-22");
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let (_dir, store) = open();
    let w = store.create_workshop(&workshop_input("W")).unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    let field = b.fields[0].field.id.clone();
    store.add_card(&field, &card("erste Karte")).unwrap();
    let before = snapshot(&store);

    let too_long = "x".repeat(CARD_TEXT_MAX + 1);
    assert!(matches!(
        store.add_card(&field, &card(&too_long)),
        Err(Error::TooLong {
            max: CARD_TEXT_MAX,
            ..
        })
    ));
    assert!(matches!(
        store.add_card(&field, &card("   ")),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        store.add_card("no-such-field", &card("x")),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.update_workshop(
            &w.id,
            &WorkshopInput {
                date: "2026-13-01".into(),
                ..workshop_input("W")
            }
        ),
        Err(Error::InvalidDate { .. })
    ));
    assert!(matches!(
        store.update_workshop(
            &w.id,
            &WorkshopInput {
                participant_count: 999_999,
                ..workshop_input("W")
            }
        ),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        store.add_agenda_item(
            &w.id,
            &AgendaItemInput {
                start_time: "9 Uhr".into(),
                duration_minutes: 10,
                title: "x".into(),
                who: "".into(),
                activity: Activity::Listen,
            }
        ),
        Err(Error::InvalidTime { .. })
    ));
    assert!(matches!(
        store.create_board_from_template(&w.id, "no-such-template"),
        Err(Error::UnknownValue { .. })
    ));
    assert!(matches!(
        store.delete_card("no-such-card"),
        Err(Error::NotFound { .. })
    ));
    // A board whose second question is empty must not be created with only the first.
    assert!(matches!(
        store.create_board(&w.id, "Halb", &["gut", ""]),
        Err(Error::Empty { .. })
    ));

    assert_eq!(
        snapshot(&store),
        before,
        "refused input must leave the store as it was"
    );
}

#[test]
fn cards_keep_their_order_and_positions_are_explicit() {
    let (_dir, store) = open();
    let w = store.create_workshop(&workshop_input("W")).unwrap();
    let b = store.create_board(&w.id, "Board", &["Frage"]).unwrap();
    let field = &b.fields[0].field.id;
    let ids: Vec<String> = ["eins", "zwei", "drei"]
        .iter()
        .map(|t| store.add_card(field, &card(t)).unwrap().value.id)
        .collect();
    store.delete_card(&ids[1]).unwrap();
    store.add_card(field, &card("vier")).unwrap();
    let texts: Vec<String> = store.board_view(&b.board.id).unwrap().fields[0]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect();
    assert_eq!(texts, ["eins", "drei", "vier"]);
}

#[test]
fn agenda_and_header_edits_round_trip() {
    let (_dir, store) = open();
    let w = store.create_workshop(&workshop_input("W")).unwrap();
    let item = store
        .add_agenda_item(
            &w.id,
            &AgendaItemInput {
                start_time: "14:00".into(),
                duration_minutes: 10,
                title: "Begrüßung".into(),
                who: "Bürgermeisterin".into(),
                activity: Activity::Listen,
            },
        )
        .unwrap();
    store
        .update_agenda_item(
            &item.id,
            &AgendaItemInput {
                start_time: "14:10".into(),
                duration_minutes: 20,
                title: "Impuls".into(),
                who: "".into(),
                activity: Activity::Listen,
            },
        )
        .unwrap();
    let updated = store
        .update_workshop(
            &w.id,
            &WorkshopInput {
                title: "Neuer Titel".into(),
                language: Language::En,
                ..workshop_input("x")
            },
        )
        .unwrap();
    assert_eq!(updated.language, Language::En);
    let d = store.workshop_detail(&w.id).unwrap();
    assert_eq!(d.workshop.title, "Neuer Titel");
    assert_eq!(d.agenda.len(), 1);
    assert_eq!(d.agenda[0].start_time.format("%H:%M").to_string(), "14:10");
    assert_eq!(d.agenda[0].title, "Impuls");
}

#[test]
fn deleting_a_workshop_removes_everything_in_it() {
    let (_dir, store) = open();
    let demo = templates::create_demo_workshop(&store).unwrap();
    let other = store.create_workshop(&workshop_input("bleibt")).unwrap();
    store.delete_workshop(&demo).unwrap();
    let list = store.list_workshops().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, other.id);
    assert!(matches!(
        store.workshop_detail(&demo),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn the_demo_workshop_is_ready_to_explore() {
    let (_dir, store) = open();
    let id = templates::create_demo_workshop(&store).unwrap();
    let d = store.workshop_detail(&id).unwrap();
    assert!(d.agenda.len() >= 4, "the demo shows a real programme");
    assert_eq!(d.boards.len(), 1);
    let board = store.board_view(&d.boards[0].id).unwrap();
    assert_eq!(board.fields.len(), 4);
    assert!(
        board.fields.iter().all(|f| !f.cards.is_empty()),
        "every question has cards"
    );

    let maps = store.actor_maps(&id).unwrap();
    let sectors = store.sectors(&maps[0].id).unwrap();
    let names: Vec<&str> = sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, DEFAULT_SECTORS);
    let actors = store.actors(&maps[0].id).unwrap();
    let mut used: Vec<&str> = actors.iter().map(|a| a.sector_id.as_str()).collect();
    used.dedup();
    assert_eq!(used.len(), 5, "one actor in each of the five sectors");

    let lists = store.challenge_lists(&id).unwrap();
    assert_eq!(store.challenges(&lists[0].id).unwrap().len(), 3);
}

#[test]
fn actors_refuse_scales_out_of_range_and_foreign_sectors() {
    let (_dir, store) = open();
    let w = store.create_workshop(&workshop_input("W")).unwrap();
    let map = store.create_actor_map(&w.id, "Karte").unwrap();
    let other = store.create_actor_map(&w.id, "Andere").unwrap();
    let sector = store.sectors(&map.id).unwrap()[0].id.clone();
    let foreign = store.sectors(&other.id).unwrap()[0].id.clone();
    let input = |sector_id: &str, influence: u8| ActorInput {
        sector_id: sector_id.into(),
        name: "Gemeinderat".into(),
        role: "".into(),
        influence,
        interest: 3,
        involvement: Involvement::Consult,
        contact: "".into(),
    };
    assert!(matches!(
        store.add_actor(&map.id, &input(&sector, 6)),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        store.add_actor(&map.id, &input(&foreign, 3)),
        Err(Error::UnknownValue { .. })
    ));
    assert!(store.actors(&map.id).unwrap().is_empty());
    store.add_actor(&map.id, &input(&sector, 5)).unwrap();
    assert_eq!(store.actors(&map.id).unwrap().len(), 1);
}

/// Undo writes the inverse of every change through triggers (migrations 002
/// to 005). A column added to a table without its triggers would be lost by
/// an undo: every delete trigger must re-insert every column, every update
/// trigger must restore every column it does not leave out on purpose.
#[test]
fn undo_triggers_cover_every_column_of_their_table() {
    let (dir, store) = open();
    drop(store);
    let db = rusqlite::Connection::open(dir.path().join("store.sqlite3")).unwrap();
    let triggers: Vec<(String, String, String)> = db
        .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_history_%'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        triggers.len() >= 20,
        "the undo triggers: {}",
        triggers.len()
    );
    // Columns an update trigger leaves alone, and why.
    let not_undone: &[(&str, &str)] = &[
        // Set when the row is made and never changed after.
        ("cards", "participant"),
        ("cards", "created_at"),
        ("sectors", "map_id"),
        ("actors", "map_id"),
        ("challenges", "list_id"),
        ("challenges", "origin_dots"),
        // The link to the board card or cluster a challenge came from: a
        // deleted card drops it (ON DELETE SET NULL) and a board's undo does
        // not reach into a challenge list; the challenge keeps its text.
        ("challenges", "source_card_id"),
        ("challenges", "source_cluster_id"),
        // Only ever grows, undo included: a calendar takes the file with the
        // higher number as the newer one.
        ("challenges", "revision"),
    ];
    for (table, column) in not_undone {
        let exists: bool = db
            .query_row(
                &format!("SELECT count(*) > 0 FROM pragma_table_info('{table}') WHERE name = ?1"),
                [column],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            exists,
            "the list names a column that is gone: {table}.{column}"
        );
    }
    let mut missing = Vec::new();
    for (name, table, sql) in &triggers {
        let columns: Vec<String> = db
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let upper = sql.to_uppercase();
        let restrict = upper.contains(" UPDATE OF ");
        for column in &columns {
            let restored = sql.contains(&format!("old.{column}"));
            let kind_delete = upper.contains("BEFORE DELETE") || upper.contains("AFTER DELETE");
            let kind_update = upper.contains("UPDATE ON") || restrict;
            let excused = not_undone.contains(&(table.as_str(), column.as_str()));
            if kind_delete && !restored {
                missing.push(format!("{name}: {table}.{column} is not re-inserted"));
            } else if kind_update && !restrict && !restored && !excused && column != "id" {
                missing.push(format!("{name}: {table}.{column} is not restored"));
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

/// After "Workshop löschen", the workshop's text is nowhere in the store
/// file, its write-ahead log or its backups: participants' cards are
/// personal data.
#[test]
fn a_deleted_workshop_leaves_no_text_in_the_store_its_log_or_its_backups() {
    let (dir, store) = open();
    let secret = "Geheimnis-Frau-Mustermann-0815";
    let keep = store.create_workshop(&workshop_input("Bleibt")).unwrap();
    store
        .create_board_from_template(&keep.id, templates::GROUP_WORK_KEY)
        .unwrap();
    let w = store.create_workshop(&workshop_input("Weg damit")).unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    for i in 0..50 {
        store
            .add_card(&b.fields[0].field.id, &card(&format!("{secret} Karte {i}")))
            .unwrap();
    }
    // Edited and undone too: the undo history holds old texts.
    let first = store.board_view(&b.board.id).unwrap().fields[0].cards[0]
        .id
        .clone();
    store
        .update_card(&first, &card(&format!("{secret} geändert")))
        .unwrap();
    let backups = wandzeitung::store::backup_dir(store.path());
    store.backup_into(&backups).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store.backup_into(&backups).unwrap();
    let before = wandzeitung::store::list_backups(&backups).unwrap();
    fn files(dir: &std::path::Path, all: &mut Vec<u8>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, all);
            } else {
                all.extend(std::fs::read(path).unwrap());
            }
        }
    }
    let everything = || {
        let mut all = Vec::new();
        files(dir.path(), &mut all);
        all
    };
    let contains = |bytes: &[u8]| bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
    assert!(contains(&everything()), "the text is there before");
    assert_eq!(
        store.delete_workshop(&w.id).unwrap(),
        2,
        "both backups held it"
    );
    assert!(
        !contains(&everything()),
        "the text is gone from the store, its log, its index and its backups"
    );
    let after = wandzeitung::store::list_backups(&backups).unwrap();
    assert_eq!(after.len(), 2, "the backups stay, whole");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(
            (&a.path, a.taken_at),
            (&b.path, b.taken_at),
            "each keeps its time"
        );
        assert_eq!(
            (b.workshops, a.workshops),
            (2, 1),
            "only the deleted workshop left it"
        );
    }
    assert_eq!(
        store.list_workshops().unwrap().len(),
        1,
        "the other workshop stays"
    );
}
