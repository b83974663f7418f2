//! How many tests begin: a workshop with the group-work board, and plain
//! cards to put on it. Shared by the end-to-end tests (through `support`)
//! and by the core's tests (`#[path]`), so each test says only what is
//! particular to it.

#![allow(dead_code)]

use wandzeitung::model::{
    BoardView, CardColor, CardInput, ChallengeInput, ChallengeStatus, Id, ProgressInput, Workshop,
    WorkshopInput,
};
use wandzeitung::store::SessionRequest;
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

/// `workshops` workshops with `each` challenges, as a year of many
/// workshops leaves them: five owners, the four statuses in turn, due dates
/// from half a year before `around` to half a year after (every seventh
/// without one), and a history of two steps on every third challenge.
pub fn many_challenges(store: &Store, workshops: u32, each: u32, around: chrono::NaiveDate) {
    let owners = [
        "Herr Özdemir",
        "Frau Weiß",
        "Bauhof",
        "Amt für Digitales",
        "Jugendpflege",
    ];
    for w in 0..workshops {
        let workshop = store
            .create_workshop(&WorkshopInput {
                title: format!("Werkstatt {w}"),
                date: format!("2027-{:02}-{:02}", 1 + w % 12, 1 + w % 28),
                ..WorkshopInput::default()
            })
            .unwrap();
        let list = store
            .create_challenge_list(&workshop.id, "Herausforderungen")
            .unwrap();
        for c in 0..each {
            let n = w * each + c;
            let due = around - chrono::Days::new(180) + chrono::Days::new(u64::from(n % 360));
            let challenge = store
                .add_challenge(
                    &list.id,
                    &ChallengeInput {
                        title: format!("Vorhaben {n}"),
                        responsible: owners[(n % 5) as usize].into(),
                        next_step: "Termin mit dem Amt".into(),
                        due_date: if n.is_multiple_of(7) {
                            String::new()
                        } else {
                            due.to_string()
                        },
                        status: ChallengeStatus::ALL[(n % 4) as usize],
                        ..ChallengeInput::default()
                    },
                )
                .unwrap()
                .value;
            if n.is_multiple_of(3) {
                for (day, note) in [
                    ("2027-05-12", "Ansprechperson benannt"),
                    ("2027-06-02", "Angebot liegt vor"),
                ] {
                    store
                        .record_progress(
                            &challenge.id,
                            &ProgressInput {
                                happened_on: day.into(),
                                status: None,
                                note: note.into(),
                            },
                        )
                        .unwrap();
                }
            }
        }
    }
}

/// The workshop as a file would hold it, without the time of its last
/// change that every write moves on: what a refused write must leave
/// exactly as it was.
pub fn stored_state(store: &Store, workshop: &str) -> serde_json::Value {
    let mut doc = store.export_workshop(workshop).unwrap();
    doc.workshop.updated_at = chrono::DateTime::UNIX_EPOCH;
    serde_json::to_value(doc).unwrap()
}

/// A phone session for the workshop, kept in the store as the app keeps it
/// (phones between items write on `board`, if given).
pub fn phone_session(store: &Store, workshop: &str, board: Option<&str>) {
    store
        .open_join_session(&SessionRequest {
            workshop_id: workshop,
            board_id: board,
            named: false,
            cap: 50,
            address: "127.0.0.1:0",
            secret: "secret",
            code: "CODE23",
        })
        .unwrap();
}

/// The workshop's word clouds and ratings as the results CSV writes them.
pub fn results_csv(doc: &wandzeitung::model::document::WorkshopDocument) -> String {
    let bytes = wandzeitung::protocol::export::render(
        doc,
        wandzeitung::protocol::export::ExportFormat::Results,
        chrono::Utc::now(),
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The row of a CSV (separated by semicolons) that has a cell `cell`.
pub fn csv_row(csv: &str, cell: &str) -> String {
    csv.lines()
        .find(|l| l.contains(&format!(";\"{cell}\";")))
        .unwrap_or_else(|| panic!("no row for {cell} in:\n{csv}"))
        .to_owned()
}
