//! How many tests begin: a workshop with the group-work board, and plain
//! cards to put on it. Shared by the end-to-end tests (through `support`)
//! and by the core's tests (`#[path]`), so each test says only what is
//! particular to it.

#![allow(dead_code)]

use wandzeitung::model::{
    BoardView, CardColor, CardInput, ChallengeInput, ChallengeStatus, Id, Workshop, WorkshopInput,
};
use wandzeitung::{templates, Store};

/// A new workshop titled `title` with the group-work board (four questions).
pub fn workshop_with_board(store: &Store, title: &str) -> (Workshop, BoardView) {
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: "2026-12-01".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    (w, b)
}

/// A yellow card without a name, as most cards are typed.
pub fn card(text: &str) -> CardInput {
    CardInput {
        text: text.into(),
        color: CardColor::Yellow,
        author: String::new(),
    }
}

/// Three workshops of a year, each with a list of challenges (title, owner,
/// due date, status), for following challenges after the day.
pub fn year(store: &Store) -> Vec<Id> {
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
