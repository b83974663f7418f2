//! The participant server against `wz serve` on 127.0.0.1 and a real store
//! file: what a phone may do, and every refusal, each leaving the store as
//! it was.

mod support;

use serde_json::{json, Value};
use support::fixtures;
use support::phones::{card, get, post, post_raw, write_body, Phone, Served};
use wandzeitung::model::*;
use wandzeitung::{templates, Store};

struct Room {
    _dir: tempfile::TempDir,
    workshop: String,
    db: std::path::PathBuf,
    store: Store,
    board: String,
    fields: Vec<String>,
    other_board_field: String,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("join.sqlite3");
    let store = Store::open(&db).unwrap();
    let (w, b) = fixtures::workshop_with_board(&store, "Beteiligung");
    let other = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    Room {
        _dir: dir,
        workshop: w.id.clone(),
        db,
        store,
        board: b.board.id,
        fields: b.fields.into_iter().map(|f| f.field.id).collect(),
        other_board_field: other.fields[0].field.id.clone(),
    }
}

impl Room {
    /// Everything a refusal must leave alone: every card and every dot.
    fn snapshot(&self) -> Value {
        let view = self.store.board_view(&self.board).unwrap();
        json!({
            "cards": view.fields.iter().flat_map(|f| f.cards.iter().map(|c| (c.id.clone(), c.text.clone(), c.dots))).collect::<Vec<_>>(),
            "dots": view.dots_used.iter().map(|d| (d.participant.clone(), d.used)).collect::<Vec<_>>(),
        })
    }

    fn serve(&self, extra: &[&str]) -> Served {
        Served::start(&self.db, &self.board, extra)
    }
}

fn refused(answer: (u16, Value), status: u16, code: &str) {
    assert_eq!(
        answer.0, status,
        "expected {status} {code}, got {}",
        answer.1
    );
    assert_eq!(answer.1["code"], code, "{}", answer.1);
    assert!(
        answer.1["message_key"]
            .as_str()
            .is_some_and(|k| k.starts_with("error.")),
        "a refusal names its message for the phone's catalogue: {}",
        answer.1
    );
}

#[test]
fn a_phone_writes_into_a_hidden_field_and_only_it_sees_its_cards_until_the_reveal() {
    let r = room();
    r.store.set_hidden_collection(&r.fields[0], true).unwrap();
    let s = r.serve(&["--named"]);
    let mut ana = Phone::join(&s.base, &s.secret, "Ana");
    let ben = Phone::join(&s.base, &s.secret, "Ben");
    let mut ben_socket = ben.socket();

    for text in [
        "Mehr Bänke am Markt",
        "Radweg zur Schule",
        "Sprechstunde abends",
    ] {
        let (status, body) = ana.add_card(&r.fields[0], text);
        assert_eq!(status, 200, "{body}");
    }
    let update = ben_socket.read().expect("Ben's phone hears of the change");
    assert!(update.to_text().unwrap().contains("changed"));

    let ana_view = ana.board();
    let ana_cards = &ana_view["fields"][0]["cards"];
    assert_eq!(
        ana_cards.as_array().unwrap().len(),
        3,
        "Ana sees her own cards"
    );
    assert!(ana_cards
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["hidden"] == true && c["mine"] == true && c["editable"] == true));
    let ben_view = ben.board();
    assert_eq!(
        ben_view["fields"][0]["cards"],
        json!([]),
        "Ben gets none of Ana's hidden cards"
    );
    assert_eq!(ben_view["fields"][0]["hidden_others"], 3);
    assert!(
        !ben_view.to_string().contains("Radweg"),
        "not even the text travels to another phone"
    );

    // The store holds each card with its participant and first name.
    let view = r.store.board_view(&r.board).unwrap();
    let stored: Vec<_> = view.fields[0]
        .cards
        .iter()
        .filter(|c| c.text == "Radweg zur Schule")
        .collect();
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].participant.is_empty() && stored[0].participant != ana.token,
        "the card remembers its participant, but not by the token the phone presents"
    );
    assert_eq!(stored[0].author, "Ana");
    assert!(stored[0].hidden);

    // Ana withdraws one, edits another, while they are still face down.
    let id = ana_cards[0]["id"].as_str().unwrap().to_owned();
    let (status, _) = ana.write(
        None,
        json!({"kind": "update_card", "card_id": ana_cards[1]["id"], "input": {"text": "Radweg zur Grundschule", "color": "yellow", "author": ""}}),
    );
    assert_eq!(status, 200);
    let (status, _) = ana.write(None, json!({"kind": "delete_card", "card_id": id}));
    assert_eq!(status, 200);

    r.store.reveal_field(&r.fields[0]).unwrap();
    let wall = ben.board();
    let texts: Vec<&str> = wall["fields"][0]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["Radweg zur Grundschule", "Sprechstunde abends"],
        "after the reveal Ben sees the wall"
    );
    // The laptop's undo takes the phone's last action back like any other.
    assert_eq!(
        r.store.history(&r.board).unwrap().undo.as_deref(),
        Some("reveal_field")
    );
}

/// A named session asks for a first name the roster and the cards show: a
/// name of nothing visible is refused in words, a name over two lines
/// becomes one line.
#[test]
fn a_name_is_one_visible_line_on_the_roster_and_the_cards() {
    let r = room();
    let s = r.serve(&["--named"]);
    for invisible in ["\u{200B}\u{200B}", "\u{3164}", "\u{2060}\u{200D}", " \n "] {
        let (status, body) = post(
            &s.base,
            "/api/join",
            None,
            &json!({"secret": s.secret, "name": invisible}),
        );
        assert_eq!(status, 400, "{invisible:?} joins as nobody: {body}");
        assert_eq!(body["code"], "empty", "{body}");
        assert_eq!(body["params"]["field"], "field.participant_name", "{body}");
    }
    let mut two_lines = Phone::join(&s.base, &s.secret, "Anna\nvom Markt");
    let (status, body) = two_lines.add_card(&r.fields[0], "Mehr Licht");
    assert_eq!(status, 200, "{body}");
    let view = r.store.board_view(&r.board).unwrap();
    let card = view.fields[0]
        .cards
        .iter()
        .find(|c| c.text == "Mehr Licht")
        .expect("the card is stored");
    assert_eq!(card.author, "Anna vom Markt", "one line under the card");
}

#[test]
fn a_retried_write_is_done_once() {
    let r = room();
    let s = r.serve(&[]);
    let phone = Phone::join(&s.base, &s.secret, "");
    let body = write_body("retry-0001", None, card(&r.fields[1], "Einmal"));
    let first = post(&s.base, "/api/write", Some(&phone.token), &body);
    let again = post(&s.base, "/api/write", Some(&phone.token), &body);
    assert_eq!(first.0, 200);
    assert_eq!(first, again, "the retry gets the first answer");
    let count = r.store.board_view(&r.board).unwrap().fields[1]
        .cards
        .iter()
        .filter(|c| c.text == "Einmal")
        .count();
    assert_eq!(count, 1, "a retry never creates a card twice");
}

#[test]
fn dots_from_a_phone_keep_to_the_budget_and_can_be_taken_back() {
    let r = room();
    let card = r
        .store
        .add_card(
            &r.fields[0],
            &CardInput {
                text: "Parkplätze".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap()
        .value;
    let hidden_field = &r.fields[1];
    r.store.set_hidden_collection(hidden_field, true).unwrap();
    let hidden = r
        .store
        .add_card(
            hidden_field,
            &CardInput {
                text: "Geheim".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap()
        .value;
    let s = r.serve(&[]);
    let mut phone = Phone::join(&s.base, &s.secret, "");
    refused(phone.dot("card", &card.id), 409, "vote_closed");
    r.store.open_vote(&r.board, 2).unwrap();
    assert_eq!(phone.dot("card", &card.id).0, 200);
    assert_eq!(phone.dot("card", &card.id).0, 200);
    let before = r.snapshot();
    refused(phone.dot("card", &card.id), 409, "dots_used_up");
    refused(phone.dot("card", &hidden.id), 409, "card_hidden");
    assert_eq!(r.snapshot(), before, "refused dots change nothing");
    assert_eq!(phone.board()["dots_left"], 0);
    assert_eq!(phone.take_dot_back("card", &card.id).0, 200);
    let view = phone.board();
    assert_eq!(view["dots_left"], 1);
    let mine: Vec<u64> = view["fields"][0]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == card.id.as_str())
        .map(|c| c["my_dots"].as_u64().unwrap())
        .collect();
    assert_eq!(mine, [1]);
    assert_eq!(r.store.card(&card.id).unwrap().dots, 1);
}

#[test]
fn every_refusal_is_clear_and_changes_nothing() {
    let r = room();
    let theirs = r
        .store
        .add_card(
            &r.fields[0],
            &CardInput {
                text: "Von der Moderation".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap()
        .value;
    let other_card = r
        .store
        .add_card(
            &r.other_board_field,
            &CardInput {
                text: "Andere Wand".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap()
        .value;
    let s = r.serve(&["--cap", "3"]);
    let mut phone = Phone::join(&s.base, &s.secret, "");
    let before = r.snapshot();

    refused(
        post(
            &s.base,
            "/api/join",
            None,
            &json!({"secret": "0".repeat(32)}),
        ),
        404,
        "unknown_session",
    );
    let (status, _) = get(&s.base, "/api/board", "not-a-token");
    assert_eq!(status, 401, "an unknown token is refused");

    let huge = write_body("big-00001", None, card(&r.fields[0], &"x".repeat(40_000)));
    refused(
        post_raw(&s.base, "/api/write", Some(&phone.token), &huge.to_string()),
        413,
        "too_large",
    );
    refused(
        post_raw(
            &s.base,
            "/api/write",
            Some(&phone.token),
            "{\"request_id\": ",
        ),
        400,
        "malformed",
    );
    refused(
        post_raw(&s.base, "/api/write", Some(&phone.token), "[1,2,3]"),
        400,
        "malformed",
    );
    refused(
        post(
            &s.base,
            "/api/write",
            Some(&phone.token),
            &write_body("x", None, card(&r.fields[0], "kurz")),
        ),
        400,
        "malformed",
    );

    let long = "ü".repeat(CARD_TEXT_MAX + 1);
    let answer = phone.add_card(&r.fields[0], &long);
    refused(answer.clone(), 400, "too_long");
    assert_eq!(
        answer.1["params"]["field"], "field.card_text",
        "the core's own message, for the phone to show"
    );
    refused(phone.add_card(&r.fields[0], "   "), 400, "empty");
    refused(
        phone.add_card(&r.other_board_field, "Falsche Wand"),
        404,
        "not_found",
    );
    refused(
        phone.add_card("no-such-field", "Nirgends"),
        404,
        "not_found",
    );

    // Someone else's card, or a card of another board, is not the phone's.
    refused(
        phone.write(
            None,
            json!({"kind": "update_card", "card_id": theirs.id, "input": {"text": "gekapert", "color": "yellow", "author": ""}}),
        ),
        404,
        "not_found",
    );
    r.store.open_vote(&r.board, 3).unwrap();
    let before_votes = r.snapshot();
    refused(phone.dot("card", &other_card.id), 404, "not_found");
    refused(phone.dot("cluster", "no-such-cluster"), 404, "not_found");
    assert_eq!(r.snapshot(), before_votes);
    r.store.close_vote(&r.board).unwrap();

    // Same origin and the address the server was started on only.
    let cross = support::phones::agent()
        .post(format!("{}/api/join", s.base))
        .header("Origin", "http://evil.example")
        .header("Content-Type", "application/json")
        .send(json!({"secret": s.secret}).to_string())
        .unwrap();
    assert_eq!(
        cross.status().as_u16(),
        403,
        "a page of another origin cannot join"
    );
    let rebound = support::phones::agent()
        .get(format!("{}/", s.base))
        .header("Host", "wandzeitung.evil.example")
        .call()
        .unwrap();
    assert_eq!(
        rebound.status().as_u16(),
        403,
        "a rebinding DNS name is refused"
    );

    // The participant cap: three joined, the fourth is turned away.
    Phone::join(&s.base, &s.secret, "");
    Phone::join(&s.base, &s.secret, "");
    let full = post(&s.base, "/api/join", None, &json!({"secret": s.secret}));
    refused(full.clone(), 403, "full");
    assert_eq!(full.1["params"]["max"], "3");

    // A phone that sends faster than a person types is slowed down.
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(get(&s.base, "/api/board", &phone.token).0);
    }
    assert!(
        statuses.contains(&429),
        "60 requests at once exceed the rate: {statuses:?}"
    );

    assert_eq!(r.snapshot(), before, "no refusal wrote anything");
}

#[test]
fn the_short_code_opens_the_session_and_guessing_it_is_slowed_down() {
    let r = room();
    let s = r.serve(&[]);
    let typed = format!("{} {}", &s.code[..3].to_lowercase(), &s.code[3..]);
    let (status, body) = post(&s.base, "/api/code", None, &json!({"code": typed}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["secret"], s.secret.as_str());
    let mut last = (0, Value::Null);
    for _ in 0..12 {
        last = post(&s.base, "/api/code", None, &json!({"code": "AAAAAA"}));
    }
    refused(last, 429, "rate_limited");
    refused(
        post(&s.base, "/api/code", None, &json!({"code": s.code})),
        429,
        "rate_limited",
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "Wine delivers no Ctrl+Break to a child without a real console"
)]
fn ending_the_session_reaches_every_phone_and_closes_the_port() {
    let r = room();
    let mut s = r.serve(&[]);
    let phone = Phone::join(&s.base, &s.secret, "");
    let mut ws = phone.socket();
    s.terminate();
    let msg = ws
        .read()
        .expect("the phone is told before the socket closes");
    assert!(msg.to_text().unwrap().contains("ended"), "{msg:?}");
    let after = support::phones::agent().get(format!("{}/", s.base)).call();
    assert!(after.is_err(), "nothing listens after the session ended");
}

#[test]
fn the_page_loads_nothing_from_outside_and_keeps_to_its_own_origin() {
    let r = room();
    let s = r.serve(&[]);
    let resp = support::phones::agent().get(&s.url).call().unwrap();
    let csp = resp
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(
        resp.headers().get("referrer-policy").unwrap(),
        "no-referrer",
        "the secret in the address never leaves"
    );
    let html = resp.into_body().read_to_string().unwrap();
    // The script and the style, named by their content's hash.
    let named = |ext: &str| {
        html.split('"')
            .find(|part| part.starts_with("/participant-") && part.ends_with(ext))
            .unwrap_or_else(|| panic!("the page names its {ext}: {html}"))
            .to_owned()
    };
    let (script_path, style_path) = (named(".js"), named(".css"));
    for asset in [&script_path, &style_path] {
        let (status, _) = get(&s.base, asset, "");
        assert_eq!(status, 200, "{asset} is served by the laptop");
    }
    let script = support::phones::agent()
        .get(format!("{}{script_path}", s.base))
        .call()
        .unwrap()
        .into_body()
        .read_to_string()
        .unwrap();
    assert!(
        !script.contains("randomUUID"),
        "no secure-context API: phones load the page over plain HTTP"
    );
    let authority = s.base.trim_start_matches("http://");
    assert!(
        csp.contains(&format!("connect-src 'self' ws://{authority};")),
        "the page may talk to this laptop only: {csp}"
    );
}

#[test]
fn a_closed_door_turns_new_phones_away_and_keeps_those_joined() {
    use std::sync::{Arc, Mutex};
    use wandzeitung::join::{JoinConfig, JoinServer};
    use wandzeitung::model::{Source, Subject};
    let r = room();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let store = Arc::new(Store::open(&r.db).unwrap());
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let _heard = store.subscribe(move |p| seen.lock().unwrap().extend(p.changes.clone()));
    let config = JoinConfig {
        workshop_id: r.workshop.clone(),
        board_id: Some(r.board.clone()),
        named: true,
        cap: 10,
    };
    let server = runtime
        .block_on(JoinServer::start(
            store,
            config,
            ([127, 0, 0, 1], 0).into(),
            |_| {},
        ))
        .unwrap();
    let base = format!("http://{}", server.addr());
    let secret = server.secret().to_owned();
    refused(
        post(
            &base,
            "/api/join",
            None,
            &json!({"secret": secret, "name": " "}),
        ),
        400,
        "empty",
    );
    let mut cem = Phone::join(&base, &secret, "Cem");
    server.set_door(false).unwrap();
    assert!(!server.invitation().door_open);
    refused(
        post(
            &base,
            "/api/join",
            None,
            &json!({"secret": secret, "name": "Dora"}),
        ),
        403,
        "door_closed",
    );
    let (status, _) = cem.add_card(&r.fields[0], "Noch dabei");
    assert_eq!(status, 200, "a joined phone stays when the door closes");
    server.set_door(true).unwrap();
    Phone::join(&base, &secret, "Dora");
    assert_eq!(
        server.roster().names,
        ["Cem", "Dora"],
        "the facilitator sees who joined"
    );
    let events = events.lock().unwrap().clone();
    assert!(
        events.iter().any(|c| matches!((&c.source, &c.subject),
            (Source::Phone { .. }, Subject::Workspace { workspace, card: Some(card), history })
                if *workspace == WorkspaceRef::board(&r.board) && card.text == "Noch dabei" && history.undo.as_deref() == Some("add_card"))),
        "the windows hear of the phone's card: {events:?}"
    );
    runtime.block_on(server.stop());
    assert!(
        support::phones::agent()
            .get(format!("{base}/"))
            .call()
            .is_err(),
        "the port is closed after stop"
    );
}

#[test]
fn a_challenge_list_in_a_dot_vote_is_voted_from_the_phone_within_its_budget() {
    let r = room();
    let list = r
        .store
        .create_challenge_list(&r.workshop, "Prioritäten")
        .unwrap();
    let challenge = |title: &str| {
        let input = ChallengeInput {
            title: title.into(),
            ..ChallengeInput::default()
        };
        r.store.add_challenge(&list.id, &input).unwrap().value.id
    };
    let (wlan, ladesaeulen) = (challenge("WLAN im Rathaus"), challenge("Ladesäulen"));
    let elsewhere = {
        let w = r
            .store
            .create_workshop(&WorkshopInput {
                title: "Anderswo".into(),
                date: "2026-12-02".into(),
                ..WorkshopInput::default()
            })
            .unwrap();
        let l = r.store.create_challenge_list(&w.id, "Fremd").unwrap();
        r.store.open_challenge_vote(&l.id, 3).unwrap();
        let input = ChallengeInput {
            title: "Fremde Herausforderung".into(),
            ..ChallengeInput::default()
        };
        r.store.add_challenge(&l.id, &input).unwrap().value.id
    };
    let s = r.serve(&[]);
    let mut phone = Phone::join(&s.base, &s.secret, "");
    assert_eq!(
        phone.board()["challenge_votes"],
        json!([]),
        "no list votes yet"
    );
    let mut dot = |id: &str| {
        phone.write(
            None,
            json!({"kind": "add_challenge_dot", "challenge_id": id}),
        )
    };
    refused(dot(&wlan), 409, "vote_closed");
    r.store.open_challenge_vote(&list.id, 2).unwrap();
    assert_eq!(dot(&wlan).0, 200);
    assert_eq!(dot(&ladesaeulen).0, 200);
    refused(dot(&wlan), 409, "dots_used_up");
    refused(dot(&elsewhere), 404, "not_found");
    let view = phone.board();
    let votes = &view["challenge_votes"][0];
    assert_eq!(votes["title"], "Prioritäten");
    assert_eq!(votes["dots_left"], 0);
    assert_eq!(votes["challenges"][0]["my_dots"], 1);
    let back = phone.write(
        None,
        json!({"kind": "remove_challenge_dot", "challenge_id": wlan}),
    );
    assert_eq!(back.0, 200, "{}", back.1);
    let stored = r.store.challenge_list_view(&list.id).unwrap();
    let dots: Vec<u32> = stored.challenges.iter().map(|c| c.dots).collect();
    assert_eq!(dots, [0, 1], "the laptop counts the phone's dots");
}

#[test]
fn writes_of_many_phones_share_a_commit_and_a_refused_one_takes_nothing_with_it() {
    use wandzeitung::store::{PhoneCall, PhoneWrite, SessionRequest};
    let r = room();
    let card = |text: &str| PhoneWrite::AddCard {
        field_id: r.fields[0].clone(),
        input: CardInput {
            text: text.into(),
            color: CardColor::Green,
            author: String::new(),
        },
    };
    // A session opened from the board: between agenda items, phones write there.
    r.store
        .open_join_session(&SessionRequest {
            workshop_id: &r.workshop,
            board_id: Some(&r.board),
            named: false,
            cap: 10,
            address: "127.0.0.1:0",
            secret: "s",
            code: "C",
        })
        .unwrap();
    let call = |participant: &str, write| PhoneCall {
        participant: participant.to_owned(),
        item: None,
        write,
    };
    let writes = vec![
        call("phone-a", card("Erste")),
        call("phone-b", card(&"x".repeat(CARD_TEXT_MAX + 1))),
        call("phone-c", card("Dritte")),
    ];
    let results = r.store.participant_writes(&r.workshop, &writes).unwrap();
    assert!(results[0].is_ok() && results[2].is_ok());
    assert_eq!(results[1].as_ref().unwrap_err().code(), "too_long");
    let texts: Vec<String> = r.store.board_view(&r.board).unwrap().fields[0]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect();
    assert_eq!(texts, ["Erste", "Dritte"]);
    // Each write is its own undo step: the laptop undoes the last phone's card.
    r.store.undo(&r.board).unwrap();
    let texts: Vec<String> = r.store.board_view(&r.board).unwrap().fields[0]
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect();
    assert_eq!(texts, ["Erste"]);
}

#[test]
fn cards_in_every_script_travel_from_the_phone_unchanged() {
    let r = room();
    let s = r.serve(&["--named"]);
    let mut phone = Phone::join(&s.base, &s.secret, "Леся");
    let texts = [
        "نريد مزيدًا من المقاعد في السوق",
        "Більше лавок на ринку",
        "Pazar yerinde daha çok bank 🚲",
        "Więcej ławek – Grüße 👍🏽",
    ];
    for text in texts {
        let (status, body) = phone.add_card(&r.fields[0], text);
        assert_eq!(status, 200, "{body}");
    }
    let shown: Vec<String> = phone.board()["fields"][0]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(shown, texts, "the phone gets back what it wrote");
    let stored = r.store.board_view(&r.board).unwrap();
    let stored: Vec<(&str, &str)> = stored.fields[0]
        .cards
        .iter()
        .map(|c| (c.text.as_str(), c.author.as_str()))
        .collect();
    assert_eq!(
        stored,
        texts.iter().map(|t| (*t, "Леся")).collect::<Vec<_>>(),
        "stored as written, with the first name in Cyrillic"
    );
}

#[test]
fn control_characters_from_a_phone_never_reach_the_store_or_the_exports() {
    let r = room();
    let s = r.serve(&["--named"]);
    let mut phone = Phone::join(&s.base, &s.secret, "Ana\u{7}");
    let before = r.snapshot();
    refused(phone.add_card(&r.fields[0], "\u{0}\u{7}"), 400, "empty");
    assert_eq!(
        r.snapshot(),
        before,
        "a card of nothing but controls is refused"
    );
    let (status, body) = phone.add_card(&r.fields[0], "vor\u{0}her\u{1b}[2J\u{85}");
    assert_eq!(status, 200, "{body}");
    let view = r.store.board_view(&r.board).unwrap();
    let card = view.fields[0].cards.last().unwrap();
    assert_eq!(card.text, "vorher[2J");
    assert_eq!(card.author, "Ana", "the name is cleaned by the same rule");

    // The edit history keeps the whole text: undo brings back what was there.
    r.store
        .update_card(
            &card.id,
            &CardInput {
                text: "neu\u{0}er Text".into(),
                color: CardColor::Yellow,
                author: "Ana".into(),
            },
        )
        .unwrap();
    r.store.undo(&r.board).unwrap();
    let view = r.store.board_view(&r.board).unwrap();
    assert_eq!(view.fields[0].cards.last().unwrap().text, "vorher[2J");

    drop(s);
    let dir = tempfile::tempdir().unwrap();
    for format in ["md", "csv"] {
        let out = dir.path().join(format!("p.{format}"));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_wz"))
            .arg("--db")
            .arg(&r.db)
            .args(["export", &r.workshop, "--format", format, "--out"])
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "{format} export");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("vorher") && text.contains("2J"), "{format}");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !"\t\n\r".contains(c)),
            "{format}: no control character in the export"
        );
    }
}

#[test]
fn the_page_travels_gzipped_and_its_script_and_style_are_kept_by_the_phone() {
    use support::http::Client;
    let r = room();
    let s = r.serve(&[]);
    let mut phone = Client::new(std::net::Ipv4Addr::new(127, 0, 0, 2), &s.base);
    let gzip = [("Accept-Encoding", "gzip, deflate")];
    let path = format!("/j/{}", s.secret);
    let page = phone.send("GET", &path, &gzip, None).unwrap();
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-encoding"), Some("gzip"));
    assert_eq!(
        page.header("cache-control"),
        Some("no-store"),
        "the page at the join address is never kept"
    );
    let html = support::phones::agent()
        .get(&s.url)
        .call()
        .unwrap()
        .into_body()
        .read_to_string()
        .unwrap();
    let mut packed_total = page.body_bytes;
    let mut plain_total = html.len();
    for ext in [".js", ".css"] {
        let asset = html
            .split('"')
            .find(|p| p.starts_with("/participant-") && p.ends_with(ext))
            .unwrap()
            .to_owned();
        let packed = phone.send("GET", &asset, &gzip, None).unwrap();
        assert_eq!(packed.status, 200);
        assert_eq!(packed.header("content-encoding"), Some("gzip"), "{asset}");
        assert_eq!(packed.header("vary"), Some("Accept-Encoding"));
        assert!(
            packed
                .header("cache-control")
                .is_some_and(|c| c.contains("immutable")),
            "a hashed file is kept by the phone: {:?}",
            packed.headers
        );
        let plain = phone.send("GET", &asset, &[], None).unwrap();
        assert_eq!(
            plain.header("content-encoding"),
            None,
            "unpacked for a browser without gzip"
        );
        assert!(
            packed.body_bytes * 2 < plain.body.len(),
            "{asset}: gzip at least halves it"
        );
        packed_total += packed.body_bytes;
        plain_total += plain.body.len();
    }
    // Brotli where the browser asks for it (over HTTPS browsers do): the
    // same bytes, unpacked by an independent reader (Node's zlib).
    let brotli = [("Accept-Encoding", "gzip, deflate, br")];
    let mut brotli_total = 0;
    for part in std::iter::once(path.clone()).chain(
        html.split('"')
            .filter(|p| p.starts_with("/participant-"))
            .map(str::to_owned),
    ) {
        let packed = phone.send("GET", &part, &brotli, None).unwrap();
        assert_eq!(packed.header("content-encoding"), Some("br"), "{part}");
        let plain = phone.send("GET", &part, &[], None).unwrap();
        assert_eq!(unbrotli(&packed.raw), plain.raw, "{part} unpacks whole");
        brotli_total += packed.body_bytes;
    }
    let refused = phone
        .send("GET", &path, &[("Accept-Encoding", "br;q=0, gzip")], None)
        .unwrap();
    assert_eq!(refused.header("content-encoding"), Some("gzip"));
    println!(
        "the page, its script and style on a first join: {packed_total} bytes gzipped, \
         {brotli_total} brotli, {plain_total} unpacked"
    );
    assert!(
        packed_total <= 40_000,
        "a phone's first join stays under 40 KB gzipped: {packed_total}"
    );
    assert!(brotli_total < packed_total);
    let (status, body) = get(&s.base, "/participant-nothere.js", "");
    assert_eq!(status, 404, "{body}");
}

/// Brotli unpacked by Node's zlib (the UI's toolchain brings Node).
fn unbrotli(packed: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("packed.br");
    std::fs::write(&file, packed).unwrap();
    let out = support::host::tool("node")
        .args([
            "-e",
            "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(process.argv[1])))",
        ])
        .file(&file)
        .output()
        .expect("node runs (make test installs the UI's toolchain)");
    assert!(out.status.success(), "node could not unpack it");
    out.stdout
}
