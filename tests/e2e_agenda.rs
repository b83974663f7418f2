//! The day runs from the agenda, end to end: the real app under Xvfb starts
//! agenda items, two real phone browsers (Chromium) follow each one, the
//! projector and its clock follow too; a card typed during the collection
//! and sent after "Weiter" is refused with the message and stays in its box;
//! an actor proposed from a phone waits in the tray. Then the app is killed
//! and started again: the running item, the real times and the phones'
//! session are back, and the protocol follows the day.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::desktop::choose_file;
use support::flows::{
    fresh_store, in_field, invite_phones, open_projector, pdf_text, phone_url, screenshot_path,
};
use support::phone_browser::PhoneBrowser;
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;
use wandzeitung::Store;

/// A workshop whose agenda has a talk, a hidden card collection, a dot vote
/// and collecting actors; returns its title.
fn prepare(db: &std::path::Path) -> String {
    let store = Store::open(db).unwrap();
    let title = "Werkstatt Ortsmitte";
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: chrono::Local::now().date_naive().to_string(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let board = store
        .create_board_from_template(&w.id, wandzeitung::templates::GROUP_WORK_KEY)
        .unwrap();
    store
        .set_hidden_collection(&board.fields[0].field.id, true)
        .unwrap();
    let map = store.create_actor_map(&w.id, "Akteure").unwrap();
    let items = [
        ("09:00", "Begrüßung", Activity::Listen),
        (
            "09:15",
            "Karten sammeln",
            Activity::Cards {
                board_id: board.board.id.clone(),
                field_id: None,
            },
        ),
        (
            "09:45",
            "Punkte kleben",
            Activity::BoardVote {
                board_id: board.board.id.clone(),
            },
        ),
        (
            "10:00",
            "Akteure sammeln",
            Activity::Actors { map_id: map.id },
        ),
    ];
    for (start, title, activity) in items {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: start.into(),
                    duration_minutes: 15,
                    title: title.into(),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap();
    }
    title.into()
}

fn store_of(db: &std::path::Path) -> Store {
    Store::open_to_read(db).unwrap().unwrap()
}

/// The join address a phone's camera reads off a printed page.
fn qr_on_paper(pdf: &std::path::Path) -> String {
    let png = pdf.with_extension("");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "100", "-singlefile"])
        .arg(pdf)
        .arg(&png)
        .status()
        .unwrap();
    assert!(status.success());
    let out = std::process::Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(png.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools; make test installs it)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn day_item(s: &Session) -> String {
    wait_for("the day bar", || {
        s.find_all("[data-testid=day-item]").into_iter().next()
    });
    s.text(&s.find("[data-testid=day-item]"))
}

fn wait_day_item(s: &Session, title: &str) {
    wait_for(&format!("{title:?} in the day bar"), || {
        s.find_all("[data-testid=day-item]")
            .into_iter()
            .find(|e| s.text(e) == title)
    });
}

fn wait_phone_item(p: &Session, title: &str) {
    wait_for(&format!("{title:?} running on the phone"), || {
        p.find_all("[data-testid=phone-programme] summary")
            .into_iter()
            .find(|e| p.text(e).contains(title))
    });
}

/// The projector's running item: its title, and that its clock shows.
fn projector_item(s: &Session, projector: &str, main: &str, title: &str) {
    s.switch_to(projector);
    let strip = wait_for(&format!("{title:?} on the projector"), || {
        s.find_all("[data-testid=projector-item]")
            .into_iter()
            .find(|e| s.text(e).contains(title))
    });
    let clock = s.text(&s.find("[data-testid=projector-item-clock]"));
    assert!(
        clock.contains(':'),
        "the item's clock on the projector: {}",
        s.text(&strip)
    );
    s.switch_to(main);
}

#[test]
fn two_phones_follow_the_agenda_and_the_day_survives_a_crash_of_the_laptop() {
    let (dir, db) = fresh_store();
    let title = prepare(&db);
    let app = App::start(&db);
    let s = &app.session;
    // One invitation for the whole workshop, from the workshop page.
    let url = invite_phones(s, &db, &title);

    // The invitation for the tables: a phone reads the same address off paper.
    s.click(&s.find("[data-testid=join-print]"));
    let printed = dir.path().join("Einladung.pdf");
    choose_file("Einladung für die Tische speichern", &printed);
    s.find("[data-testid=info]");
    assert_eq!(qr_on_paper(&printed), url, "the printed QR code");
    assert!(pdf_text(&printed).contains(&title));

    let (phone_a, phone_b) = (PhoneBrowser::start(), PhoneBrowser::start());
    let (a, b) = (&phone_a.session, &phone_b.session);
    for p in [a, b] {
        p.navigate(&url);
        wait_for("the programme on the phone", || {
            p.find_all("[data-testid=phone-programme]")
                .into_iter()
                .next()
        });
    }

    // Starten: the talk. Both phones show it and what comes next.
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    wait_day_item(s, "Begrüßung");
    for p in [a, b] {
        // Before the start the waiting screen already names "Begrüßung" as
        // what comes next; wait for it as the running item.
        wait_for("the talk running on the phone", || {
            p.find_all("[data-testid=phone-listen] .now")
                .into_iter()
                .find(|e| p.text(e).contains("Begrüßung"))
        });
        let text = p.text(&p.find("[data-testid=phone-listen]"));
        assert!(
            text.contains("Begrüßung") && text.contains("09:15") && text.contains("Karten sammeln"),
            "the phone shows the running item and what comes next: {text}"
        );
    }
    p_shot(a, "agenda-phone-talk");

    // Weiter (the key a presenter's clicker sends): the card collection
    // opens on the laptop, the projector follows with the item's clock.
    // WebDriver's code for PageDown.
    s.chord(&["\u{E00F}"]);
    wait_day_item(s, "Karten sammeln");
    s.find("[data-testid=fields]");
    let (main, projector) = open_projector(s);
    s.switch_to(&main);
    projector_item(s, &projector, &main, "Karten sammeln");

    let entry = wait_for("phone A's card box", || {
        a.find_all("section.field textarea").into_iter().next()
    });
    a.send_keys(&entry, "Bänke am Marktplatz");
    a.click(&a.find_all("section.field form.add button")[0]);
    wait_for("the card on phone A", || {
        a.find_all(".card .text")
            .into_iter()
            .find(|e| a.text(e) == "Bänke am Marktplatz")
    });
    // Phone B types a card but has not sent it when the facilitator moves on.
    let entry = wait_for("phone B's card box", || {
        b.find_all("section.field textarea").into_iter().next()
    });
    b.send_keys(&entry, "Zu spät geschickt");
    p_shot(b, "agenda-phone-cards");

    s.click(&s.find("[data-testid=day-next]"));
    wait_day_item(s, "Punkte kleben");
    projector_item(s, &projector, &main, "Punkte kleben");
    wait_phone_item(b, "Punkte kleben");
    b.click(&b.find_all("section.field form.add button")[0]);
    let problem = wait_for("the refusal on phone B", || {
        b.find_all(".problem").into_iter().next()
    });
    assert!(
        b.text(&problem).contains("Dieser Abschnitt ist beendet"),
        "{}",
        b.text(&problem)
    );
    assert_eq!(
        b.value(&b.find_all("section.field textarea")[0]),
        "Zu spät geschickt",
        "the typed text stays on the phone"
    );
    p_shot(b, "agenda-phone-refused");

    // The vote: the facilitator reveals and opens it; phone A gives a dot.
    s.click(&in_field(s, 0, "[data-testid=reveal]"));
    let dots = s.find("[data-testid=vote-dots]");
    s.clear(&dots);
    s.send_keys(&dots, "2");
    s.click(&s.find("[data-testid=vote-open]"));
    let plus = wait_for("an enabled +● on phone A", || {
        a.find_all(".card .dot").into_iter().find(|d| {
            a.text(d) == "+●"
                && a.execute(
                    "return !arguments[0].disabled",
                    vec![Session::element_arg(d)],
                ) == serde_json::json!(true)
        })
    });
    a.click(&plus);
    wait_for("one dot left on phone A", || {
        a.find_all(".vote")
            .into_iter()
            .find(|v| a.text(v).contains("1 von 2"))
    });

    // Scrolled to the end of a long page (a board of many cards, made long
    // here by room below it), "Weiter" is still in view and nothing lies
    // over it.
    s.execute(
        "const room = document.createElement('div');
         room.id = 'long-page';
         room.style.height = '200vh';
         document.querySelector('main').append(room);
         window.scrollTo(0, document.body.scrollHeight)",
        vec![],
    );
    let reachable = s.execute(
        "const b = document.querySelector('[data-testid=day-next]').getBoundingClientRect();
         const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
         return [window.scrollY > 0, b.top >= 0 && b.bottom <= innerHeight,
                 !!hit && hit.closest('[data-testid=day-next]') !== null]",
        vec![],
    );
    assert_eq!(
        reachable,
        serde_json::json!([true, true, true]),
        "[page scrolled, Weiter in view, Weiter on top]"
    );
    s.screenshot(&screenshot_path("agenda-day-bar-scrolled"));
    s.execute("document.getElementById('long-page').remove();", vec![]);

    // Collecting actors: phone B's proposal waits in the tray on the laptop.
    s.click(&s.find("[data-testid=day-next]"));
    wait_day_item(s, "Akteure sammeln");
    projector_item(s, &projector, &main, "Akteure sammeln");
    let name = wait_for("phone B's actor form", || {
        b.find_all("[data-testid=phone-actors] input")
            .into_iter()
            .next()
    });
    b.send_keys(&name, "Sportverein");
    b.click(&b.find("[data-testid=phone-actors] form button"));
    let tray = wait_for("the proposal in the tray", || {
        s.find_all("[data-testid=actor-tray]")
            .into_iter()
            .find(|t| s.text(t).contains("Sportverein"))
    });
    s.screenshot(&screenshot_path("agenda-laptop-tray"));
    assert!(s.text(&tray).contains("Vorschläge von den Handys"));
    p_shot(b, "agenda-phone-actors");
    let before = store_of(&db);
    let workshop = before.list_workshops().unwrap()[0].id.clone();
    let times_before = before.agenda(&workshop).unwrap();
    drop(before);

    // The laptop crashes: kill -9, then the app starts again.
    app.kill_app_process();
    drop(app);
    wait_for("phone A notices the laptop is gone", || {
        a.find_all(".offline").into_iter().next()
    });
    let app = App::start(&db);
    let s = &app.session;
    // It opens where the day is, not on the list of workshops.
    assert_eq!(day_item(s), "Akteure sammeln", "the running item is back");
    assert!(s.find_all("[data-testid=workshop-list]").is_empty());
    let actual: Vec<String> = s
        .find_all("[data-testid=agenda-actual]")
        .iter()
        .map(|e| s.text(e))
        .collect();
    assert!(
        actual.iter().all(|t| t.contains("Min")),
        "every item that ran shows its real start and length: {actual:?}"
    );
    let times_after = store_of(&db).agenda(&workshop).unwrap();
    for (x, y) in times_before.iter().zip(&times_after) {
        assert_eq!(x.started_at, y.started_at, "{}", x.title);
    }
    assert_eq!(phone_url(&db), url, "the same QR code after the restart");

    // Phone A reconnects with its old token and carries on.
    wait_for("phone A back online", || {
        a.find_all(".offline").is_empty().then_some(())
    });
    let name = wait_for("phone A's actor form", || {
        a.find_all("[data-testid=phone-actors] input")
            .into_iter()
            .next()
    });
    a.send_keys(&name, "Heimatverein");
    a.click(&a.find("[data-testid=phone-actors] form button"));
    wait_for("the second proposal stored", || {
        let store = store_of(&db);
        let map = &store.workshop_detail(&workshop).unwrap().actor_maps[0];
        store
            .actors(&map.id)
            .unwrap()
            .iter()
            .any(|x| x.name == "Heimatverein")
            .then_some(())
    });
    let session = store_of(&db).join_session(&workshop).unwrap().unwrap();
    assert_eq!(
        session.participants.len(),
        2,
        "the same two participants, nobody joined anew"
    );

    // The protocol follows the day.
    s.click(&s.find("[data-testid=day-end]"));
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll Ortsmitte.pdf");
    choose_file("Protokoll speichern", &protocol);
    s.find("[data-testid=info]");
    let text = pdf_text(&protocol);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the protocol:\n{text}"))
    };
    let (talk, cards, card, vote, actors, sport) = (
        at("09:00 Uhr · Begrüßung"),
        at("09:15 Uhr · Karten sammeln"),
        at("Bänke am Marktplatz"),
        at("09:45 Uhr · Punkte kleben"),
        at("10:00 Uhr · Akteure sammeln"),
        at("Sportverein"),
    );
    assert!(
        talk < cards && cards < card && card < vote && vote < actors && actors < sport,
        "each item with its results under it, in the agenda's order:\n{text}"
    );
    assert_eq!(
        text.matches("Tatsächlich:").count(),
        4,
        "the real times of the four items:\n{text}"
    );
    assert!(!text.contains("Zu spät geschickt"));
}

fn p_shot(p: &Session, name: &str) {
    p.screenshot(&screenshot_path(name));
}
