//! The card method on a real store file: hidden collection, clusters, moves,
//! dot voting, the timer, and undo/redo of all of it.

#[path = "support/host.rs"]
mod host;

use wandzeitung::model::*;
use wandzeitung::{templates, Error, Store};

struct Board {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    board: String,
    fields: Vec<String>,
}

fn board() -> Board {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cards.sqlite3");
    let store = Store::open(&path).unwrap();
    let w = store
        .create_workshop(&WorkshopInput {
            title: "Kartenabfrage".into(),
            date: "2026-11-22".into(),
            participant_count: 10,
            ..WorkshopInput::default()
        })
        .unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    Board {
        _dir: dir,
        path,
        store,
        board: b.board.id,
        fields: b.fields.into_iter().map(|f| f.field.id).collect(),
    }
}

impl Board {
    fn add(&self, field: usize, text: &str) -> String {
        self.store
            .add_card(
                &self.fields[field],
                &CardInput {
                    text: text.into(),
                    color: CardColor::Yellow,
                    author: String::new(),
                },
            )
            .unwrap()
            .value
            .id
    }

    fn view(&self) -> BoardView {
        self.store.board_view(&self.board).unwrap()
    }

    /// Card texts of a field as shown: cluster by cluster, then the loose cards.
    fn shown(&self, field: usize) -> Vec<String> {
        let view = self.view();
        let f = &view.fields[field];
        let mut out = Vec::new();
        for k in &f.clusters {
            out.push(format!("[{}]", k.heading));
            for c in f
                .cards
                .iter()
                .filter(|c| c.cluster_id.as_deref() == Some(&k.id))
            {
                out.push(c.text.clone());
            }
        }
        for c in f.cards.iter().filter(|c| c.cluster_id.is_none()) {
            out.push(c.text.clone());
        }
        out
    }
}

#[test]
fn hidden_collection_keeps_cards_face_down_until_revealed() {
    let b = board();
    b.store.set_hidden_collection(&b.fields[0], true).unwrap();
    b.add(0, "verdeckt 1");
    b.add(0, "verdeckt 2");
    let view = b.view();
    assert!(
        view.fields[0].cards.iter().all(|c| c.hidden),
        "collected face down"
    );
    assert!(view.fields[0].field.hidden_collection);
    // Nobody can see a face-down card, so nobody can vote for it.
    b.store.open_vote(&b.board, 3).unwrap();
    let face_down = view.fields[0].cards[0].id.clone();
    let refused = b
        .store
        .add_dot(&VoteTarget::Card(face_down), "Person 1")
        .unwrap_err();
    assert!(matches!(refused, Error::CardHidden), "{refused:?}");
    assert!(
        b.view().dots_used.is_empty(),
        "the refused dot is not stored"
    );
    b.store.close_vote(&b.board).unwrap();

    let revealed = b.store.reveal_field(&b.fields[0]).unwrap();
    assert_eq!(revealed.value, 2);
    let view = b.view();
    assert!(
        view.fields[0].cards.iter().all(|c| !c.hidden),
        "all face up at once"
    );
    assert!(
        view.fields[0].field.hidden_collection,
        "the setting stays for the next round"
    );
    // A second round on the same question is collected face down again.
    b.add(0, "zweite Runde");
    let view = b.view();
    let second = view.fields[0]
        .cards
        .iter()
        .find(|c| c.text == "zweite Runde" || c.hidden)
        .unwrap();
    assert!(second.hidden, "collected face down like the first round");
    assert_eq!(
        view.fields[0].cards.iter().filter(|c| !c.hidden).count(),
        2,
        "the first round stays face up"
    );
}

#[test]
fn clusters_group_cards_and_dissolving_keeps_the_cards() {
    let b = board();
    let a = b.add(0, "Daten verstreut");
    let c = b.add(0, "Kein Portal");
    b.add(0, "Breitband fehlt");
    let k = b
        .store
        .create_cluster(&b.fields[0], "Offene Daten", &[a.clone(), c.clone()])
        .unwrap()
        .value;
    assert_eq!(
        b.shown(0),
        [
            "[Offene Daten]",
            "Daten verstreut",
            "Kein Portal",
            "Breitband fehlt"
        ]
    );
    b.store.rename_cluster(&k.id, "Open Data").unwrap();
    b.store.dissolve_cluster(&k.id).unwrap();
    assert_eq!(
        b.shown(0),
        ["Daten verstreut", "Kein Portal", "Breitband fehlt"]
    );
}

#[test]
fn cards_move_within_into_clusters_and_between_fields() {
    let b = board();
    let one = b.add(0, "eins");
    b.add(0, "zwei");
    let three = b.add(0, "drei");
    b.store.move_card(&three, &b.fields[0], None, 0).unwrap();
    assert_eq!(b.shown(0), ["drei", "eins", "zwei"]);

    let k = b
        .store
        .create_cluster(&b.fields[0], "Gruppe", &[])
        .unwrap()
        .value;
    b.store
        .move_card(&one, &b.fields[0], Some(&k.id), 0)
        .unwrap();
    assert_eq!(b.shown(0), ["[Gruppe]", "eins", "drei", "zwei"]);

    b.store.move_card(&one, &b.fields[2], None, 0).unwrap();
    assert_eq!(b.shown(0), ["[Gruppe]", "drei", "zwei"]);
    assert_eq!(b.shown(2), ["eins"]);
}

#[test]
fn a_card_cannot_move_to_another_board_or_a_foreign_cluster() {
    let b = board();
    let card = b.add(0, "bleibt");
    let w = b.view().board.workshop_id;
    let other = b.store.create_board(&w, "Andere", &["Frage"]).unwrap();
    let before = b.view();
    assert!(matches!(
        b.store.move_card(&card, &other.fields[0].field.id, None, 0),
        Err(Error::OtherBoard)
    ));
    let k = b
        .store
        .create_cluster(&b.fields[1], "dort", &[])
        .unwrap()
        .value;
    assert!(matches!(
        b.store.move_card(&card, &b.fields[0], Some(&k.id), 0),
        Err(Error::UnknownValue { .. })
    ));
    let after = b.view();
    assert_eq!(
        before.fields[0].cards, after.fields[0].cards,
        "nothing moved"
    );
}

#[test]
fn dot_voting_counts_per_card_and_cluster_and_ranks_them() {
    let b = board();
    let a = b.add(0, "A");
    let c = b.add(0, "C");
    let d = b.add(1, "D");
    let k = b
        .store
        .create_cluster(&b.fields[0], "Cluster AC", &[a.clone(), c.clone()])
        .unwrap()
        .value;

    assert!(matches!(
        b.store.add_dot(&VoteTarget::Card(a.clone()), "P1"),
        Err(Error::VoteClosed)
    ));
    b.store.open_vote(&b.board, 2).unwrap();
    b.store.add_dot(&VoteTarget::Card(a.clone()), "P1").unwrap();
    b.store
        .add_dot(&VoteTarget::Cluster(k.id.clone()), "P1")
        .unwrap();
    assert!(
        matches!(
            b.store.add_dot(&VoteTarget::Card(d.clone()), "P1"),
            Err(Error::DotsUsedUp { max: 2, .. })
        ),
        "a third dot is beyond the two allowed"
    );
    b.store.add_dot(&VoteTarget::Card(d.clone()), "P2").unwrap();
    b.store.add_dot(&VoteTarget::Card(d.clone()), "P3").unwrap();
    b.store.add_dot(&VoteTarget::Card(c.clone()), "P3").unwrap();
    b.store
        .remove_dot(&VoteTarget::Card(c.clone()), "P3")
        .unwrap();
    b.store.close_vote(&b.board).unwrap();

    let view = b.view();
    let card_a = view.fields[0].cards.iter().find(|x| x.id == a).unwrap();
    assert_eq!(card_a.dots, 1);
    assert_eq!(
        view.fields[0].clusters[0].dots, 1,
        "one dot on the heading itself"
    );
    let ranking: Vec<(u32, &str, u32)> = view
        .ranking
        .iter()
        .map(|e| (e.rank, e.label.as_str(), e.dots))
        .collect();
    assert_eq!(
        ranking,
        [(1, "Cluster AC", 2), (1, "D", 2)],
        "ties share rank 1"
    );
    let used: Vec<(&str, u32)> = view
        .dots_used
        .iter()
        .map(|p| (p.participant.as_str(), p.used))
        .collect();
    assert_eq!(used, [("P1", 2), ("P2", 1), ("P3", 1)]);
    assert!(matches!(
        b.store.add_dot(&VoteTarget::Card(d), "P4"),
        Err(Error::VoteClosed)
    ));
}

#[test]
fn undo_and_redo_reverse_every_kind_of_board_action() {
    let b = board();
    let a = b.add(0, "eins");
    let c = b.add(0, "zwei");
    b.store
        .create_cluster(&b.fields[0], "K", std::slice::from_ref(&a))
        .unwrap();
    b.store.move_card(&c, &b.fields[1], None, 0).unwrap();
    b.store.delete_field(&b.fields[0]).unwrap();
    let final_state = b.view();
    assert_eq!(final_state.fields.len(), 3);

    let mut states = Vec::new();
    loop {
        states.push(b.view());
        if !b.store.undo(&b.board).unwrap().value {
            break;
        }
    }
    let start = b.view();
    assert!(
        start.fields.iter().all(|f| f.cards.is_empty()),
        "all undone: no cards left"
    );
    assert_eq!(start.fields.len(), 4);
    assert_eq!(start.history.undo, None);

    // Redo walks the same states forward again, exactly.
    for expected in states.iter().rev().skip(1) {
        assert!(b.store.redo(&b.board).unwrap().value);
        assert_eq!(&b.view().fields, &expected.fields);
    }
    assert!(
        !b.store.redo(&b.board).unwrap().value,
        "nothing left to redo"
    );
    assert_eq!(b.view().fields, final_state.fields);
}

#[test]
fn undoing_a_field_deletion_brings_back_its_cards_clusters_and_dots() {
    let b = board();
    let a = b.add(0, "mit Punkt");
    b.store
        .create_cluster(&b.fields[0], "K", std::slice::from_ref(&a))
        .unwrap();
    b.store.open_vote(&b.board, 3).unwrap();
    b.store.add_dot(&VoteTarget::Card(a.clone()), "P1").unwrap();
    let before = b.view();
    b.store.delete_field(&b.fields[0]).unwrap();
    assert_eq!(b.store.card(&a).err().map(|e| e.code()), Some("not_found"));
    let undone = b.store.undo(&b.board).unwrap();
    assert!(undone.value);
    assert_eq!(undone.history.redo.as_deref(), Some("delete_field"));
    assert_eq!(b.view().fields, before.fields);
}

#[test]
fn a_new_action_after_undo_drops_the_redo() {
    let b = board();
    b.add(0, "eins");
    b.store.undo(&b.board).unwrap();
    assert!(b.view().history.redo.is_some());
    b.add(0, "zwei");
    assert_eq!(b.view().history.redo, None);
    assert_eq!(b.shown(0), ["zwei"]);
}

#[test]
fn history_survives_reopening_the_store_and_keeps_at_least_fifty_steps() {
    let b = board();
    for i in 0..60 {
        b.add(i % 4, &format!("Karte {i}"));
    }
    let path = b.path.clone();
    let board_id = b.board.clone();
    drop(b.store);
    let store = Store::open(&path).unwrap();
    for i in 0..50 {
        assert!(store.undo(&board_id).unwrap().value, "undo step {i} of 50");
    }
    let left: usize = store
        .board_view(&board_id)
        .unwrap()
        .fields
        .iter()
        .map(|f| f.cards.len())
        .sum();
    assert_eq!(left, 10);
}

#[test]
fn refused_actions_leave_no_step_to_undo() {
    let b = board();
    b.add(0, "eins");
    let before = b.view().history;
    assert!(b
        .store
        .add_card(
            "no-such-field",
            &CardInput {
                text: "x".into(),
                color: CardColor::Blue,
                author: String::new()
            }
        )
        .is_err());
    assert!(b.store.open_vote(&b.board, 0).is_err());
    assert_eq!(b.view().history, before);
}

#[test]
fn the_timer_counts_down_pauses_and_resets() {
    let b = board();
    let t = b.store.set_timer(&b.board, 300).unwrap();
    assert_eq!(
        (t.duration_seconds, t.elapsed_ms, t.started_at),
        (300, 0, None)
    );
    let t = b.store.start_timer(&b.board).unwrap();
    assert!(t.started_at.is_some());
    std::thread::sleep(std::time::Duration::from_millis(30));
    let t = b.store.pause_timer(&b.board).unwrap();
    assert!(t.started_at.is_none());
    assert!(
        t.elapsed_ms >= 30,
        "the time that ran is kept: {}",
        t.elapsed_ms
    );
    let t = b.store.reset_timer(&b.board).unwrap();
    assert_eq!(t.elapsed_ms, 0);
    assert!(matches!(
        b.store.set_timer(&b.board, 0),
        Err(Error::OutOfRange { .. })
    ));
}

/// Texts of a projected field: `[HEADING]` and its cards, then the loose ones.
fn projected(field: &FieldProjection) -> Vec<String> {
    let mut out = Vec::new();
    for k in &field.clusters {
        out.push(format!("[{}]", k.cluster.heading));
        out.extend(k.cards.iter().map(|c| c.text.clone()));
    }
    out.extend(field.loose.iter().map(|c| c.text.clone()));
    out
}

#[test]
fn the_projection_carries_the_first_face_up_cards_in_wall_order_and_counts_the_rest() {
    let b = board();
    b.add(0, "lose 1");
    let k1 = b.add(0, "im Cluster 1");
    b.add(0, "lose 2");
    let k2 = b.add(0, "im Cluster 2");
    b.store
        .create_cluster(&b.fields[0], "Thema", &[k1, k2])
        .unwrap();
    b.store.set_hidden_collection(&b.fields[0], true).unwrap();
    b.add(0, "verdeckt");
    b.add(1, "Nachbarfeld");

    let all = b.store.board_projection(&b.board, None, 80).unwrap();
    assert_eq!(all.fields.len(), 4);
    assert_eq!(
        projected(&all.fields[0]),
        [
            "[Thema]",
            "im Cluster 1",
            "im Cluster 2",
            "lose 1",
            "lose 2"
        ],
        "face down cards stay off the wall"
    );
    assert_eq!((all.fields[0].face_up, all.fields[0].hidden), (4, 1));
    assert_eq!(projected(&all.fields[1]), ["Nachbarfeld"]);

    // Three cards fit: the cluster's come first, the heading stays.
    let focused = b
        .store
        .board_projection(&b.board, Some(&b.fields[0]), 3)
        .unwrap();
    assert_eq!(focused.fields.len(), 1, "only the field in focus");
    assert_eq!(
        projected(&focused.fields[0]),
        ["[Thema]", "im Cluster 1", "im Cluster 2", "lose 1"]
    );
    assert_eq!(focused.fields[0].face_up, 4);

    let none = b
        .store
        .board_projection(&b.board, Some(&b.fields[0]), 0)
        .unwrap();
    assert_eq!(projected(&none.fields[0]), ["[Thema]"]);

    assert!(matches!(
        b.store.board_projection("no-such-board", None, 80),
        Err(Error::NotFound { .. })
    ));
}

/// One number for a cluster's score wherever it is shown: the board, the
/// ranking, the projector, the PDF and the Markdown protocol.
#[test]
fn a_cluster_total_is_the_same_number_everywhere() {
    let b = board();
    let a = b.add(0, "Radweg zur Schule");
    let c = b.add(0, "Zebrastreifen");
    b.add(0, "Einzelkarte");
    let k = b
        .store
        .create_cluster(&b.fields[0], "Schulweg", &[a.clone(), c.clone()])
        .unwrap()
        .value;
    b.store.open_vote(&b.board, 3).unwrap();
    b.store
        .add_dot(&VoteTarget::Cluster(k.id.clone()), "P1")
        .unwrap();
    b.store.add_dot(&VoteTarget::Card(a.clone()), "P1").unwrap();
    b.store.add_dot(&VoteTarget::Card(a), "P2").unwrap();
    b.store.add_dot(&VoteTarget::Card(c), "P2").unwrap();
    b.store.close_vote(&b.board).unwrap();

    let view = b.view();
    let cluster = &view.fields[0].clusters[0];
    assert_eq!(
        (cluster.dots, cluster.total_dots),
        (1, 4),
        "own dots and total"
    );
    let ranked = view
        .ranking
        .iter()
        .find(|e| e.target == VoteTarget::Cluster(k.id.clone()))
        .unwrap();
    assert_eq!(ranked.dots, 4, "the ranking");
    let projected = b.store.board_projection(&b.board, None, 80).unwrap();
    assert_eq!(
        projected.fields[0].clusters[0].cluster.total_dots, 4,
        "the projector"
    );

    let workshop = b.store.list_workshops().unwrap()[0].id.clone();
    let doc = b.store.export_workshop(&workshop).unwrap();
    let md = wandzeitung::protocol::markdown::render(&doc);
    assert!(md.contains("**Schulweg** (4 Punkte)"), "{md}");
    assert!(md.contains("1. Schulweg — 4 Punkte"), "{md}");
    let pdf = b.path.with_extension("pdf");
    std::fs::write(
        &pdf,
        wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap(),
    )
    .unwrap();
    // -layout keeps each printed line whole: the ranking's row is one line.
    let out = host::tool("pdftotext")
        .args(["-layout"])
        .file(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; make test installs it)");
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(
        lines.iter().any(|l| l == "SCHULWEG (● 4 Punkte)"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l == "1. Schulweg 4"),
        "the PDF's ranking: {lines:?}"
    );
}
