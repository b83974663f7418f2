//! The participant server under a room's load, on 127.0.0.1 only.
//!
//! N simulated phones (100, then 300) join one board, each opens its own
//! WebSocket, and at the same moment each posts 5 cards and 3 dots, one
//! request after the other as a phone does. Reported: lost and duplicated
//! writes (the store is counted afterwards), post → answer, post → the
//! update it caused received by every socket (matched by its `x-update`
//! number), and the facilitator's `add_card` on the same store meanwhile.
//! `agenda`: 100 phones follow 40 agenda items (item message and reload),
//! and the cost of a restart mid-day.
//! Numbers, not verdicts: `make bench` prints them.

// The phones' HTTP client of the tests, so both speak to the server alike;
// each phone speaks from its device's own loopback address.
#[path = "../tests/support/http.rs"]
#[allow(dead_code)]
mod http;

use std::net::SocketAddr;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use http::{arrived, connect_from, listen, server_of, Client, Heard};
use wandzeitung::join::{JoinConfig, JoinServer};
use wandzeitung::model::*;
use wandzeitung::{templates, Store};

const CARDS_EACH: usize = 5;
const DOTS_EACH: usize = 3;
/// Phones per device (source address): a room where a few share a router,
/// as 5 phones behind each of 60 addresses for 300.
const PHONES_PER_DEVICE: usize = 5;

/// The loopback address phone `p` speaks from: 127.0.0.10 and up.
fn device_of(p: usize) -> std::net::Ipv4Addr {
    let n = 10 + (p / PHONES_PER_DEVICE) as u32;
    std::net::Ipv4Addr::from(0x7f00_0000 + n)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "  {name:<44} n={:<5} p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(f64::NAN)
    );
}

/// The participant server for `board` on 127.0.0.1, in a runtime of its own.
fn serve(store: &Arc<Store>, board: &str) -> (tokio::runtime::Runtime, JoinServer) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let workshop = store.board_view(board).unwrap().board.workshop_id;
    let config = JoinConfig {
        workshop_id: workshop,
        board_id: Some(board.to_owned()),
        named: false,
        cap: 1_000,
    };
    let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    let server = runtime
        .block_on(JoinServer::start(store.clone(), config, addr, |_| {}))
        .unwrap();
    (runtime, server)
}

fn run(participants: usize, reload_phones: bool) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("bench.sqlite3")).unwrap());
    let w = store
        .create_workshop(&WorkshopInput {
            title: "Last".into(),
            date: "2026-12-01".into(),
            ..Default::default()
        })
        .unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    let field = b.fields[0].field.id.clone();
    let targets: Vec<String> = (0..10)
        .map(|i| {
            let input = CardInput {
                text: format!("Vorlage {i}"),
                color: CardColor::Yellow,
                author: String::new(),
            };
            store
                .add_card(&b.fields[1].field.id, &input)
                .unwrap()
                .value
                .id
        })
        .collect();
    store.open_vote(&b.board.id, DOTS_EACH as u32).unwrap();
    let cards_before = store.board_view(&b.board.id).unwrap().fields[0].cards.len();

    let (runtime, server) = serve(&store, &b.board.id);
    let base = format!("http://{}", server.addr());
    let secret = server.secret().to_owned();

    // Everyone joins and opens a socket before the moment.
    let tokens: Vec<String> = (0..participants)
        .map(|p| {
            let r = Client::new(device_of(p), &base)
                .send(
                    "POST",
                    "/api/join",
                    &[("Content-Type", "application/json")],
                    Some(&serde_json::json!({"secret": secret}).to_string()),
                )
                .unwrap();
            r.json()["token"]
                .as_str()
                .unwrap_or_else(|| panic!("joined: {}", r.body))
                .to_owned()
        })
        .collect();
    let writes = participants * (CARDS_EACH + DOTS_EACH);
    // The store numbers its commits (a commit holds many phones' writes,
    // and the facilitator's cards are numbered too): the sockets read until
    // the last number a post was answered with, once the posts are done.
    let last_update = Arc::new(std::sync::atomic::AtomicUsize::new(usize::MAX));
    // update number → when each socket received it
    let arrivals: Arc<Mutex<Vec<Vec<Instant>>>> = Arc::default();
    let reloads: Arc<Mutex<Vec<(f64, u16)>>> = Arc::default();
    let mut readers = Vec::new();
    for (p, token) in tokens.iter().enumerate() {
        let url = format!("{}/api/ws?token={token}", base.replacen("http", "ws", 1));
        let stream = connect_from(device_of(p), server_of(&base)).unwrap();
        let (mut ws, _) = tungstenite::client(url, stream).expect("socket");
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let arrivals = arrivals.clone();
        let last_update = last_update.clone();
        let reloads = reloads.clone();
        let (base, token) = (base.clone(), token.clone());
        readers.push(std::thread::spawn(move || {
            // The server folds a burst into one message "changed up to n":
            // it delivers every update up to n at once.
            let (mut seen, mut messages, mut lagged) = (0usize, 0usize, 0usize);
            // As the page does: reload the board on an update, at most every
            // 200 ms, beside the socket (a browser's fetch does not stop it).
            let (wake, woken) = std::sync::mpsc::channel::<()>();
            let reloader = reload_phones.then(|| {
                std::thread::spawn(move || {
                    let mut client = Client::new(device_of(p), &base);
                    let auth = format!("Bearer {token}");
                    while woken.recv().is_ok() {
                        while woken.try_recv().is_ok() {}
                        let t = Instant::now();
                        let r = client
                            .send("GET", "/api/board", &[("Authorization", &auth)], None)
                            .unwrap();
                        reloads
                            .lock()
                            .unwrap()
                            .push((t.elapsed().as_secs_f64() * 1e3, r.status));
                        std::thread::sleep(Duration::from_millis(200));
                    }
                })
            });
            let mut heard = Instant::now();
            while seen < last_update.load(std::sync::atomic::Ordering::SeqCst) {
                let msg = match listen(&mut ws, &mut heard, Duration::from_secs(5)) {
                    Heard::Message(msg) => msg,
                    Heard::Nothing => continue,
                    Heard::Gone => break,
                };
                let Ok(text) = msg.to_text() else { continue };
                let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
                if v["type"] != "changed" {
                    continue;
                }
                messages += 1;
                match v["update"].as_u64() {
                    Some(n) => seen = arrived(&arrivals, seen, n as usize, Instant::now()),
                    None => lagged += 1,
                }
                let _ = wake.send(());
            }
            drop(wake);
            if let Some(r) = reloader {
                r.join().unwrap();
            }
            (messages, lagged)
        }));
    }

    // The facilitator keeps typing on the laptop while the room writes.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let facilitator = {
        let (store, field, stop) = (store.clone(), b.fields[2].field.id.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut ms = Vec::new();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let input = CardInput {
                    text: format!("Moderation {i}"),
                    color: CardColor::Blue,
                    author: String::new(),
                };
                let t = Instant::now();
                store.add_card(&field, &input).unwrap();
                ms.push(t.elapsed().as_secs_f64() * 1e3);
                i += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            ms
        })
    };

    let barrier = Arc::new(Barrier::new(participants));
    let started = Instant::now();
    let phones: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(p, token)| {
            let (base, token, field, targets, barrier) =
                (base.clone(), token.clone(), field.clone(), targets.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut client = Client::new(device_of(p), &base);
                let auth = format!("Bearer {token}");
                let mut posts = Vec::new(); // (sent, answered, status, update)
                // A phone has loaded the board before it writes: its
                // connection is open (kept alive) when the moment comes.
                let loaded = client
                    .send("GET", "/api/board", &[("Authorization", &auth)], None)
                    .unwrap();
                assert_eq!(loaded.status, 200);
                barrier.wait();
                for i in 0..CARDS_EACH + DOTS_EACH {
                    let body = if i < CARDS_EACH {
                        serde_json::json!({"request_id": format!("p{p}-c{i}-bench"), "write": {"kind": "add_card", "field_id": field,
                            "input": {"text": format!("Handy {p} Karte {i}"), "color": "yellow", "author": ""}}})
                    } else {
                        serde_json::json!({"request_id": format!("p{p}-d{i}-bench"), "write": {"kind": "add_dot",
                            "target": {"kind": "card", "id": targets[(p + i) % targets.len()]}}})
                    };
                    let path = "/api/write";
                    let sent = Instant::now();
                    let resp = client
                        .send(
                            "POST",
                            path,
                            &[("Authorization", &auth), ("Content-Type", "application/json")],
                            Some(&body.to_string()),
                        )
                        .unwrap();
                    let update = resp.header("x-update").and_then(|v| v.parse::<usize>().ok());
                    posts.push((sent, Instant::now(), resp.status, update));
                }
                posts
            })
        })
        .collect();
    let posts: Vec<_> = phones.into_iter().flat_map(|h| h.join().unwrap()).collect();
    let wall = started.elapsed();
    last_update.store(
        posts.iter().filter_map(|p| p.3).max().unwrap_or(0),
        std::sync::atomic::Ordering::SeqCst,
    );
    let socket_counts: Vec<(usize, usize)> =
        readers.into_iter().map(|h| h.join().unwrap()).collect();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let facilitator_ms = facilitator.join().unwrap();

    let failed = posts.iter().filter(|p| p.2 != 200).count();
    let view = store.board_view(&b.board.id).unwrap();
    let phone_cards: Vec<&Card> = view.fields[0]
        .cards
        .iter()
        .filter(|c| !c.participant.is_empty())
        .collect();
    let mut texts: Vec<&str> = phone_cards.iter().map(|c| c.text.as_str()).collect();
    texts.sort_unstable();
    let distinct = {
        let mut d = texts.clone();
        d.dedup();
        d.len()
    };
    let dots: u32 = view.dots_used.iter().map(|d| d.used).sum();
    let arrivals = arrivals.lock().unwrap();
    let to_all: Vec<f64> = posts
        .iter()
        .filter_map(|(sent, _, _, update)| {
            let got = arrivals.get((*update)?)?;
            (got.len() == participants).then(|| {
                got.iter()
                    .max()
                    .unwrap()
                    .duration_since(*sent)
                    .as_secs_f64()
                    * 1e3
            })
        })
        .collect();
    let incomplete = posts.iter().filter(|p| p.3.is_some()).count() - to_all.len();

    println!(
        "{participants} participants, {} posts each, all at once (wall {:.2} s)",
        CARDS_EACH + DOTS_EACH,
        wall.as_secs_f64()
    );
    println!(
        "  cards: {} expected, {} stored, {} distinct → lost {}, duplicated {}; dots: {} expected, {} stored; refused posts: {failed}",
        participants * CARDS_EACH,
        phone_cards.len(),
        distinct,
        (participants * CARDS_EACH).saturating_sub(distinct),
        phone_cards.len() - distinct,
        participants * DOTS_EACH,
        dots,
    );
    assert_eq!(view.fields[0].cards.len() - cards_before, phone_cards.len());
    report(
        "post → answer",
        posts
            .iter()
            .map(|p| p.1.duration_since(p.0).as_secs_f64() * 1e3)
            .collect(),
    );
    report("post → update received by every socket", to_all);
    println!(
        "  updates that did not reach every socket: {incomplete}; messages per socket for {writes} writes: {:.0} (bursts folded), lagged: {}",
        socket_counts.iter().map(|c| c.0).sum::<usize>() as f64 / participants as f64,
        socket_counts.iter().map(|c| c.1).sum::<usize>()
    );
    report(
        "facilitator add_card (core, same store) meanwhile",
        facilitator_ms,
    );
    if reload_phones {
        let reloads = reloads.lock().unwrap();
        let refused = reloads.iter().filter(|r| r.1 != 200).count();
        report(
            "phone reloads the board (GET /api/board)",
            reloads.iter().map(|r| r.0).collect(),
        );
        println!("  reloads refused: {refused}");
    }
    runtime.block_on(server.stop());
}

/// Bytes the laptop sends over the room's Wi-Fi: one phone joining with an
/// empty cache, and 100 phones coming back after the Wi-Fi dropped (the
/// socket reconnects and the board reloads; or the whole page reloads, its
/// hashed script and style then come from the phone's cache).
fn bytes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("bytes.sqlite3")).unwrap());
    let id = wandzeitung::templates::create_demo_workshop(&store).unwrap();
    let board = store.workshop_detail(&id).unwrap().boards[0].id.clone();
    let (runtime, server) = serve(&store, &board);
    let base = format!("http://{}", server.addr());
    let secret = server.secret().to_owned();
    let gzip = [("Accept-Encoding", "gzip, deflate")];

    // The WebSocket's handshake answer and its hello.
    let socket_bytes = |p: usize, token: &str| -> usize {
        let mut stream = connect_from(device_of(p), server_of(&base)).unwrap();
        use std::io::{Read, Write};
        write!(
            stream,
            "GET /api/ws?token={token} HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\n\
             Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            server.addr()
        )
        .unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&got).contains("hello") {
            let n = stream.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        got.len()
    };

    let join = |p: usize, encoding: &[(&str, &str)]| -> (usize, String, String) {
        let mut c = Client::new(device_of(p), &base);
        let page = c
            .send("GET", &format!("/j/{secret}"), encoding, None)
            .unwrap();
        let html = Client::new(device_of(p), &base)
            .send("GET", "/", &[], None)
            .unwrap()
            .body;
        let mut total = page.wire_bytes;
        for part in html.split('"').filter(|p| p.starts_with("/participant-")) {
            total += c.send("GET", part, encoding, None).unwrap().wire_bytes;
        }
        let body = serde_json::json!({ "secret": secret }).to_string();
        let json = [("Content-Type", "application/json")];
        total += c
            .send("POST", "/api/session", &json, Some(&body))
            .unwrap()
            .wire_bytes;
        let joined = c.send("POST", "/api/join", &json, Some(&body)).unwrap();
        total += joined.wire_bytes;
        let token = joined.json()["token"].as_str().unwrap().to_owned();
        let auth = format!("Bearer {token}");
        let board = c
            .send("GET", "/api/board", &[("Authorization", &auth)], None)
            .unwrap();
        total += board.wire_bytes + socket_bytes(p, &token);
        (total, token, auth)
    };
    let (cold_plain, _, _) = join(0, &[]);
    let (cold, _, _) = join(1, &gzip);
    println!("bytes to the phones (the demo board, 14 cards):");
    println!("  one phone joining, empty cache: {cold} gzipped ({cold_plain} without gzip)");

    let phones: Vec<(String, String)> = (10..110)
        .map(|p| join(p, &gzip))
        .map(|(_, t, a)| (t, a))
        .collect();
    let mut socket_again = 0;
    let mut page_again = 0;
    // As before this change: the page, its script and its style sent again
    // whole on every reload (no gzip, nothing kept by the phone).
    let mut page_again_before = 0;
    for (p, (token, auth)) in phones.iter().enumerate() {
        let p = p + 10;
        let mut c = Client::new(device_of(p), &base);
        let board = c
            .send("GET", "/api/board", &[("Authorization", auth)], None)
            .unwrap();
        let socket = socket_bytes(p, token);
        socket_again += board.wire_bytes + socket;
        let page = c.send("GET", &format!("/j/{secret}"), &gzip, None).unwrap();
        page_again += page.wire_bytes + board.wire_bytes + socket;
        let plain = c.send("GET", &format!("/j/{secret}"), &[], None).unwrap();
        page_again_before += plain.wire_bytes + board.wire_bytes + socket;
        for part in plain
            .body
            .split('"')
            .filter(|p| p.starts_with("/participant-"))
        {
            page_again_before += c.send("GET", part, &[], None).unwrap().wire_bytes;
        }
    }
    println!(
        "  100 phones after a Wi-Fi drop: {:.1} KiB when the socket reconnects (board + socket), \
         {:.1} KiB when the page reloads too (its script and style from the phone's cache)",
        socket_again as f64 / 1024.0,
        page_again as f64 / 1024.0
    );
    println!(
        "  (the page reloading as before, unpacked and sent again whole: {:.1} KiB)",
        page_again_before as f64 / 1024.0
    );
    runtime.block_on(server.stop());
}

/// The day moves on: 100 phones in one workshop's session, the facilitator
/// starts the next agenda item 40 times; per switch, the time from the
/// facilitator's click (the store write included) until every socket has
/// the "item" message, and until every phone has reloaded the day and shows
/// the new item. Then what a restart mid-day costs: `wz serve` started
/// again on the kept session, until the first phone is back with its token.
fn agenda() {
    const PHONES: usize = 100;
    const SWITCHES: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agenda.sqlite3");
    let store = Arc::new(Store::open(&db).unwrap());
    let w = store
        .create_workshop(&WorkshopInput {
            title: "Tag".into(),
            date: "2026-12-03".into(),
            ..Default::default()
        })
        .unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    let items: Vec<Id> = (0..=SWITCHES)
        .map(|i| {
            let activity = match i % 3 {
                0 => Activity::Listen,
                1 => Activity::Cards {
                    board_id: b.board.id.clone(),
                    field_id: None,
                },
                _ => Activity::BoardVote {
                    board_id: b.board.id.clone(),
                },
            };
            store
                .add_agenda_item(
                    &w.id,
                    &AgendaItemInput {
                        start_time: format!("{:02}:{:02}", 8 + i / 6, (i % 6) * 10),
                        duration_minutes: 10,
                        title: format!("Punkt {i}"),
                        who: String::new(),
                        activity,
                    },
                )
                .unwrap()
                .id
        })
        .collect();
    store.start_agenda_item(&items[0]).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let config = JoinConfig {
        workshop_id: w.id.clone(),
        board_id: None,
        named: false,
        cap: 1_000,
    };
    let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    let server = runtime
        .block_on(JoinServer::start(store.clone(), config, addr, |_| {}))
        .unwrap();
    let base = format!("http://{}", server.addr());
    let secret = server.secret().to_owned();
    let tokens: Vec<String> = (0..PHONES)
        .map(|p| {
            let r = Client::new(device_of(p), &base)
                .send(
                    "POST",
                    "/api/join",
                    &[("Content-Type", "application/json")],
                    Some(&serde_json::json!({"secret": secret}).to_string()),
                )
                .unwrap();
            r.json()["token"].as_str().unwrap().to_owned()
        })
        .collect();
    // Per phone: when each "item" message came, and when its reload showed the item.
    let barrier = Arc::new(Barrier::new(PHONES + 1));
    let readers: Vec<_> = tokens
        .iter()
        .enumerate()
        .map(|(p, token)| {
            let url = format!("{}/api/ws?token={token}", base.replacen("http", "ws", 1));
            let stream = connect_from(device_of(p), server_of(&base)).unwrap();
            let (mut ws, _) = tungstenite::client(url, stream).expect("socket");
            ws.get_ref()
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let (base, token, barrier) = (base.clone(), token.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut client = Client::new(device_of(p), &base);
                let auth = format!("Bearer {token}");
                let mut got = Vec::new();
                barrier.wait();
                while got.len() < SWITCHES {
                    let Ok(msg) = ws.read() else { break };
                    let Ok(text) = msg.to_text() else { continue };
                    if !text.contains(r#""type":"item""#) {
                        continue;
                    }
                    let message = Instant::now();
                    let day = client
                        .send("GET", "/api/day", &[("Authorization", &auth)], None)
                        .unwrap();
                    let item = day.json()["item"].as_str().unwrap_or("").to_owned();
                    got.push((message, Instant::now(), item));
                }
                got
            })
        })
        .collect();
    barrier.wait();
    let mut clicks = Vec::new();
    for item in &items[1..] {
        std::thread::sleep(Duration::from_millis(250));
        let t = Instant::now();
        store.start_agenda_item(item).unwrap();
        clicks.push(t);
    }
    let got: Vec<Vec<(Instant, Instant, String)>> =
        readers.into_iter().map(|h| h.join().unwrap()).collect();
    let (mut to_all_sockets, mut to_all_phones, mut per_socket) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut wrong = 0;
    for (k, click) in clicks.iter().enumerate() {
        let mut socket_max: f64 = 0.0;
        let mut phone_max: f64 = 0.0;
        for phone in &got {
            let Some((message, shown, item)) = phone.get(k) else {
                continue;
            };
            if *item != items[k + 1] {
                wrong += 1;
            }
            let m = message.duration_since(*click).as_secs_f64() * 1e3;
            per_socket.push(m);
            socket_max = socket_max.max(m);
            phone_max = phone_max.max(shown.duration_since(*click).as_secs_f64() * 1e3);
        }
        to_all_sockets.push(socket_max);
        to_all_phones.push(phone_max);
    }
    let messages: usize = got.iter().map(Vec::len).sum();
    println!(
        "{PHONES} phones, {SWITCHES} agenda items started one after the other: {messages} item messages \
         ({} expected, one per socket and item), reloads showing another item than the running one: {wrong}",
        PHONES * SWITCHES
    );
    report("start item → every socket has the message", to_all_sockets);
    report("start item → one socket has the message", per_socket);
    report("start item → every phone shows the new item", to_all_phones);
    runtime.block_on(server.close());
    drop(runtime);
    drop(store);

    // A restart mid-day: `wz serve` on the kept session, the old port, the
    // phone's old token; from the process start until the phone is back.
    let port = server_of(&base).port();
    let mut restarts = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wz"))
            .args(["serve", &w.id, "--addr", &format!("127.0.0.1:{port}")])
            .env("WANDZEITUNG_DB", &db)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let back = loop {
            let url = format!(
                "{}/api/ws?token={}",
                base.replacen("http", "ws", 1),
                tokens[0]
            );
            if let Ok(stream) = connect_from(device_of(0), server_of(&base)) {
                if let Ok((mut ws, _)) = tungstenite::client(url, stream) {
                    if ws.read().is_ok() {
                        break t.elapsed();
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        restarts.push(back.as_secs_f64() * 1e3);
        // As a crash would: the session stays for the next start.
        let _ = child.kill();
        let _ = child.wait();
    }
    report("restart (wz serve) → first phone back, old token", restarts);
}

fn main() {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    if filter.as_deref().is_none_or(|f| f == "agenda") {
        agenda();
    }
    for (n, reload) in [(100, false), (100, true), (300, false), (300, true)] {
        if filter.as_deref().is_none_or(|f| n.to_string() == f) {
            run(n, reload);
        }
    }
    if filter.as_deref().is_none_or(|f| f == "bytes") {
        bytes();
    }
}
