//! Rating a challenge list by impact and effort, in the store: what phones
//! may rate, the means and spreads the matrix shows, the list keeping the
//! ratings beside its dots, and the workshop file.

mod support;

use serde_json::Value;
use support::fixtures;
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite, PhoneWritten};
use wandzeitung::Store;

struct Room {
    _dir: tempfile::TempDir,
    store: Store,
    workshop: Id,
    rating: Id,
    talk: Id,
    challenges: Vec<Id>,
    other_list_challenge: Id,
    board: BoardView,
}

fn room(hidden: bool) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("matrix.sqlite3")).unwrap();
    let (w, board) = fixtures::workshop_with_board(&store, "Ortsmitte");
    let add = |list: &str, title: &str| {
        store
            .add_challenge(
                list,
                &ChallengeInput {
                    title: title.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .value
            .id
    };
    let list = store
        .create_challenge_list(&w.id, "Herausforderungen")
        .unwrap();
    let challenges: Vec<Id> = [
        "Bänke am Markt",
        "Jugendraum",
        "WLAN im Rathaus",
        "Neue Buslinie",
    ]
    .iter()
    .map(|t| add(&list.id, t))
    .collect();
    let other = store.create_challenge_list(&w.id, "Andere Liste").unwrap();
    let other_list_challenge = add(&other.id, "Anderswo");
    let item = |title: &str, start: &str, activity: Activity| {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: start.into(),
                    duration_minutes: 20,
                    title: title.into(),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap()
            .id
    };
    let rating = item(
        "Was zuerst?",
        "10:00",
        Activity::ImpactEffort {
            list_id: list.id.clone(),
            hidden,
        },
    );
    let talk = item("Pause", "10:20", Activity::Listen);
    Room {
        _dir: dir,
        store,
        workshop: w.id,
        rating,
        talk,
        challenges,
        other_list_challenge,
        board,
    }
}

impl Room {
    fn rate_for(
        &self,
        who: &str,
        item: &str,
        challenge: &str,
        impact: Option<u8>,
        effort: Option<u8>,
    ) -> wandzeitung::Result<PhoneWritten> {
        self.store
            .participant_writes(
                &self.workshop,
                &[PhoneCall {
                    participant: who.into(),
                    item: Some(item.into()),
                    write: PhoneWrite::RateChallenge {
                        challenge_id: challenge.into(),
                        impact,
                        effort,
                    },
                }],
            )
            .unwrap()
            .remove(0)
            .map(|a| a.value)
    }

    fn rate(&self, who: &str, c: usize, impact: u8, effort: u8) {
        self.rate_for(
            who,
            &self.rating,
            &self.challenges[c],
            Some(impact),
            Some(effort),
        )
        .unwrap();
    }

    fn matrix(&self) -> ItemMatrix {
        match self.store.item_view(&self.rating).unwrap() {
            ItemView::ImpactEffort { matrix } => matrix,
            other => panic!("the item's page shows {other:?}"),
        }
    }

    fn place(&self, c: usize) -> Option<Rated> {
        self.matrix().challenges[c].rated
    }

    fn state(&self) -> Value {
        fixtures::stored_state(&self.store, &self.workshop)
    }
}

#[test]
fn four_challenges_rated_by_three_phones_sit_at_the_means_of_what_was_sent() {
    let r = room(false);
    r.store.start_agenda_item(&r.rating).unwrap();
    // (impact, effort) per phone and challenge.
    let sent = [
        ("anna", [(5, 1), (4, 4), (2, 2), (1, 5)]),
        ("ben", [(4, 2), (5, 5), (1, 1), (2, 4)]),
        ("cem", [(5, 2), (3, 5), (2, 1), (1, 5)]),
    ];
    for (who, ratings) in sent {
        for (c, (i, e)) in ratings.iter().enumerate() {
            r.rate(who, c, *i, *e);
        }
    }
    let m = r.matrix();
    assert_eq!(m.raters, 3);
    for (c, expected) in [
        Quadrant::QuickWins,
        Quadrant::MajorProjects,
        Quadrant::FillIns,
        Quadrant::Postpone,
    ]
    .iter()
    .enumerate()
    {
        let rated = m.challenges[c].rated.expect("rated");
        let impact: f64 = sent.iter().map(|s| f64::from(s.1[c].0)).sum::<f64>() / 3.0;
        let effort: f64 = sent.iter().map(|s| f64::from(s.1[c].1)).sum::<f64>() / 3.0;
        assert!((rated.impact.mean - impact).abs() < 1e-9, "{c}: {rated:?}");
        assert!((rated.effort.mean - effort).abs() < 1e-9, "{c}: {rated:?}");
        assert_eq!(rated.count, 3);
        assert_eq!(rated.quadrant, *expected, "{}", m.challenges[c].title);
    }
    // The spread: Bänke's impact 4, 5, 5 has its middle half at 4.5..5.
    let benches = m.challenges[0].rated.unwrap();
    assert_eq!((benches.impact.q1, benches.impact.q3), (4.5, 5.0));

    // A phone changes its mind: the mean follows.
    r.rate("anna", 0, 1, 1);
    let changed = r.place(0).unwrap();
    assert!((changed.impact.mean - 10.0 / 3.0).abs() < 1e-9);
    // The list keeps the ratings beside its dots.
    let list = r.store.challenge_list_view(&r.matrix().list_id).unwrap();
    assert_eq!(list.ratings.len(), 4);
    assert_eq!(list.ratings[0].rated, changed);
}

#[test]
fn a_rating_counts_once_both_scales_are_given_and_a_phone_sees_its_own() {
    let r = room(false);
    r.store.start_agenda_item(&r.rating).unwrap();
    r.rate_for("anna", &r.rating, &r.challenges[1], Some(4), None)
        .unwrap();
    assert_eq!(r.place(1), None, "half a rating places nothing");
    assert_eq!(r.matrix().raters, 0);
    let day = r
        .store
        .day_snapshot(&r.workshop)
        .unwrap()
        .for_participant("anna");
    let PhoneView::ImpactEffort { matrix } = day.now else {
        panic!("the phone shows {:?}", day.now.kind());
    };
    assert_eq!(matrix.challenges[1].impact, Some(4));
    assert_eq!(matrix.challenges[1].effort, None);
    assert_eq!(matrix.challenges.len(), 4);
    r.rate_for("anna", &r.rating, &r.challenges[1], Some(4), Some(2))
        .unwrap();
    assert_eq!(r.place(1).unwrap().count, 1);
    // Both open: taken back.
    r.rate_for("anna", &r.rating, &r.challenges[1], None, None)
        .unwrap();
    assert_eq!(r.place(1), None);
}

#[test]
fn a_rating_of_0_or_6_another_lists_challenge_and_a_late_rating_are_refused_changing_nothing() {
    let r = room(false);
    r.store.start_agenda_item(&r.rating).unwrap();
    r.rate("anna", 0, 3, 3);
    let before = r.state();
    for (impact, effort) in [(0, 3), (6, 3), (3, 0), (3, 6)] {
        let err = r
            .rate_for(
                "ben",
                &r.rating,
                &r.challenges[0],
                Some(impact),
                Some(effort),
            )
            .unwrap_err();
        assert_eq!(err.code(), "out_of_range", "{impact}/{effort}");
    }
    let err = r
        .rate_for("ben", &r.rating, &r.other_list_challenge, Some(3), Some(3))
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(r.state(), before);
    r.store.start_agenda_item(&r.talk).unwrap();
    let before = r.state();
    let err = r
        .rate_for("ben", &r.rating, &r.challenges[0], Some(3), Some(3))
        .unwrap_err();
    assert_eq!(err.code(), "item_ended");
    assert_eq!(r.state(), before);
}

#[test]
fn a_matrix_rated_face_down_is_revealed_and_the_file_carries_the_ratings_never_whose() {
    let r = room(true);
    r.store.start_agenda_item(&r.rating).unwrap();
    r.rate("anna", 0, 5, 1);
    r.rate("ben", 0, 4, 2);
    r.rate("ben", 2, 1, 1);
    assert!(!r.matrix().shown());
    r.store.reveal_results(&r.rating, true).unwrap();
    assert!(r.matrix().shown());

    let doc = r.store.export_workshop(&r.workshop).unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    assert!(
        !json.contains("anna") && !json.contains("\"ben\""),
        "{json}"
    );
    let imported = r.store.import_workshop(&doc).unwrap();
    let item = r.store.agenda(&imported).unwrap()[0].clone();
    let ItemView::ImpactEffort { matrix } = r.store.item_view(&item.id).unwrap() else {
        panic!("no matrix after the import");
    };
    assert_ne!(matrix.list_id, r.matrix().list_id, "the imported list");
    assert!(matrix.revealed);
    let places: Vec<Option<(u32, f64)>> = matrix
        .challenges
        .iter()
        .map(|c| c.rated.map(|r| (r.count, r.impact.mean)))
        .collect();
    assert_eq!(places, [Some((2, 4.5)), None, Some((1, 1.0)), None]);

    // A rating out of range in the file: refused whole.
    let workshops = r.store.list_workshops().unwrap().len();
    let mut broken = doc.clone();
    broken.challenge_lists[0].ratings[0].impact = Some(7);
    assert!(r.store.import_workshop(&broken).is_err());
    assert_eq!(r.store.list_workshops().unwrap().len(), workshops);
}

#[test]
fn the_protocol_has_the_matrix_as_a_picture_and_its_numbers_as_a_table() {
    let r = room(false);
    r.store.start_agenda_item(&r.rating).unwrap();
    r.rate("anna", 0, 5, 1);
    r.rate("ben", 0, 4, 2);
    r.rate("anna", 3, 1, 5);
    let doc = r.store.export_workshop(&r.workshop).unwrap();

    let md = wandzeitung::protocol::markdown::render(&doc);
    assert!(md.contains("Wirkung × Aufwand: Herausforderungen"), "{md}");
    assert!(
        md.contains(
            "| Bänke am Markt | 4,5 (4,2–4,8) | 1,5 (1,2–1,8) | 2 | Schnelle Erfolge | 0 |"
        ),
        "{md}"
    );
    assert!(md.contains("| Jugendraum | – | – | 0 |"), "{md}");

    let pdf = wandzeitung::protocol::pdf::render(&doc, chrono::Utc::now()).unwrap();
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("matrix-protocol.pdf"),
        &pdf,
    )
    .unwrap();
    let text = support::host::pdf_text(&pdf);
    for needle in [
        "Wirkung × Aufwand: Herausforderungen",
        "Schnelle Erfolge",
        "Zurückstellen",
        "1. Bänke am Markt",
        "4. Neue Buslinie",
        "Mittelwerte von 1 (wenig) bis 5 (viel)",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }

    // The spreadsheet: a row per challenge, numbers as German spreadsheets
    // read them, the unrated one with a count of 0.
    let csv = fixtures::results_csv(&doc);
    let row = |title: &str| fixtures::csv_row(&csv, title);
    assert_eq!(
        row("Bänke am Markt")
            .split(';')
            .skip(4)
            .collect::<Vec<_>>()
            .join(";"),
        "\"2\";\"\";\"4,50\";\"4,25–4,75\";\"1,50\";\"1,25–1,75\";\"Schnelle Erfolge\";\"0\"",
        "{csv}"
    );
    assert!(row("Jugendraum").contains(";\"0\";\"\";\"\";"), "{csv}");
    assert_eq!(
        csv.lines().count(),
        5,
        "a header and four challenges: {csv}"
    );

    // Rated face down, never revealed: the table stays empty.
    let covered = room(true);
    covered.store.start_agenda_item(&covered.rating).unwrap();
    covered.rate("anna", 0, 5, 1);
    let md = wandzeitung::protocol::markdown::render(
        &covered.store.export_workshop(&covered.workshop).unwrap(),
    );
    assert!(md.contains("Verdeckt bewertet, nicht aufgedeckt"), "{md}");
    assert!(!md.contains("5,0 (5,0–5,0)"), "{md}");
    let csv = wandzeitung::protocol::results_csv::render(
        &covered.store.export_workshop(&covered.workshop).unwrap(),
    );
    assert_eq!(csv.lines().count(), 1, "only the header: {csv}");
}

#[test]
fn a_boards_clusters_become_challenges_of_the_rated_list_once_each_and_undo_takes_them_back() {
    let r = room(false);
    let list = r.matrix().list_id;
    let (first, second) = (&r.board.fields[0].field.id, &r.board.fields[1].field.id);
    let card = |field: &str, text: &str| {
        r.store
            .add_card(field, &fixtures::card(text))
            .unwrap()
            .value
            .id
    };
    let cluster = |field: &str, heading: &str, cards: &[Id]| {
        r.store
            .create_cluster(field, heading, cards)
            .unwrap()
            .value
            .id
    };
    // Clustered in the second field first: the board's order wins.
    let late = card(second, "Busse nur stündlich");
    cluster(second, "Anbindung", &[late]);
    let a = card(first, "Kein Treffpunkt für Jugendliche");
    let b = card(first, "Leerstand in der Hauptstraße");
    cluster(first, "Ortsmitte beleben", &[a, b]);

    let taken = r
        .store
        .challenges_from_clusters(&list, &r.board.board.id)
        .unwrap()
        .value;
    let titles: Vec<&str> = taken.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Ortsmitte beleben", "Anbindung"]);
    assert!(
        taken[0]
            .description
            .contains("Leerstand in der Hauptstraße"),
        "{:?}",
        taken[0]
    );
    let m = r.matrix();
    assert_eq!(m.challenges.len(), 6, "four challenges and two clusters");
    assert_eq!(m.challenges[4].title, "Ortsmitte beleben");

    // Taken again: nothing new, until a new cluster is made.
    assert!(r
        .store
        .challenges_from_clusters(&list, &r.board.board.id)
        .unwrap()
        .value
        .is_empty());
    let c = card(first, "Zu wenig Bänke");
    cluster(first, "Sitzen", &[c]);
    let again = r
        .store
        .challenges_from_clusters(&list, &r.board.board.id)
        .unwrap()
        .value;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].title, "Sitzen");

    // Phones rate a cluster like any challenge.
    r.store.start_agenda_item(&r.rating).unwrap();
    let ortsmitte = taken[0].id.clone();
    r.rate_for("anna", &r.rating, &ortsmitte, Some(5), Some(2))
        .unwrap();
    let rated = r
        .matrix()
        .challenges
        .iter()
        .find(|c| c.id == ortsmitte)
        .unwrap()
        .rated;
    assert_eq!(rated.map(|r| r.count), Some(1));

    // One undo takes the last take back whole.
    r.store
        .step_history(&Workspace::ChallengeList.at(&list), false)
        .unwrap();
    assert_eq!(r.matrix().challenges.len(), 6);
    assert!(!r.matrix().challenges.iter().any(|c| c.title == "Sitzen"));

    // Another workshop's board is not this list's to take from.
    let (_, foreign) = fixtures::workshop_with_board(&r.store, "Anderswo");
    let before = r.matrix();
    let refused = r
        .store
        .challenges_from_clusters(&list, &foreign.board.id)
        .unwrap_err();
    assert!(
        matches!(refused, wandzeitung::Error::NotFound { .. }),
        "{refused:?}"
    );
    assert_eq!(r.matrix(), before);
}
