//! Participants on their own phones, end to end: the real app under Xvfb
//! invites, a real phone browser (Chromium) scans the QR code off the
//! projector, writes into a hidden field, votes, sees moderation and the end.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use serde_json::json;
use support::app::App;
use support::flows::{create_workshop_with_board, fresh_store, in_field, screenshot_path};
use support::phone_browser::PhoneBrowser;
use support::webdriver::{wait_for, Session};
use wandzeitung::Store;

const PHONE_CARDS: [&str; 3] = [
    "Mehr Bänke am Marktplatz",
    "Radweg zur Grundschule",
    "Sprechstunde am Abend",
];

/// Reads the QR code in a screenshot of the window with zbarimg.
fn scan_qr(s: &Session, name: &str) -> String {
    let path = screenshot_path(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    wait_for("a readable QR code on the projector", || {
        s.screenshot(&path);
        let out = std::process::Command::new("zbarimg")
            .args(["-q", "--raw"])
            .arg(&path)
            .output()
            .expect("zbarimg (zbar-tools) runs; make test installs it");
        let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        text.starts_with("http://").then_some(text)
    })
}

fn phone_texts(p: &Session) -> Vec<String> {
    support::flows::strings(&p.execute(
        "return [...document.querySelectorAll('.card .text')].map(e => e.textContent)",
        vec![],
    ))
}

#[test]
fn phones_join_by_qr_code_write_hidden_vote_and_see_the_session_end() {
    let (_dir, db) = fresh_store();
    let app = App::start(&db);
    let s = &app.session;
    create_workshop_with_board(s, "Bürgerwerkstatt Handy");
    s.click(&in_field(s, 0, "[data-testid=hidden-collection]"));

    // WebKitWebDriver drives the window through an inspector port of its own
    // (WEBKIT_INSPECTOR_SERVER); every other listening socket is the app's.
    let inspector = app.env_var("WEBKIT_INSPECTOR_SERVER").map(|a| {
        let port: u16 = a.rsplit(':').next().unwrap().parse().unwrap();
        format!(":{port:04X}")
    });
    let listening = |app: &App| -> Vec<String> {
        app.tcp_sockets()
            .into_iter()
            .filter(|(state, addr)| {
                state == "0A"
                    && !inspector
                        .as_ref()
                        .is_some_and(|i| addr.ends_with(i.as_str()))
            })
            .map(|(_, a)| a)
            .collect()
    };
    assert_eq!(
        listening(&app),
        Vec::<String>::new(),
        "with joining off the app listens on no port"
    );

    // Invite on the loopback address (tests never send traffic elsewhere).
    s.click(&s.find("[data-testid=join-invite]"));
    let network = s.find("[data-testid=join-network]");
    let offered = support::flows::strings(&s.execute(
        "return [...arguments[0].options].map(o => o.value)",
        vec![Session::element_arg(&network)],
    ));
    assert!(
        offered.contains(&"127.0.0.1".to_owned()),
        "the laptop's own address is offered: {offered:?}"
    );
    s.execute(
        "arguments[0].value = '127.0.0.1'; arguments[0].dispatchEvent(new Event('change'));",
        vec![Session::element_arg(&network)],
    );
    s.click(&s.find("[data-testid=join-start]"));
    let code = s.text(&s.find("[data-testid=join-code]"));
    assert_eq!(code.len(), 6, "a short code to type by hand: {code:?}");

    // When phones cannot get through, the panel says what to do: the same
    // network, Windows' firewall prompt, a private network, the hotspot.
    let help = s.find("[data-testid=join-help]");
    s.click(&s.find_in(&help, "summary"));
    let advice = s.text(&help);
    for needed in [
        "Handys kommen nicht durch?",
        "selben WLAN",
        "Private Netzwerke",
        "Privates Netzwerk",
        "Mobilen Hotspot",
    ] {
        assert!(
            advice.contains(needed),
            "{needed:?} in the advice: {advice}"
        );
    }
    s.click(&s.find_in(&help, "summary"));

    // The projector shows the QR code; the test reads the address off it.
    // No projector is open yet: the button opens it.
    let main = s.current_window();
    s.click(&s.find("[data-testid=join-project]"));
    let projector = wait_for("the projector window the button opened", || {
        s.windows().into_iter().find(|w| *w != main)
    });
    s.switch_to(&projector);
    s.find("[data-testid=projector-join]");
    assert_eq!(
        s.text(&s.find("[data-testid=join-code]")),
        code,
        "the projector shows the same code"
    );
    let url = scan_qr(s, "join-projector-qr");
    let port = url
        .split(':')
        .nth(2)
        .and_then(|p| p.split('/').next())
        .unwrap()
        .parse::<u16>()
        .unwrap();
    assert_eq!(
        listening(&app),
        [format!("0100007F:{port:04X}")],
        "joining on: one listening socket, on the chosen address only"
    );
    assert!(
        url.starts_with("http://127.0.0.1:") && url.contains("/j/"),
        "{url}"
    );
    s.switch_to(&main);

    let phone = PhoneBrowser::start();
    let p = &phone.session;
    p.navigate(&url);
    for text in PHONE_CARDS {
        let entry = wait_for("the phone's entry box for the first question", || {
            p.find_all("section.field textarea").into_iter().next()
        });
        p.send_keys(&entry, text);
        p.click(
            &p.find_all("section.field form.add button")
                .into_iter()
                .next()
                .unwrap(),
        );
        wait_for(&format!("{text:?} on the phone"), || {
            phone_texts(p).iter().any(|t| t == text).then_some(())
        });
    }
    p.screenshot(&screenshot_path("join-phone-hidden"));
    s.screenshot(&screenshot_path("join-laptop-hidden"));
    assert_eq!(
        p.find_all(".card.hidden").len(),
        3,
        "the phone shows its own cards face down"
    );

    // The laptop shows the count, not the text.
    wait_for("the laptop's reveal button for 3 cards", || {
        let b = s.find_all("[data-testid=reveal]");
        b.first().filter(|b| s.text(b).contains('3')).cloned()
    });
    let roster = s.text(&s.find("[data-testid=join-roster]"));
    assert!(
        roster.contains("1 beigetreten") && roster.contains("1 verbunden"),
        "{roster}"
    );
    let page = s.text(&s.find("[data-testid=fields]"));
    assert!(
        PHONE_CARDS.iter().all(|t| !page.contains(t)),
        "hidden cards show no text on the laptop: {page}"
    );

    s.click(&in_field(s, 0, "[data-testid=reveal]"));
    wait_for("the phone's cards face up", || {
        p.find_all(".card.hidden").is_empty().then_some(())
    });
    // The QR code leaves the projector; the wall is there.
    s.click(&s.find("[data-testid=join-project]"));
    s.switch_to(&projector);
    wait_for("the phone's cards on the projector", || {
        let shown = support::flows::strings(&s.execute(
            "return [...document.querySelectorAll('[data-testid=projector-card]')].map(e => e.textContent.replace(/\\u00ad/g, ''))",
            vec![],
        ));
        PHONE_CARDS
            .iter()
            .all(|t| shown.iter().any(|x| x.contains(t)))
            .then_some(())
    });
    s.switch_to(&main);

    // Dot voting: two dots; a third is refused by the laptop.
    let dots = s.find("[data-testid=vote-dots]");
    s.clear(&dots);
    s.send_keys(&dots, "2");
    s.click(&s.find("[data-testid=vote-open]"));
    let vote_banner = wait_for("the phone's dot budget", || {
        p.find_all(".vote").into_iter().next()
    });
    assert!(
        p.text(&vote_banner).contains("2 von 2"),
        "{}",
        p.text(&vote_banner)
    );
    for _ in 0..2 {
        let before = p.text(&p.find(".vote"));
        let plus = wait_for("an enabled +● on the phone", || {
            p.find_all(".card .dot").into_iter().find(|b| {
                p.execute(
                    "return !arguments[0].disabled && arguments[0].textContent === '+●'",
                    vec![Session::element_arg(b)],
                ) == json!(true)
            })
        });
        p.click(&plus);
        wait_for("the budget to shrink", || {
            (p.text(&p.find(".vote")) != before).then_some(())
        });
    }
    assert!(p.text(&p.find(".vote")).contains("0 von 2"));
    p.screenshot(&screenshot_path("join-phone-voted"));
    let refused = p.execute_async(
        "const done = arguments[arguments.length - 1];
         const token = Object.entries(localStorage).find(([k]) => k.startsWith('wandzeitung.join.'))[1];
         const id = document.querySelector('.card').dataset.cardId;
         fetch('/api/write', {method: 'POST', headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token},
           body: JSON.stringify({request_id: 'third-dot-01', write: {kind: 'add_dot', target: {kind: 'card', id}}})})
           .then(r => r.json().then(b => done([r.status, b.code])));",
        vec![],
    );
    assert_eq!(
        refused,
        json!([409, "dots_used_up"]),
        "the laptop enforces the budget"
    );
    s.click(&s.find("[data-testid=vote-close]"));

    // Moderation: the facilitator removes a card; the phone sees it go.
    // A click on the card focuses it, and its tools appear.
    let label = s.find_with_text("[data-testid=card-text]", PHONE_CARDS[2]);
    s.click(&label);
    let delete = support::webdriver::Element::from_value(&s.execute(
        "return arguments[0].closest('[data-testid=card]').querySelector('[data-testid=card-delete]');",
        vec![Session::element_arg(&label)],
    ));
    s.click(&delete);
    wait_for("the removed card to leave the phone", || {
        (!phone_texts(p).iter().any(|t| t == PHONE_CARDS[2])).then_some(())
    });

    // The end of the session reaches the phone.
    s.click(&s.find("[data-testid=join-end]"));
    let ended = wait_for("the phone to say the session ended", || {
        p.find_all(".ended").into_iter().next()
    });
    assert!(p.text(&ended).contains("beendet"), "{}", p.text(&ended));
    s.find("[data-testid=join-invite]");
    assert_eq!(
        listening(&app),
        Vec::<String>::new(),
        "ending the session closes the port"
    );

    // The store holds every card with its participant.
    let store = Store::open(&db).unwrap();
    let w = store
        .list_workshops()
        .unwrap()
        .into_iter()
        .find(|w| w.title == "Bürgerwerkstatt Handy")
        .unwrap();
    let board = &store.workshop_detail(&w.id).unwrap().boards[0];
    let view = store.board_view(&board.id).unwrap();
    let phone_cards: Vec<_> = view.fields[0]
        .cards
        .iter()
        .filter(|c| !c.participant.is_empty())
        .collect();
    let texts: Vec<&str> = phone_cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        &PHONE_CARDS[..2],
        "two phone cards stay after moderation"
    );
    assert!(phone_cards
        .iter()
        .all(|c| c.participant == phone_cards[0].participant && c.participant.len() == 32));
    assert_eq!(view.fields[0].cards.iter().map(|c| c.dots).sum::<u32>(), 2);
    app.quit();
}
