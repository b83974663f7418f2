//! The participant server follows the workshop's day: one session for the
//! whole workshop, one socket message per item change, proposals from the
//! phones, and a session kept in the store across a restart of the laptop.

mod support;

use std::sync::Arc;

use serde_json::json;
use support::fixtures;
use support::phones::{card, get, post, post_photo, write_body, Phone};
use wandzeitung::join::{JoinConfig, JoinServer};
use wandzeitung::model::*;
use wandzeitung::Store;

struct Day {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
    workshop: Id,
    map: Id,
    sector: Id,
    items: Vec<Id>,
}

fn day() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("day.sqlite3")).unwrap());
    let (w, b) = fixtures::workshop_with_board(&store, "Tag");
    let map = store.create_actor_map(&w.id, "Akteure").unwrap();
    let sector = store.sectors(&map.id).unwrap()[0].id.clone();
    let items = [
        Activity::Listen,
        Activity::Cards {
            board_id: b.board.id.clone(),
            field_id: None,
        },
        Activity::Actors {
            map_id: map.id.clone(),
        },
        Activity::Photos,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, activity)| {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: format!("{:02}:00", 9 + i),
                    duration_minutes: 20,
                    title: format!("Abschnitt {i}"),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap()
            .id
    })
    .collect();
    Day {
        _dir: dir,
        store,
        workshop: w.id,
        map: map.id,
        sector,
        items,
    }
}

fn serve(
    runtime: &tokio::runtime::Runtime,
    store: &Arc<Store>,
    workshop: &str,
    port: u16,
) -> JoinServer {
    let config = JoinConfig {
        workshop_id: workshop.to_owned(),
        board_id: None,
        named: false,
        cap: 10,
    };
    runtime
        .block_on(JoinServer::start(
            store.clone(),
            config,
            ([127, 0, 0, 1], port).into(),
            |_| {},
        ))
        .unwrap()
}

#[test]
fn phones_switch_with_one_message_per_item_and_propose_actors_for_the_running_one() {
    let d = day();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = serve(&runtime, &d.store, &d.workshop, 0);
    let base = format!("http://{}", server.addr());
    let phone = Phone::join(&base, server.secret(), "");
    let mut ws = phone.socket();

    let (status, view) = get(&base, "/api/day", &phone.token);
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["item"], json!(null), "no item runs yet");
    assert_eq!(view["programme"].as_array().unwrap().len(), 4);
    assert_eq!(view["now"]["kind"], "listen");

    // The store alone moves the phones: no one tells the server.
    d.store.start_agenda_item(&d.items[2]).unwrap();
    let msg = ws.read().unwrap();
    let msg: serde_json::Value = serde_json::from_str(msg.to_text().unwrap()).unwrap();
    assert_eq!(msg["type"], "item", "{msg}");

    let (_, view) = get(&base, "/api/day", &phone.token);
    assert_eq!(view["item"], json!(d.items[2]));
    assert_eq!(view["now"]["kind"], "actors");
    assert_eq!(view["programme"][2]["running"], json!(true));
    let sectors = view["now"]["map"]["sectors"].as_array().unwrap();
    assert!(sectors.iter().any(|s| s["id"] == json!(d.sector)));

    let (status, body) = post(
        &base,
        "/api/write",
        Some(&phone.token),
        &write_body(
            "req-actor-1",
            Some(&d.items[2]),
            json!({"kind": "propose_actor", "sector_id": d.sector, "name": "Sportverein"}),
        ),
    );
    assert_eq!(status, 200, "{body}");
    let actors = d.store.actors(&d.map).unwrap();
    assert_eq!(actors.len(), 1);
    assert!(!actors[0].placed, "a phone's actor waits in the tray");

    // A card for the collection item, which is not the running one.
    let fields = d.store.workshop_detail(&d.workshop).unwrap().boards[0]
        .id
        .clone();
    let field = d.store.board_view(&fields).unwrap().fields[0]
        .field
        .id
        .clone();
    let (status, body) = post(
        &base,
        "/api/write",
        Some(&phone.token),
        &write_body("req-card-1", Some(&d.items[1]), card(&field, "Zu spät")),
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "item_ended");
    assert_eq!(body["message_key"], "error.item_ended");
    runtime.block_on(server.stop());
}

/// A free port below the kernel's ephemeral range (32768 and up), so the
/// servers other tests start on port 0 cannot take it while a restarted
/// laptop binds it again.
fn outside_ephemeral_port() -> u16 {
    let start = 20_000 + (std::process::id() % 5_000) as u16;
    (start..30_000)
        .find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .expect("a free port below the ephemeral range")
}

#[test]
fn a_restarted_laptop_serves_the_same_code_and_knows_the_phones_until_the_session_ends() {
    let d = day();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = serve(&runtime, &d.store, &d.workshop, outside_ephemeral_port());
    let port = server.addr().port();
    let (secret, code) = (server.secret().to_owned(), server.invitation().code);
    let base = format!("http://{}", server.addr());
    let phone = Phone::join(&base, &secret, "");
    // The app quits (or crashes) mid-day: the session stays in the store.
    runtime.block_on(server.close());
    let kept = d.store.join_session(&d.workshop).unwrap().unwrap();
    assert_eq!(kept.secret, secret);
    assert_eq!(kept.participants.len(), 1);
    assert!(
        !kept.participants[0].0.contains(&phone.token),
        "the store keeps a hash of the token, never the token"
    );

    let again = serve(&runtime, &d.store, &d.workshop, port);
    assert_eq!(again.secret(), secret, "the same QR code");
    assert_eq!(again.invitation().code, code, "the same short code");
    assert_eq!(again.roster().joined, 1);
    let (status, body) = get(&base, "/api/day", &phone.token);
    assert_eq!(status, 200, "the phone carries on with its token: {body}");

    // Ending the session makes the old code and token worthless.
    runtime.block_on(again.stop());
    assert!(d.store.join_session(&d.workshop).unwrap().is_none());
    let fresh = serve(&runtime, &d.store, &d.workshop, port);
    assert_ne!(fresh.secret(), secret);
    let (status, body) = get(&base, "/api/day", &phone.token);
    assert_eq!(body["code"], "bad_token", "{status} {body}");
    let (status, _) = post(&base, "/api/code", None, &json!({"code": code}));
    assert_eq!(status, 404, "the old short code is worthless");
    runtime.block_on(fresh.stop());
}

#[test]
fn a_photo_round_takes_the_phones_photos_under_its_item_while_it_runs() {
    let d = day();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = serve(&runtime, &d.store, &d.workshop, 0);
    let base = format!("http://{}", server.addr());
    let phone = Phone::join(&base, server.secret(), "");
    let photo = std::fs::read(support::pictures::magick(
        d._dir.path(),
        "wand.png",
        &["-size", "64x48", "xc:orange"],
    ))
    .unwrap();
    let send = |item: &str, n: u32| {
        let path = format!("/api/photos?request_id=photo-round-{n}&item={item}");
        post_photo(&base, &path, &phone.token, &photo)
    };
    // The invitation panel's photo switch is off throughout.
    d.store.start_agenda_item(&d.items[3]).unwrap();
    let (_, view) = get(&base, "/api/day", &phone.token);
    assert_eq!(view["now"]["kind"], "photos");
    assert_eq!(view["photos_open"], json!(true), "the photo form shows");
    let (status, body) = send(&d.items[3], 1);
    assert_eq!(status, 200, "{body}");
    let photos = d.store.photos(&d.workshop).unwrap();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].item_id.as_deref(), Some(d.items[3].as_str()));

    // The next item is a talk: the photos stop with the round.
    d.store.start_agenda_item(&d.items[0]).unwrap();
    let (_, view) = get(&base, "/api/day", &phone.token);
    assert_eq!(view["photos_open"], json!(false));
    let (status, body) = send(&d.items[0], 2);
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "photos_closed");
    assert_eq!(d.store.photos(&d.workshop).unwrap().len(), 1);
}
