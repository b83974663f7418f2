//! The day runs from the agenda, end to end: the real app under Xvfb starts
//! agenda items and a real phone browser (Chromium) follows each one; a card
//! typed during the collection and sent after "Weiter" is refused with the
//! message and stays in its box.

mod support;

use support::app::App;
use support::flows::{fresh_store, screenshot_path};
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

fn phone_url(db: &std::path::Path) -> String {
    let store = Store::open_to_read(db).unwrap().unwrap();
    let w = &store.list_workshops().unwrap()[0];
    let session = store
        .join_session(&w.id)
        .unwrap()
        .expect("a running session");
    format!("http://{}/j/{}", session.address, session.secret)
}

#[test]
fn a_phone_follows_the_agenda_and_a_card_sent_too_late_is_refused_and_kept() {
    let (_dir, db) = fresh_store();
    let title = prepare(&db);
    let app = App::start(&db);
    let s = &app.session;
    s.click(&s.find_with_text("[data-testid=workshop-list] .row-title", &title));

    // One invitation for the whole workshop, from the workshop page.
    s.click(&s.find("[data-testid=join-invite]"));
    let network = s.find("[data-testid=join-network]");
    s.execute(
        "arguments[0].value = '127.0.0.1'; arguments[0].dispatchEvent(new Event('change'));",
        vec![Session::element_arg(&network)],
    );
    s.click(&s.find("[data-testid=join-start]"));
    s.find("[data-testid=join-code]");
    let url = phone_url(&db);

    let phone = PhoneBrowser::start();
    let p = &phone.session;
    p.navigate(&url);
    wait_for("the programme on the phone", || {
        p.find_all("[data-testid=phone-programme]")
            .into_iter()
            .next()
    });

    // Starten: the talk. The phone shows what comes next.
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    wait_for("the day bar with the talk", || {
        s.find_all("[data-testid=day-item]")
            .into_iter()
            .find(|e| s.text(e) == "Begrüßung")
    });
    let waiting = wait_for("the talk on the phone", || {
        p.find_all("[data-testid=phone-listen]").into_iter().next()
    });
    let text = p.text(&waiting);
    assert!(
        text.contains("Begrüßung") && text.contains("09:15") && text.contains("Karten sammeln"),
        "the phone shows the running item and what comes next: {text}"
    );
    s.screenshot(&screenshot_path("agenda-laptop-talk"));
    p.screenshot(&screenshot_path("agenda-phone-talk"));

    // Weiter: the card collection opens on the laptop and on the phone.
    s.click(&s.find("[data-testid=day-next]"));
    let entry = wait_for("the phone's card box", || {
        p.find_all("section.field textarea").into_iter().next()
    });
    s.find("[data-testid=fields]");
    p.send_keys(&entry, "Bänke am Marktplatz");
    p.click(&p.find_all("section.field form.add button")[0]);
    wait_for("the card on the phone", || {
        p.find_all(".card .text")
            .into_iter()
            .find(|e| p.text(e) == "Bänke am Marktplatz")
    });
    // A second card is typed but not sent before the facilitator moves on.
    let entry = p.find_all("section.field textarea")[0].clone();
    p.send_keys(&entry, "Zu spät geschickt");
    p.screenshot(&screenshot_path("agenda-phone-cards"));

    s.click(&s.find("[data-testid=day-next]"));
    wait_for("the dot vote in the day bar", || {
        s.find_all("[data-testid=day-item]")
            .into_iter()
            .find(|e| s.text(e) == "Punkte kleben")
    });
    wait_for("the running item on the phone", || {
        p.find_all("[data-testid=phone-programme] summary")
            .into_iter()
            .find(|e| p.text(e).contains("Punkte kleben"))
    });
    p.click(&p.find_all("section.field form.add button")[0]);
    let problem = wait_for("the refusal on the phone", || {
        p.find_all(".problem").into_iter().next()
    });
    assert!(
        p.text(&problem).contains("Dieser Abschnitt ist beendet"),
        "{}",
        p.text(&problem)
    );
    assert_eq!(
        p.value(&p.find_all("section.field textarea")[0]),
        "Zu spät geschickt",
        "the typed text stays on the phone"
    );
    p.screenshot(&screenshot_path("agenda-phone-refused"));
    s.screenshot(&screenshot_path("agenda-laptop-vote"));

    // Nothing of it reached the store.
    let store = Store::open_to_read(&db).unwrap().unwrap();
    let w = &store.list_workshops().unwrap()[0];
    let doc = store.export_workshop(&w.id).unwrap();
    let texts: Vec<&str> = doc.boards[0]
        .fields
        .iter()
        .flat_map(|f| f.cards.iter().map(|c| c.text.as_str()))
        .collect();
    assert!(texts.contains(&"Bänke am Marktplatz"));
    assert!(!texts.contains(&"Zu spät geschickt"), "{texts:?}");
    let agenda = &doc.agenda;
    assert!(agenda[0].started_at.is_some() && agenda[1].started_at.is_some());
    assert!(agenda[2].running_since.is_some(), "the vote runs");
    assert!(agenda[3].started_at.is_none());
}
