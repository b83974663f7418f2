//! One hostile device in the room against `wz serve` on loopback: other
//! devices are other 127.0.0.x source addresses. Every attack is bounded
//! in count and time; the store is compared before and after, and a real
//! phone from another address must still get in and write.

// Unix permissions and open-file limits (setpriv, setrlimit): not on Windows.
#![cfg(unix)]

mod support;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::fixtures;
use support::http::{connect_from, server_of, Client, Reply};
use support::phones::{card, write_body, Served};
use wandzeitung::Store;

/// The server's time limits, as documented in `src/join/connections.rs`
/// and `src/join/api.rs`, with a margin for a busy machine.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
const SOCKET_SILENCE: Duration = Duration::from_secs(60);
const MARGIN: Duration = Duration::from_secs(4);

fn device(n: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 0, n)
}

struct Room {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    store: Store,
    workshop: String,
    board: String,
    field: String,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.sqlite3");
    let store = Store::open(&db).unwrap();
    let (w, b) = fixtures::workshop_with_board(&store, "Bürgerdialog");
    store
        .add_card(&b.fields[0].field.id, &fixtures::card("Vom Laptop"))
        .unwrap();
    Room {
        _dir: dir,
        db,
        store,
        workshop: w.id,
        board: b.board.id.clone(),
        field: b.fields[0].field.id.clone(),
    }
}

impl Room {
    /// Every card's text on the board, in wall order.
    fn cards(&self) -> Vec<String> {
        self.store
            .board_view(&self.board)
            .unwrap()
            .fields
            .iter()
            .flat_map(|f| f.cards.iter().map(|c| c.text.clone()))
            .collect()
    }
}

/// A phone on one device: joins, writes, follows.
struct Phone {
    http: Client,
    base: String,
    token: String,
    seq: u32,
}

fn json_post(http: &mut Client, path: &str, token: Option<&str>, body: &Value) -> Reply {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a));
    }
    http.send("POST", path, &headers, Some(&body.to_string()))
        .expect("the server answers")
}

impl Phone {
    fn try_join(source: Ipv4Addr, s: &Served) -> Result<Phone, Reply> {
        let mut http = Client::new(source, &s.base);
        let r = json_post(&mut http, "/api/join", None, &json!({"secret": s.secret}));
        if r.status != 200 {
            return Err(r);
        }
        let token = r.json()["token"].as_str().unwrap().to_owned();
        Ok(Phone {
            http,
            base: s.base.clone(),
            token,
            seq: 0,
        })
    }

    fn join(source: Ipv4Addr, s: &Served) -> Phone {
        Phone::try_join(source, s).unwrap_or_else(|r| panic!("joining: {} {}", r.status, r.body))
    }

    fn add_card(&mut self, field: &str, text: &str) -> Reply {
        self.seq += 1;
        let rid = format!("rid-{}-{}", &self.token[..8], self.seq);
        json_post(
            &mut self.http,
            "/api/write",
            Some(&self.token.clone()),
            &write_body(&rid, None, card(field, text)),
        )
    }

    fn send_photo(&mut self, bytes: &[u8]) -> Reply {
        self.seq += 1;
        let rid = format!("photo-{}-{}", &self.token[..8], self.seq);
        let auth = format!("Bearer {}", self.token);
        self.http
            .send_bytes(
                "POST",
                &format!("/api/photos?request_id={rid}"),
                &[("Authorization", &auth)],
                bytes,
            )
            .expect("the server answers")
    }

    fn board(&mut self) -> Reply {
        let auth = format!("Bearer {}", self.token);
        self.http
            .send("GET", "/api/board", &[("Authorization", &auth)], None)
            .expect("the server answers")
    }

    /// The phone's WebSocket, opened from its device; waits for the hello.
    fn socket(&self) -> tungstenite::WebSocket<TcpStream> {
        let stream = connect_from(self.http.source, server_of(&self.base)).unwrap();
        let url = format!(
            "{}/api/ws?token={}",
            self.base.replacen("http", "ws", 1),
            self.token
        );
        let (mut ws, _) = tungstenite::client(url, stream).expect("the socket opens");
        let hello = ws.read().expect("hello");
        assert!(hello.to_text().unwrap().contains("hello"));
        ws
    }
}

/// Whether the server closed this connection: a read sees the end, or a
/// reset, within `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // an answer (a refusal) before the close
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return false,
            Err(_) => return true,
        }
    }
}

/// Lets this test process hold the thousand connections it opens.
fn raise_own_file_limit() {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: both calls only read or write the struct given.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
        lim.rlim_cur = lim.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
    }
}

fn assert_refusal(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status, status, "expected {status} {code}: {}", r.body);
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "a refusal is JSON the phone page reads: {:?}",
        r.headers
    );
    let v = r.json();
    assert_eq!(v["code"], code, "{}", r.body);
    assert!(
        v["message_key"]
            .as_str()
            .is_some_and(|k| k.starts_with("error.")),
        "a refusal names its message for the phone's catalogue: {}",
        r.body
    );
}

#[test]
fn idle_and_slow_connections_are_closed_within_the_time_limits() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    let server = server_of(&s.base);
    let before = r.cards();

    // 2: connections that never send a byte.
    let mut idle: Vec<TcpStream> = (0..50)
        .map(|_| connect_from(device(2), server).unwrap())
        .collect();
    // 3: a slow one sending its head a byte a second.
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| connect_from(device(3), server).unwrap())
        .collect();
    // 4: a kept-alive connection that asked once and then says nothing.
    let mut kept = connect_from(device(4), server).unwrap();
    write!(kept, "GET / HTTP/1.1\r\nHost: {server}\r\n\r\n").unwrap();
    // 5: a body announced and never sent, and one of a terabyte.
    let mut no_body = connect_from(device(5), server).unwrap();
    write!(
        no_body,
        "POST /api/code HTTP/1.1\r\nHost: {server}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    )
    .unwrap();
    let started = Instant::now();
    let mut huge = Client::new(device(6), &s.base);
    let answer = huge
        .send(
            "POST",
            "/api/code",
            &[
                ("Content-Type", "application/json"),
                ("Content-Length", "1000000000000"),
            ],
            None,
        )
        .unwrap();
    assert_refusal(&answer, 413, "too_large");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "a body announced too large is refused at once, not waited for"
    );

    let slow_done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dripping = {
        let mut slow: Vec<TcpStream> = slow.iter().map(|c| c.try_clone().unwrap()).collect();
        let done = slow_done.clone();
        std::thread::spawn(move || {
            let head = b"GET /api/board HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
            for byte in head.iter().cycle().take(40) {
                if done.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                for c in &mut slow {
                    let _ = c.write_all(&[*byte]);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };

    // A real phone meanwhile gets in and writes.
    let mut phone = Phone::join(device(20), &s);
    assert_eq!(phone.add_card(&r.field, "Trotzdem da").status, 200);

    let limit = HEAD_TIMEOUT + MARGIN;
    let kept_closed = closed_within(&mut kept, limit.saturating_sub(started.elapsed()) + MARGIN);
    let mut body_answer = Vec::new();
    no_body
        .set_read_timeout(Some(limit.saturating_sub(started.elapsed()) + MARGIN))
        .unwrap();
    let _ = no_body.read_to_end(&mut body_answer);
    let idle_closed = idle
        .iter_mut()
        .map(|c| closed_within(c, limit.saturating_sub(started.elapsed())))
        .filter(|closed| *closed)
        .count();
    let slow_closed = slow
        .iter_mut()
        .map(|c| closed_within(c, limit.saturating_sub(started.elapsed())))
        .filter(|closed| *closed)
        .count();
    slow_done.store(true, std::sync::atomic::Ordering::Relaxed);
    dripping.join().unwrap();

    println!(
        "after {:?}: idle {idle_closed}/50, slow {slow_closed}/20 closed, kept-alive closed: {kept_closed}",
        started.elapsed()
    );
    assert!(kept_closed, "an idle kept-alive connection is closed");
    let body_answer = String::from_utf8_lossy(&body_answer);
    assert!(
        body_answer.starts_with("HTTP/1.1 408") && body_answer.contains(r#""code":"too_slow""#),
        "a body that never comes is answered 408 in the refusal format: {body_answer:?}"
    );
    assert_eq!(
        idle_closed, 50,
        "every connection that sent nothing is closed"
    );
    assert_eq!(
        slow_closed, 20,
        "every connection sending its head a byte a second is closed"
    );
    assert!(started.elapsed() < limit + MARGIN * 2);
    let mut after = before.clone();
    after.push("Trotzdem da".into());
    assert_eq!(r.cards(), after, "only the phone's card was added");
}

#[test]
fn with_a_thousand_idle_connections_open_a_phone_still_joins_and_posts() {
    raise_own_file_limit();
    let r = room();
    // The common limit: 1,024 open files, which the server cannot raise.
    let s = Served::start_with_file_limit(&r.db, &r.board, &[], 1024);
    let server = server_of(&s.base);
    let before = r.cards();

    // Ten devices each try to hold 128 connections open: 1,280 in all,
    // more than the process could hold if it took them all.
    let mut held = Vec::new();
    for d in 2..12 {
        for _ in 0..128 {
            if let Ok(c) = connect_from(device(d), server) {
                held.push(c);
            }
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    println!(
        "{} connections attempted from 10 devices; the server holds {} files (limit 1,024)",
        held.len(),
        s.open_files()
    );
    assert!(
        s.open_files() < 1000,
        "the server holds fewer connections than its file limit: {}",
        s.open_files()
    );

    // Three real phones from other devices, one after the other.
    for (i, d) in [40u8, 41, 42].into_iter().enumerate() {
        let mut phone = Phone::join(device(d), &s);
        let mut socket = phone.socket();
        let text = format!("Handy {i}");
        let answer = phone.add_card(&r.field, &text);
        assert_eq!(answer.status, 200, "{}", answer.body);
        let update = socket.read().expect("the phone hears of its card");
        assert!(update.to_text().unwrap().contains("changed"));
    }
    let mut after = before;
    after.extend((0..3).map(|i| format!("Handy {i}")));
    assert_eq!(r.cards(), after);
    drop(held);
}

#[test]
fn a_wrong_code_flood_from_one_address_never_refuses_anothers_right_code() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    let before = r.cards();
    let mut guesser = Client::new(device(2), &s.base);
    let mut guess = |code: &str| json_post(&mut guesser, "/api/code", None, &json!({"code": code}));
    let burst: Vec<u16> = (0..30).map(|_| guess("AAAAAA").status).collect();
    assert!(burst[..10].iter().all(|s| *s == 404), "{burst:?}");
    let limited = guess("AAAAAA");
    assert_refusal(&limited, 429, "rate_limited");
    let wait: u64 = limited
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("429 says when to try again");
    assert!((1..=6).contains(&wait), "{wait}");
    assert_eq!(
        guess(&s.code).status,
        429,
        "the guesser's own right code is refused: it learns nothing"
    );

    // Another device types the right code eight times while the flood goes on.
    let mut room_phone = Client::new(device(3), &s.base);
    for _ in 0..8 {
        guess("BBBBBB");
        let answer = json_post(&mut room_phone, "/api/code", None, &json!({"code": s.code}));
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.json()["secret"], s.secret.as_str());
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(r.cards(), before);
}

#[test]
fn a_join_and_write_burst_from_one_address_leaves_another_address_untouched() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    // One holder of the QR address joins as fast as it can.
    let started = Instant::now();
    let mut joined = Vec::new();
    let mut refused = Vec::new();
    for _ in 0..200 {
        match Phone::try_join(device(2), &s) {
            Ok(p) => joined.push(p),
            Err(reply) => refused.push(reply),
        }
    }
    let took = started.elapsed();
    assert!(
        joined.len() <= 100 + 2 * took.as_secs() as usize + 2,
        "one device joins its burst, then two a second: {} in {took:?}",
        joined.len()
    );
    assert_refusal(&refused[0], 429, "rate_limited");
    assert!(refused[0].header("retry-after").is_some());

    // Through its participants, it writes as fast as it can.
    let mut written = 0;
    let started = Instant::now();
    let n = joined.len();
    for i in 0..400 {
        let p = &mut joined[i % n];
        let answer = p.add_card(&r.field, &format!("Flut {i}"));
        if answer.status == 200 {
            written += 1;
        } else {
            assert_refusal(&answer, 429, "rate_limited");
        }
    }
    let took = started.elapsed().as_secs_f64();
    println!(
        "one device: {} joins of 200 tries, {written} cards of 400 in {took:.1} s",
        joined.len()
    );
    assert!(
        written as f64 <= 200.0 + 10.0 * took + 1.0,
        "one device writes its burst, then ten a second: {written} in {took:.1} s"
    );
    // And reads as fast as it can.
    assert!(
        (0..3000).any(|i| joined[i % n].board().status == 429),
        "a flood of reads runs out too"
    );

    // Another device meanwhile: joins, reads, writes, as if nothing happened.
    let mut phone = Phone::join(device(3), &s);
    assert_eq!(phone.board().status, 200);
    let answer = phone.add_card(&r.field, "Ich bin auch da");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let cards = r.cards();
    assert_eq!(
        cards.iter().filter(|c| c.starts_with("Flut")).count(),
        written,
        "every card answered 200 is on the board, none refused is"
    );
    assert!(cards.contains(&"Ich bin auch da".to_owned()));
}

#[test]
fn one_address_cannot_fill_the_session() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &["--cap", "200"]);
    // Joins from one address, waiting out its rate: it stops at 150.
    let mut from_one = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    let refusal = loop {
        assert!(Instant::now() < deadline, "the device's cap comes first");
        match Phone::try_join(device(2), &s) {
            Ok(_) => from_one += 1,
            Err(reply) if reply.status == 429 => {
                let wait: u64 = reply.header("retry-after").unwrap().parse().unwrap();
                std::thread::sleep(Duration::from_secs(wait));
            }
            Err(reply) => break reply,
        }
    };
    assert_refusal(&refusal, 403, "device_full");
    assert_eq!(from_one, 150);
    assert_eq!(refusal.json()["params"]["max"], "150");
    // The session still has room for the rest of the room.
    for d in 3..13 {
        Phone::join(device(d), &s);
    }
}

#[test]
fn an_oversized_websocket_frame_closes_that_socket_early_with_memory_bounded() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    let mut attacker = Phone::join(device(2), &s);
    let mut other = Phone::join(device(3), &s);
    let mut others_socket = other.socket();
    let memory_before = s.memory_kib();

    // Four sockets, each announcing a 16 MiB frame and sending 256 KiB of it.
    let started = Instant::now();
    let mut sockets: Vec<TcpStream> = (0..4)
        .map(|_| {
            let ws = attacker.socket();
            ws.get_ref().try_clone().unwrap()
        })
        .collect();
    for stream in &mut sockets {
        let mut frame = vec![0x82u8, 0xFF];
        frame.extend_from_slice(&(16u64 << 20).to_be_bytes());
        frame.extend_from_slice(&[1, 2, 3, 4]); // the mask a client must send
        let _ = stream.write_all(&frame);
        for _ in 0..64 {
            if stream.write_all(&[0u8; 4096]).is_err() {
                break;
            }
        }
    }
    for stream in &mut sockets {
        assert!(
            closed_within(stream, Duration::from_secs(3)),
            "the socket is closed as soon as the frame's header says its size"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    let grown = s.memory_kib().saturating_sub(memory_before);
    println!(
        "4 sockets announcing 16 MiB frames: closed after {:?}, server grew {grown} KiB",
        started.elapsed()
    );
    assert!(
        grown < 16 * 1024,
        "the server kept none of the frames: grew {grown} KiB"
    );

    // The other phone follows on as before; the attacker's token still works.
    assert_eq!(attacker.add_card(&r.field, "Noch da").status, 200);
    let update = others_socket.read().expect("the other phone hears of it");
    assert!(update.to_text().unwrap().contains("changed"));
    assert_eq!(other.board().status, 200);
}

#[test]
fn a_socket_is_closed_politely_and_a_silent_one_is_closed_after_a_minute() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    let phone = Phone::join(device(2), &s);

    // A phone that says goodbye hears goodbye.
    let mut leaving = phone.socket();
    leaving.close(None).unwrap();
    let mut answered = false;
    loop {
        match leaving.read() {
            Ok(tungstenite::Message::Close(_)) => answered = true,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    assert!(answered, "the server answers a Close frame with its own");

    // A phone that stops answering pings (it never reads) is let go.
    let started = Instant::now();
    let mut silent = phone.socket().get_ref().try_clone().unwrap();
    assert!(
        closed_within(&mut silent, SOCKET_SILENCE + MARGIN * 2),
        "a socket silent for a minute is closed"
    );
    assert!(
        started.elapsed() > Duration::from_secs(20),
        "but not at once"
    );
}

#[test]
fn a_request_id_replayed_on_another_call_is_a_new_write() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    let mut phone = Phone::join(device(2), &s);
    let token = phone.token.clone();
    let post = |phone: &mut Phone| {
        json_post(
            &mut phone.http,
            "/api/write",
            Some(&token),
            &write_body("same-id-R", None, card(&r.field, "Einmal")),
        )
    };
    let first = post(&mut phone);
    assert_eq!(first.status, 200);
    let again = post(&mut phone);
    assert_eq!(
        again.body, first.body,
        "the same call retried is answered again"
    );
    let id = first.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(r.cards().iter().filter(|c| *c == "Einmal").count(), 1);

    let deleted = json_post(
        &mut phone.http,
        "/api/write",
        Some(&token),
        &write_body(
            "same-id-R",
            None,
            json!({"kind": "delete_card", "card_id": id}),
        ),
    );
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert!(
        !r.cards().contains(&"Einmal".to_owned()),
        "the delete was done, not answered with the card's old reply"
    );
}

#[test]
fn every_refusal_is_in_the_phone_format_and_the_token_stays_on_the_phone() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &[]);
    let mut phone = Phone::join(device(2), &s);
    let mut http = Client::new(device(3), &s.base);
    let ws_headers = [
        ("Connection", "Upgrade"),
        ("Upgrade", "websocket"),
        ("Sec-WebSocket-Version", "13"),
        ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ];
    let mut get =
        |path: &str, headers: &[(&str, &str)]| http.send("GET", path, headers, None).unwrap();
    assert_refusal(&get("/api/ws", &ws_headers), 400, "malformed");
    let doubled = format!("/api/ws?token={0}&token={0}", phone.token);
    assert_refusal(&get(&doubled, &ws_headers), 400, "malformed");
    let no_upgrade = format!("/api/ws?token={}", phone.token);
    assert_refusal(&get(&no_upgrade, &[]), 400, "malformed");
    assert_refusal(&get("/api/ws?token=nobody", &ws_headers), 401, "bad_token");
    let long = format!("/j/{}", "a".repeat(4000));
    assert_refusal(&get(&long, &[]), 414, "too_long");
    assert_refusal(&get("/api/write", &[]), 405, "no_such_page");
    let utf16 = http
        .send(
            "POST",
            "/api/code",
            &[("Content-Type", "application/json; charset=utf-16")],
            Some(r#"{"code":"AAAAAA"}"#),
        )
        .unwrap();
    assert_refusal(&utf16, 415, "not_json");

    // The card's answer does not carry the token, nor does the store.
    let answer = phone.add_card(&r.field, "Geheim?");
    assert_eq!(answer.status, 200);
    assert!(!answer.body.contains(&phone.token), "{}", answer.body);
    drop(s);
    let view = r.store.board_view(&r.board).unwrap();
    let card = view.fields[0]
        .cards
        .iter()
        .find(|c| c.text == "Geheim?")
        .unwrap();
    assert!(
        !card.participant.is_empty(),
        "the card knows its participant"
    );
    assert_ne!(card.participant, phone.token);
    for entry in std::fs::read_dir(r._dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let needle = phone.token.as_bytes();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "no file of the store holds the phone's token"
        );
    }
}

#[test]
fn photos_sent_slowly_hold_only_their_devices_share_and_every_other_phone_goes_on() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &["--photos"]);
    let server = server_of(&s.base);
    let photo = std::fs::read(support::pictures::magick(
        r._dir.path(),
        "wand.jpg",
        &["-size", "640x480", "plasma:"],
    ))
    .unwrap();
    // The hostile device: two of its participants each begin a 5 MB photo
    // and never send more than its first bytes.
    let slow: Vec<TcpStream> = (0..2)
        .map(|n| {
            let p = Phone::join(device(2), &s);
            let mut c = connect_from(device(2), server).unwrap();
            let head = format!(
                "POST /api/photos?request_id=slow-photo-{n} HTTP/1.1\r\nHost: {server}\r\n\
                 Authorization: Bearer {}\r\nContent-Length: 5000000\r\n\r\n",
                p.token
            );
            c.write_all(head.as_bytes()).unwrap();
            c.write_all(&photo[..64]).unwrap();
            c
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut third = Phone::join(device(2), &s);
    let busy = third.send_photo(&photo);
    assert_refusal(&busy, 503, "photos_busy");
    assert!(
        busy.header("retry-after").is_some(),
        "the phone is told when to try again"
    );

    let mut guest = Phone::join(device(3), &s);
    let sent = guest.send_photo(&photo);
    assert_eq!(
        sent.status, 200,
        "another device's photo goes in: {}",
        sent.body
    );
    assert_eq!(guest.add_card(&r.field, "Trotzdem da").status, 200);
    let mut huge = connect_from(device(3), server).unwrap();
    let head = format!(
        "POST /api/photos?request_id=huge-photo-1 HTTP/1.1\r\nHost: {server}\r\n\
         Authorization: Bearer {}\r\nContent-Length: 900000000\r\n\r\n",
        guest.token
    );
    huge.write_all(head.as_bytes()).unwrap();
    assert!(
        closed_within(&mut huge, MARGIN),
        "a photo announced too large is refused and its connection closed at once"
    );

    // The hostile device gives up: its places are free again.
    drop(slow);
    std::thread::sleep(Duration::from_millis(500));
    let late = third.send_photo(&photo);
    assert_eq!(late.status, 200, "{}", late.body);
    let photos = r.store.photos(&r.workshop).unwrap();
    assert_eq!(
        photos.len(),
        2,
        "the guest's and the late one; nothing of the unfinished ones"
    );
    assert!(r.cards().contains(&"Trotzdem da".to_owned()));
}

#[test]
fn one_device_sends_its_share_of_photos_and_the_gallery_keeps_room_for_every_other_phone() {
    let r = room();
    let s = Served::start(&r.db, &r.board, &["--photos"]);
    let photo = std::fs::read(support::pictures::magick(
        r._dir.path(),
        "klein.png",
        &["-size", "16x12", "xc:gray"],
    ))
    .unwrap();
    // Participant after participant on one address, 20 photos each, until
    // the address is told it sent its share.
    let mut sent = 0;
    let refusal = 'hog: loop {
        let mut p = Phone::join(device(2), &s);
        for _ in 0..20 {
            let answer = p.send_photo(&photo);
            if answer.status != 200 {
                break 'hog answer;
            }
            sent += 1;
        }
        assert!(
            sent <= 300,
            "the address must be stopped before the gallery is full"
        );
    };
    assert_refusal(&refusal, 403, "photos_device_full");
    assert_eq!(refusal.json()["params"]["max"], "100");
    assert_eq!(sent, 100, "a third of the gallery's 300");
    let mut guest = Phone::join(device(3), &s);
    let answer = guest.send_photo(&photo);
    assert_eq!(
        answer.status, 200,
        "another device still sends: {}",
        answer.body
    );
    assert_eq!(r.store.photos(&r.workshop).unwrap().len(), 101);
}
