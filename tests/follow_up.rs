//! After the workshop: the "Vorhaben" list across workshops, in the core and
//! through `wz challenges`. Three workshops of a year, with owners, due
//! dates and statuses; "today" is given, never read from the clock.

use std::process::Command;

use chrono::NaiveDate;
use wandzeitung::model::*;
use wandzeitung::Store;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Three workshops, each with a list of challenges: (title, owner, due, status).
fn year(store: &Store) -> Vec<Id> {
    let workshops = [
        (
            "Bürgerdialog Mobilität",
            "2027-03-10",
            vec![
                (
                    "Bus am Sonntag",
                    "Herr Özdemir",
                    "2027-05-01",
                    ChallengeStatus::Open,
                ),
                (
                    "Radweg zur Schule",
                    "Frau Weiß",
                    "2027-09-30",
                    ChallengeStatus::InProgress,
                ),
                ("Carsharing", "", "", ChallengeStatus::Open),
            ],
        ),
        (
            "Zukunftswerkstatt Ortsmitte",
            "2027-04-20",
            vec![
                (
                    "WLAN im Bürgerhaus",
                    "Amt für Digitales",
                    "2027-04-30",
                    ChallengeStatus::Done,
                ),
                (
                    "Bänke am Markt",
                    "özdemir, Bauhof",
                    "2027-06-15",
                    ChallengeStatus::Open,
                ),
            ],
        ),
        (
            "Jugendforum",
            "2027-06-01",
            vec![(
                "Treffpunkt; Skatepark, \"bald\"",
                "Jugendpflege",
                "2027-05-20",
                ChallengeStatus::Dropped,
            )],
        ),
    ];
    workshops
        .iter()
        .map(|(title, date, challenges)| {
            let w = store
                .create_workshop(&WorkshopInput {
                    title: (*title).into(),
                    date: (*date).into(),
                    ..WorkshopInput::default()
                })
                .unwrap();
            let list = store
                .create_challenge_list(&w.id, "Herausforderungen")
                .unwrap();
            for (title, owner, due, status) in challenges {
                store
                    .add_challenge(
                        &list.id,
                        &ChallengeInput {
                            title: (*title).into(),
                            responsible: (*owner).into(),
                            next_step: format!("Nächster Schritt: {title}"),
                            due_date: (*due).into(),
                            status: *status,
                            ..ChallengeInput::default()
                        },
                    )
                    .unwrap();
            }
            w.id
        })
        .collect()
}

fn titles(items: &[FollowUpItem]) -> Vec<&str> {
    items.iter().map(|i| i.title.as_str()).collect()
}

#[test]
fn every_workshops_challenges_in_one_list_filtered_and_overdue_as_of_a_given_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("vorhaben.sqlite3")).unwrap();
    let ids = year(&store);
    let all = store
        .follow_up(&FollowUpFilter::default(), day("2027-06-01"))
        .unwrap();
    assert_eq!(
        titles(&all),
        [
            "WLAN im Bürgerhaus",
            "Bus am Sonntag",
            "Treffpunkt; Skatepark, \"bald\"",
            "Bänke am Markt",
            "Radweg zur Schule",
            "Carsharing"
        ],
        "by due date, those without one last"
    );
    assert_eq!(all[0].workshop_title, "Zukunftswerkstatt Ortsmitte");

    // Overdue on 1 June 2027: due before it and still open or in progress
    // (done and dropped ones are not overdue, whatever their date).
    let overdue = FollowUpFilter {
        overdue: true,
        ..Default::default()
    };
    assert_eq!(
        titles(&store.follow_up(&overdue, day("2027-06-01")).unwrap()),
        ["Bus am Sonntag"]
    );
    assert_eq!(
        titles(&store.follow_up(&overdue, day("2027-07-01")).unwrap()),
        ["Bus am Sonntag", "Bänke am Markt"],
        "a month later one more"
    );
    assert!(store
        .follow_up(&overdue, day("2027-01-01"))
        .unwrap()
        .is_empty());
    let flagged: Vec<bool> = store
        .follow_up(&FollowUpFilter::default(), day("2027-07-01"))
        .unwrap()
        .iter()
        .map(|i| i.overdue)
        .collect();
    assert_eq!(flagged, [false, true, false, true, false, false]);

    // The owner in any case, umlauts too; status; workshop; together.
    let by = |owner: &str| FollowUpFilter {
        owner: Some(owner.into()),
        ..Default::default()
    };
    assert_eq!(
        titles(&store.follow_up(&by("ÖZDEMIR"), day("2027-06-01")).unwrap()),
        ["Bus am Sonntag", "Bänke am Markt"]
    );
    assert_eq!(
        titles(&store.follow_up(&by("weiß"), day("2027-06-01")).unwrap()),
        ["Radweg zur Schule"]
    );
    let open_in_first = FollowUpFilter {
        status: Some(ChallengeStatus::Open),
        workshop_id: Some(ids[0].clone()),
        ..Default::default()
    };
    assert_eq!(
        titles(&store.follow_up(&open_in_first, day("2027-06-01")).unwrap()),
        ["Bus am Sonntag", "Carsharing"]
    );
    let none = FollowUpFilter {
        status: Some(ChallengeStatus::Done),
        owner: Some("Özdemir".into()),
        ..Default::default()
    };
    assert!(store
        .follow_up(&none, day("2027-06-01"))
        .unwrap()
        .is_empty());

    // A deleted workshop's challenges leave the list.
    store.delete_workshop(&ids[1]).unwrap();
    assert_eq!(
        store
            .follow_up(&FollowUpFilter::default(), day("2027-06-01"))
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn wz_challenges_prints_one_line_each_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wz.sqlite3");
    year(&Store::open(&db).unwrap());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_wz"))
            .arg("--db")
            .arg(&db)
            .arg("challenges")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let overdue = run(&["--overdue", "--today", "2027-07-01"]);
    let lines: Vec<Vec<&str>> = overdue.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{overdue}");
    assert_eq!(
        lines[0][..8],
        [
            "2027-05-01",
            "open",
            "Herr Özdemir",
            "Bus am Sonntag",
            "Nächster Schritt: Bus am Sonntag",
            "2027-03-10",
            "Bürgerdialog Mobilität",
            "overdue"
        ]
    );
    assert_eq!(lines[0][8].len(), 36, "the challenge's id last");
    let dropped = run(&["--status", "dropped"]);
    assert!(
        dropped.contains("Treffpunkt; Skatepark, \"bald\""),
        "{dropped}"
    );
    assert_eq!(run(&["--owner", "bauhof"]).lines().count(), 1);
    let wrong = Command::new(env!("CARGO_BIN_EXE_wz"))
        .arg("--db")
        .arg(&db)
        .args(["challenges", "--status", "fertig"])
        .output()
        .unwrap();
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "a status not known is a wrong command line"
    );
}
