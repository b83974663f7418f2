//! A class behind one router: 30 and 60 phones on one address against
//! `wz serve`, each doing what the phone's page does (load the page and its
//! two files, session, join, the day, the socket that brings every change;
//! then writes), through a card round and a dot vote. Nobody is refused,
//! and every phone's day, rebuilt from what its socket sent, shows every
//! card. A hall of 150 joins too, told to wait where its budget runs out.

// Source addresses 127.0.0.x stand for devices: Linux routes all of 127/8.
#![cfg(target_os = "linux")]

mod support;

use std::net::Ipv4Addr;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::fixtures;
use support::http::{connect_from, server_of, Client, Reply};
use support::phones::{card, write_body, Served};
use wandzeitung::join::patch;
use wandzeitung::Store;

/// The router's one address, as the laptop sees every phone behind it.
const ROUTER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// The requests one phone made, and the refusals it met.
#[derive(Default, Debug)]
struct Seen {
    requests: usize,
    refused: Vec<String>,
}

struct Phone {
    http: Client,
    base: String,
    token: String,
    seq: u32,
    seen: Seen,
}

impl Phone {
    fn call(&mut self, method: &str, path: &str, body: Option<Value>) -> Reply {
        let auth = format!("Bearer {}", self.token);
        let mut headers = vec![];
        if !self.token.is_empty() {
            headers.push(("Authorization", auth.as_str()));
        }
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        let body = body.map(|b| b.to_string());
        let reply = self
            .http
            .send(method, path, &headers, body.as_deref())
            .expect("the laptop answers");
        self.seen.requests += 1;
        if reply.status != 200 {
            let wait = reply.header("retry-after").unwrap_or("-");
            self.seen.refused.push(format!(
                "{method} {path}: {} (Retry-After {wait}) {}",
                reply.status, reply.body
            ));
        }
        reply
    }

    /// Scanning the QR code: the page, its script and style, the session,
    /// the join and the day, as `Participant.svelte` asks for them.
    fn arrive(s: &Door) -> Phone {
        let mut p = Phone {
            http: Client::new(ROUTER, &s.base),
            base: s.base.clone(),
            token: String::new(),
            seq: 0,
            seen: Seen::default(),
        };
        let page = p.call("GET", &format!("/j/{}", s.secret), None);
        for file in page_files(&page.body) {
            p.call("GET", &file, None);
        }
        p.call("POST", "/api/session", Some(json!({"secret": s.secret})));
        let joined = p.call(
            "POST",
            "/api/join",
            Some(json!({"secret": s.secret, "name": ""})),
        );
        p.token = joined.json()["token"].as_str().unwrap_or_default().into();
        if !p.token.is_empty() {
            p.call("GET", "/api/day", None);
        }
        p
    }

    /// One write as the page sends it (`PhoneWrite` as JSON).
    fn write(&mut self, write: Value) -> Reply {
        self.seq += 1;
        let rid = format!("rid-{}-{}", &self.token[..8], self.seq);
        self.call("POST", "/api/write", Some(write_body(&rid, None, write)))
    }

    /// The socket, opened from the router's address; a thread keeps the
    /// day as the page does, from the day and the patches it is sent.
    fn follow(&self) -> Follower {
        let stream = connect_from(ROUTER, server_of(&self.base)).unwrap();
        let url = format!(
            "{}/api/ws?token={}",
            self.base.replacen("http", "ws", 1),
            self.token
        );
        let (mut ws, _) = tungstenite::client(url, stream).expect("the socket opens");
        let day = Arc::new(Mutex::new((Value::Null, 0usize, 0usize)));
        let kept = day.clone();
        let reader = std::thread::spawn(move || {
            while let Ok(msg) = ws.read() {
                let Ok(text) = msg.to_text() else { continue };
                let Ok(v) = serde_json::from_str::<Value>(text) else {
                    continue;
                };
                let mut k = kept.lock().unwrap();
                k.1 += 1;
                k.2 += text.len();
                if let Some(d) = v.get("day") {
                    k.0 = d.clone();
                } else if let Some(p) = v.get("patch") {
                    k.0 = patch::apply(&k.0, p);
                }
                if v["type"] == "ended" {
                    break;
                }
            }
        });
        Follower {
            day,
            _reader: reader,
        }
    }
}

struct Follower {
    /// The day as the page shows it, messages and bytes received.
    day: Arc<Mutex<(Value, usize, usize)>>,
    _reader: std::thread::JoinHandle<()>,
}

/// The script and style the page names.
fn page_files(html: &str) -> Vec<String> {
    html.split(['"', '\''])
        .filter(|s| s.starts_with('/') && (s.ends_with(".js") || s.ends_with(".css")))
        .map(str::to_owned)
        .collect()
}

/// What a phone learns from the QR code.
struct Door {
    base: String,
    secret: String,
}

struct Room {
    _dir: tempfile::TempDir,
    store: Store,
    served: Served,
    board: String,
    field: String,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("class.sqlite3");
    let store = Store::open(&db).unwrap();
    let (_, b) = fixtures::workshop_with_board(&store, "Schule am Markt");
    let served = Served::start(&db, &b.board.id, &[]);
    Room {
        _dir: dir,
        store,
        served,
        board: b.board.id.clone(),
        field: b.fields[0].field.id.clone(),
    }
}

impl Room {
    fn door(&self) -> Door {
        Door {
            base: self.served.base.clone(),
            secret: self.served.secret.clone(),
        }
    }
}

/// A pause of up to `max_ms`, different per phone and step, as people differ.
fn human(phone: usize, step: usize, max_ms: u64) {
    let spread = ((phone * 7919 + step * 104_729) % 1000) as u64;
    std::thread::sleep(Duration::from_millis(spread * max_ms / 1000));
}

/// `n` phones behind one router: all arrive within two seconds, write two
/// cards each within five, then give three dots each within five.
fn class_of(n: usize) {
    let r = room();
    let started = Instant::now();
    let arrived = Arc::new(Barrier::new(n + 1));
    let voting = Arc::new(Barrier::new(n + 1));
    let phones: Vec<_> = (0..n)
        .map(|i| {
            let served = r.door();
            let (field, arrived, voting) = (r.field.clone(), arrived.clone(), voting.clone());
            std::thread::spawn(move || {
                human(i, 0, 2000);
                let mut p = Phone::arrive(&served);
                let follower = p.follow();
                arrived.wait();
                for k in 0..2 {
                    human(i, k + 1, 2500);
                    p.write(card(&field, &format!("Karte {k} von Handy {i}")));
                }
                voting.wait();
                // The vote is open: three dots on cards the phone's own day
                // shows, as a participant taps them.
                std::thread::sleep(Duration::from_millis(600));
                for k in 0..3 {
                    human(i, k + 10, 1600);
                    let card = {
                        let d = follower.day.lock().unwrap();
                        let cards = d.0["now"]["board"]["fields"][0]["cards"]
                            .as_array()
                            .cloned();
                        let cards = cards.unwrap_or_default();
                        cards[(i + k * 13) % cards.len().max(1)]["id"].clone()
                    };
                    p.write(json!({"kind": "add_dot", "target": {"kind": "card", "id": card}}));
                }
                (p, follower)
            })
        })
        .collect();
    arrived.wait();
    let arrived_after = started.elapsed();
    // The facilitator opens the vote once the cards are in.
    std::thread::sleep(Duration::from_secs(6));
    r.store.open_vote(&r.board, 3).unwrap();
    voting.wait();
    let phones: Vec<(Phone, Follower)> = phones.into_iter().map(|t| t.join().unwrap()).collect();
    // The last dots reach every socket within a push or two.
    std::thread::sleep(Duration::from_secs(2));

    let view = r.store.board_view(&r.board).unwrap();
    let cards: usize = view.fields.iter().map(|f| f.cards.len()).sum();
    let dots: u32 = view
        .fields
        .iter()
        .flat_map(|f| &f.cards)
        .map(|c| c.dots)
        .sum();
    let refused: Vec<&String> = phones.iter().flat_map(|(p, _)| &p.seen.refused).collect();
    let requests: usize = phones.iter().map(|(p, _)| p.seen.requests).sum();
    let (mut messages, mut bytes) = (0, 0);
    for (p, f) in &phones {
        let d = f.day.lock().unwrap();
        let shown = d.0["now"]["board"]["fields"][0]["cards"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(
            shown,
            2 * n,
            "phone {} shows every card from its socket alone",
            &p.token[..8]
        );
        assert_eq!(
            d.0["now"]["board"]["dots_left"], 0,
            "its three dots are shown given"
        );
        messages += d.1;
        bytes += d.2;
    }
    println!(
        "class of {n} on one address: all arrived after {arrived_after:.1?}; {requests} requests, \
         {messages} socket messages ({bytes} bytes, {:.0} per phone), {cards} cards, {dots} dots, \
         {} refusals",
        bytes as f64 / n as f64,
        refused.len()
    );
    assert!(refused.is_empty(), "nobody is refused: {refused:#?}");
    assert_eq!(cards, 2 * n);
    assert_eq!(dots, 3 * n as u32);
}

#[test]
fn a_class_of_30_on_one_address_does_a_card_round_and_a_vote_without_one_refusal() {
    class_of(30);
}

#[test]
fn a_class_of_60_on_one_address_does_a_card_round_and_a_vote_without_one_refusal() {
    class_of(60);
}

#[test]
fn a_hall_of_150_on_one_address_all_join_and_a_refusal_says_when_to_try_again() {
    let r = room();
    let started = Instant::now();
    let phones: Vec<_> = (0..150)
        .map(|_| {
            let door = r.door();
            std::thread::spawn(move || {
                let mut p = Phone::arrive(&door);
                // A phone told to wait tries again after the time it is
                // told, as the page does.
                let mut waits = 0;
                while p.token.is_empty() {
                    let refusal = p.seen.refused.last().cloned().unwrap_or_default();
                    assert!(
                        refusal.contains("POST /api/join: 429 (Retry-After 1)"),
                        "only told to wait a second: {refusal}"
                    );
                    waits += 1;
                    std::thread::sleep(Duration::from_secs(1));
                    let joined = p.call(
                        "POST",
                        "/api/join",
                        Some(json!({"secret": door.secret, "name": ""})),
                    );
                    p.token = joined.json()["token"].as_str().unwrap_or_default().into();
                }
                p.call("GET", "/api/day", None);
                assert_eq!(p.seen.refused.len(), waits, "{:?}", p.seen.refused);
                waits
            })
        })
        .collect();
    let waits: Vec<usize> = phones.into_iter().map(|t| t.join().unwrap()).collect();
    let told = waits.iter().filter(|w| **w > 0).count();
    println!(
        "150 phones on one address joined in {:.1?}; {told} were told to wait, {} times in all",
        started.elapsed(),
        waits.iter().sum::<usize>()
    );
    assert!(told > 0, "a hall this size meets the join budget");
    let joined = Phone::arrive(&r.door());
    assert!(
        joined.seen.refused[0].contains("403") && joined.seen.refused[0].contains("device_full"),
        "the 151st from one address is told the address is full: {:?}",
        joined.seen.refused
    );
}
