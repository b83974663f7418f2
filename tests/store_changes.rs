//! The store tells who changed what: a write made through the store alone,
//! with no window and no shell command around it (as `wz serve`, a
//! benchmark or the team folder write), reaches a connected phone's socket
//! and the store's followers (the app's windows follow the same feed, see
//! `src-tauri/src/events.rs`); a write that is rolled back tells no one.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use support::fixtures;
use support::phones::{post, write_body, Phone};
use wandzeitung::join::{JoinConfig, JoinServer};
use wandzeitung::model::*;
use wandzeitung::store::{PhoneCall, PhoneWrite};
use wandzeitung::Store;

type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>;

/// The next message on the phone's socket, or None when none comes in `wait`.
fn next_message(ws: &mut Socket, wait: Duration) -> Option<Value> {
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
        s.set_read_timeout(Some(wait)).unwrap();
    }
    loop {
        match ws.read() {
            Ok(tungstenite::Message::Text(t)) => return Some(serde_json::from_str(&t).unwrap()),
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None
            }
            Err(e) => panic!("the socket broke: {e}"),
        }
    }
}

fn message(ws: &mut Socket) -> Value {
    next_message(ws, Duration::from_secs(10)).expect("the phone is told")
}

/// What the followers heard since the last call.
struct Heard(Arc<Mutex<Vec<Published>>>);

impl Heard {
    fn take(&self) -> Vec<Change> {
        let published: Vec<Published> = std::mem::take(&mut *self.0.lock().unwrap());
        let numbers: Vec<u64> = published.iter().map(|p| p.number).collect();
        assert!(
            numbers.windows(2).all(|w| w[0] < w[1]),
            "commits are numbered in order: {numbers:?}"
        );
        published.into_iter().flat_map(|p| p.changes).collect()
    }
}

#[test]
fn a_card_weiter_and_a_moderation_made_in_the_store_alone_reach_the_phones_and_the_followers() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("changes.sqlite3")).unwrap());
    let (w, b) = fixtures::workshop_with_board(&store, "Ortskern");
    let field = b.fields[0].field.id.clone();
    for (title, activity) in [
        (
            "Sammeln",
            Activity::Cards {
                board_id: b.board.id.clone(),
                field_id: None,
            },
        ),
        ("Rückfragen", Activity::Questions { review: true }),
    ] {
        let input = AgendaItemInput {
            start_time: "10:00".into(),
            duration_minutes: 20,
            title: title.into(),
            who: String::new(),
            activity,
        };
        store.add_agenda_item(&w.id, &input).unwrap();
    }
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let _following = store.subscribe(move |p| sink.lock().unwrap().push(p.clone()));
    let heard = Heard(log);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let config = JoinConfig {
        workshop_id: w.id.clone(),
        board_id: None,
        named: false,
        cap: 10,
    };
    let server = runtime
        .block_on(JoinServer::start(
            store.clone(),
            config,
            ([127, 0, 0, 1], 0).into(),
            |_| {},
        ))
        .unwrap();
    let base = format!("http://{}", server.addr());
    let phone = Phone::join(&base, server.secret(), "");
    let mut ws = phone.socket();
    // Another phone in the room, to see what the room sees.
    let other = Phone::join(&base, server.secret(), "");
    let mut room = other.socket();

    // "Weiter", in the store: the phones switch to the first item.
    let first = store.next_agenda_item(&w.id).unwrap().unwrap();
    for socket in [&mut ws, &mut room] {
        let msg = message(socket);
        assert_eq!(msg["type"], "item", "{msg}");
    }
    assert_eq!(
        heard.take(),
        [Change {
            source: Source::Window,
            subject: Subject::Agenda {
                workshop_id: w.id.clone(),
                item: Some(first.clone()),
            },
        }]
    );

    // A card, in the store: the phone's board shows it.
    let card = store
        .add_card(&field, &fixtures::card("Mehr Bänke am Markt"))
        .unwrap();
    for socket in [&mut ws, &mut room] {
        let msg = message(socket);
        assert_eq!(msg["type"], "changed", "{msg}");
        assert!(msg.to_string().contains("Mehr Bänke am Markt"), "{msg}");
    }
    assert_eq!(
        heard.take(),
        [Change {
            source: Source::Window,
            subject: Subject::Workspace {
                workspace: WorkspaceRef::board(&b.board.id),
                history: card.history.clone(),
                card: None,
            },
        }]
    );

    // A phone's own question: its writer is the phone.
    store.next_agenda_item(&w.id).unwrap().unwrap();
    for socket in [&mut ws, &mut room] {
        let msg = message(socket);
        assert_eq!(msg["type"], "item", "{msg}");
    }
    let questions = store.agenda(&w.id).unwrap()[1].id.clone();
    let asked = post(
        &base,
        "/api/write",
        Some(&phone.token),
        &write_body(
            "ask-0001",
            Some(&questions),
            json!({"kind": "ask_question", "text": "Wann kommt der Bus?"}),
        ),
    );
    assert_eq!(asked.0, 200, "{}", asked.1);
    let question = asked.1["id"].as_str().unwrap().to_owned();
    let changes: Vec<Change> = heard
        .take()
        .into_iter()
        .filter(|c| !matches!(c.subject, Subject::Agenda { .. }))
        .collect();
    assert!(
        matches!(
            changes.as_slice(),
            [Change { source: Source::Phone { participant }, subject: Subject::Item { item_id } }]
                if !participant.is_empty() && *item_id == questions
        ),
        "{changes:?}"
    );
    // It waits for review: the asker sees it, the room does not yet.
    let mut asker_saw = false;
    while let Some(msg) = next_message(&mut ws, Duration::from_millis(600)) {
        asker_saw |= msg.to_string().contains("Wann kommt der Bus?");
    }
    assert!(asker_saw, "the asking phone shows its own question");
    while let Some(msg) = next_message(&mut room, Duration::from_millis(300)) {
        assert!(!msg.to_string().contains("Wann kommt der Bus?"), "{msg}");
    }

    // The facilitator lets it through, in the store: the room's phone shows it.
    store
        .set_question_state(&question, QuestionState::Open)
        .unwrap();
    let msg = message(&mut room);
    assert_eq!(msg["type"], "changed", "{msg}");
    assert!(msg.to_string().contains("Wann kommt der Bus?"), "{msg}");
    while next_message(&mut ws, Duration::from_millis(300)).is_some() {}
    assert_eq!(
        heard.take(),
        [Change {
            source: Source::Window,
            subject: Subject::Item {
                item_id: questions.clone(),
            },
        }]
    );

    // Rolled back, whole: no one hears of it.
    store
        .merge_questions(&question, &question)
        .expect_err("a question is not merged into itself");
    store
        .add_card("no-such-field", &fixtures::card("Verloren"))
        .expect_err("no such field");
    assert_eq!(heard.take(), [], "a refused write announces nothing");
    for socket in [&mut ws, &mut room] {
        assert_eq!(
            next_message(socket, Duration::from_millis(800)),
            None,
            "the phones are told nothing"
        );
    }

    // Two phones' writes in one commit: the refused one is not heard of,
    // the other is, under its own phone.
    let call = |participant: &str, text: String| PhoneCall {
        participant: participant.into(),
        item: Some(questions.clone()),
        write: PhoneWrite::AskQuestion {
            text,
            name: String::new(),
        },
    };
    let results = store
        .participant_writes(
            &w.id,
            &[
                call("phone-a", "Wo parken Busse?".into()),
                call("phone-b", "x".repeat(5000)),
            ],
        )
        .unwrap();
    assert!(results[0].is_ok() && results[1].is_err(), "{results:?}");
    assert_eq!(
        heard.take(),
        [Change {
            source: Source::Phone {
                participant: "phone-a".into()
            },
            subject: Subject::Item {
                item_id: questions.clone()
            },
        }]
    );

    runtime.block_on(server.stop());
}
