//! The room speaks back, end to end: the real app under Xvfb and three
//! real phone browsers (Chromium). Questions from the audience, checked
//! before they are shown: two phones ask, a third backs one (twice, counted
//! once), the facilitator lets them through, hides one and marks one "jetzt
//! dran", which the projector shows large. Then a quick poll on a 1–5 scale:
//! three phones answer, one changes its mind, the projector shows the
//! distribution and the average. The protocol lists both under their items.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use support::app::App;
use support::desktop::choose_file;
use support::flows::{
    fresh_store, invite_phones, open_projector, pdf_text, phones_joined, screenshot_path, ENTER,
};
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;
use wandzeitung::Store;

fn prepare(db: &std::path::Path) -> String {
    let store = Store::open(db).unwrap();
    let title = "Bürgerforum Ortsmitte";
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: chrono::Local::now().date_naive().to_string(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let items = [
        (
            "09:00",
            "Gespräch mit dem Podium",
            Activity::Questions { review: true },
        ),
        (
            "09:30",
            "Blitzlicht",
            Activity::Poll {
                question: "Wie zufrieden sind Sie mit dem Ergebnis?".into(),
                answers: PollAnswers::Scale {
                    points: 5,
                    low: "gar nicht".into(),
                    high: "sehr".into(),
                },
            },
        ),
    ];
    for (start, title, activity) in items {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: start.into(),
                    duration_minutes: 30,
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

/// The question texts a phone shows, with their state badge if any.
fn phone_questions(p: &Session) -> Vec<String> {
    p.find_all("[data-testid=phone-questions] li.question .text")
        .iter()
        .map(|e| p.text(e))
        .collect()
}

fn ask(p: &Session, text: &str) {
    let box_ = wait_for("the question box", || {
        p.find_all("[data-testid=phone-questions] textarea")
            .into_iter()
            .next()
    });
    p.send_keys(&box_, text);
    p.click(&p.find("[data-testid=phone-questions] form button"));
    wait_for(&format!("{text:?} on the asking phone"), || {
        phone_questions(p).contains(&text.to_owned()).then_some(())
    });
}

/// The laptop's question row with this text.
fn laptop_question(s: &Session, text: &str) -> support::webdriver::Element {
    wait_for(&format!("{text:?} on the laptop"), || {
        s.find_all("[data-testid=question]")
            .into_iter()
            .find(|q| s.text(q).contains(text))
    })
}

fn in_row(s: &Session, text: &str, button: &str) -> support::webdriver::Element {
    let row = laptop_question(s, text);
    let id = s.execute(
        "return arguments[0].dataset.questionId",
        vec![Session::element_arg(&row)],
    );
    s.find(&format!(
        "[data-question-id='{}'] [data-testid={button}]",
        id.as_str().unwrap()
    ))
}

fn p_shot(p: &Session, name: &str) {
    p.screenshot(&screenshot_path(name));
}

#[test]
fn three_phones_ask_back_and_answer_a_poll_while_the_laptop_moderates() {
    let (dir, db) = fresh_store();
    let title = prepare(&db);
    let app = App::start(&db);
    let s = &app.session;
    let url = invite_phones(s, &db, &title);

    let phones = phones_joined(&url, 3);
    let (a, b, c) = (&phones[0].session, &phones[1].session, &phones[2].session);

    // The conversation starts: the laptop opens the item's questions.
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    s.find("[data-testid=questions]");
    let (main, projector) = open_projector(s);
    s.switch_to(&main);

    ask(a, "Wann fährt der Bus am Sonntag?");
    ask(b, "Werbung für meinen Laden");
    p_shot(a, "audience-phone-waiting");
    // Checked first: phone C sees neither yet.
    laptop_question(s, "Werbung für meinen Laden");
    assert!(
        phone_questions(c).is_empty(),
        "before they are let through: {:?}",
        phone_questions(c)
    );
    s.click(&in_row(s, "Wann fährt der Bus", "question-show"));
    s.click(&in_row(s, "Werbung", "question-show"));
    wait_for("both questions on phone C", || {
        (phone_questions(c).len() == 2).then_some(())
    });

    // Phone C backs the bus question, and its backing sent again counts once.
    let back = wait_for("the back button for the bus question", || {
        c.find_all("[data-testid=phone-questions] li.question")
            .into_iter()
            .find(|q| c.text(q).contains("Bus"))
            .map(|q| {
                let id = c.execute(
                    "return arguments[0].dataset.questionId",
                    vec![Session::element_arg(&q)],
                );
                id.as_str().unwrap().to_owned()
            })
    });
    c.click(&c.find(&format!("[data-question-id='{back}'] button.back")));
    let again = c.execute_async(
        "const [id, done] = arguments;
         const key = Object.keys(localStorage).find(k => k.startsWith('wandzeitung.join.'));
         const token = localStorage.getItem(key);
         fetch('/api/day', { headers: { Authorization: 'Bearer ' + token } })
           .then(r => r.json())
           .then(day => fetch('/api/write', {
             method: 'POST',
             headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
             body: JSON.stringify({ item: day.item, request_id: 'again-' + Date.now(),
                                    write: { kind: 'back_question', question_id: id, backed: true } }),
           }))
           .then(r => done(r.status));",
        vec![serde_json::json!(back)],
    );
    assert_eq!(again, serde_json::json!(200));
    let backing = wait_for("one backing on the laptop", || {
        let row = laptop_question(s, "Wann fährt der Bus");
        let n = s.text(&s.find(&format!(
            "[data-question-id='{back}'] [data-testid=question-backing]"
        )));
        (n == "1").then_some(row)
    });
    let _ = backing;

    // Hidden: the room no longer sees it; its asker sees that it was not shown.
    s.click(&in_row(s, "Werbung", "question-hide"));
    wait_for("the hidden question gone from phone C", || {
        (phone_questions(c) == vec!["Wann fährt der Bus am Sonntag?".to_owned()]).then_some(())
    });
    wait_for("phone B told its question is not shown", || {
        b.find_all("[data-testid=phone-questions] li.question.hidden .state")
            .into_iter()
            .find(|e| b.text(e).contains("nicht gezeigt"))
    });
    p_shot(b, "audience-phone-hidden");

    // "Jetzt dran": the projector shows it large with its backing.
    s.click(&in_row(s, "Wann fährt der Bus", "question-now"));
    s.screenshot(&screenshot_path("audience-laptop-questions"));
    s.switch_to(&projector);
    let shown = wait_for("the question on the projector", || {
        s.find_all("[data-testid=projector-current-question]")
            .into_iter()
            .find(|e| s.text(e).contains("Wann fährt der Bus am Sonntag?"))
    });
    assert!(s.text(&shown).contains("▲ 1"), "{}", s.text(&shown));
    assert!(
        !s.text(&s.find("[data-testid=projector]"))
            .contains("Werbung"),
        "a hidden question never reaches the wall"
    );
    s.screenshot(&screenshot_path("audience-projector-question"));
    s.switch_to(&main);
    s.click(&in_row(s, "Wann fährt der Bus", "question-answered"));

    // The poll: three phones answer, one changes its answer.
    s.click(&s.find("[data-testid=day-next]"));
    s.find("[data-testid=poll-chart]");
    for (p, answer) in [(a, 5), (b, 4), (c, 2), (c, 3)] {
        let button = wait_for(&format!("answer {answer} on the phone"), || {
            p.find_all(&format!(
                "[data-testid=phone-poll] button[data-answer='{answer}']"
            ))
            .into_iter()
            .find(|e| {
                p.execute(
                    "return !arguments[0].disabled",
                    vec![Session::element_arg(e)],
                ) == serde_json::json!(true)
            })
        });
        p.click(&button);
        wait_for("the answer taken", || {
            p.find_all(&format!(
                "[data-testid=phone-poll] button[data-answer='{answer}'][aria-pressed=true]"
            ))
            .into_iter()
            .next()
        });
    }
    p_shot(c, "audience-phone-poll");
    s.switch_to(&projector);
    let chart = wait_for("three answers on the projector", || {
        s.find_all("[data-testid=projector-poll]")
            .into_iter()
            .find(|e| s.text(e).contains("3 Antworten"))
    });
    let counts: Vec<String> = s
        .find_all("[data-testid=projector-poll] [data-testid=poll-bar]")
        .iter()
        .map(|bar| {
            s.execute(
                "return arguments[0].dataset.count",
                vec![Session::element_arg(bar)],
            )
            .as_str()
            .unwrap()
            .to_owned()
        })
        .collect();
    assert_eq!(counts, vec!["0", "0", "1", "1", "1"]);
    assert!(
        s.text(&chart).contains("Durchschnitt 4,0"),
        "{}",
        s.text(&chart)
    );
    s.screenshot(&screenshot_path("audience-projector-poll"));
    s.switch_to(&main);
    s.click(&s.find("[data-testid=poll-close]"));
    wait_for("the poll closed on phone A", || {
        a.find_all("[data-testid=phone-poll] .note")
            .into_iter()
            .find(|e| a.text(e).contains("geschlossen"))
    });

    // The protocol: the questions with their backing, the poll's distribution.
    s.click(&s.find("[data-testid=day-end]"));
    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll Bürgerforum.pdf");
    choose_file("Protokoll speichern", &protocol);
    s.find("[data-testid=info]");
    let text = pdf_text(&protocol);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the protocol:\n{text}"))
    };
    assert!(at("Gespräch mit dem Podium") < at("Fragen aus dem Publikum"));
    assert!(at("Wann fährt der Bus am Sonntag?") < at("unterstützt von 1 · beantwortet"));
    at("1 Frage nicht gezeigt");
    assert!(!text.contains("Werbung"));
    assert!(at("Blitzlicht: Wie zufrieden") < at("3 Antworten · Durchschnitt 4,0"));
    let _ = store_of(&db);
}

/// A day of group work and the plenary's vote over it.
fn prepare_groups(db: &std::path::Path) -> String {
    let store = Store::open(db).unwrap();
    let title = "Themenwerkstatt Ortsmitte";
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: chrono::Local::now().date_naive().to_string(),
            ..WorkshopInput::default()
        })
        .unwrap();
    for (start, title, activity) in [
        (
            "09:00",
            "Gruppenarbeit",
            Activity::Groups { boards: vec![] },
        ),
        (
            "09:45",
            "Priorisieren im Plenum",
            Activity::GroupsVote {
                boards: vec![],
                dots: 3,
            },
        ),
    ] {
        store
            .add_agenda_item(
                &w.id,
                &AgendaItemInput {
                    start_time: start.into(),
                    duration_minutes: 45,
                    title: title.into(),
                    who: String::new(),
                    activity,
                },
            )
            .unwrap();
    }
    title.into()
}

/// The laptop's progress row of a group: (people, cards).
fn progress(s: &Session, group: &str) -> Option<(String, String)> {
    let row = s
        .find_all("[data-testid=group-progress] tbody tr")
        .into_iter()
        .find(|r| s.text(&s.find_in(r, "th")) == group)?;
    let cells = s.find_all_in(&row, "td.num");
    Some((s.text(&cells[0]), s.text(&cells[1])))
}

fn write_card(p: &Session, text: &str) {
    let entry = wait_for("the card box of one's group", || {
        p.find_all("section.field[data-field-id] textarea")
            .into_iter()
            .next()
    });
    p.send_keys(&entry, text);
    p.click(&p.find("section.field[data-field-id] form button[type=submit]"));
    wait_for(&format!("{text:?} on its phone"), || {
        p.find_all("section.field li.card .text")
            .into_iter()
            .find(|c| p.text(c) == text)
    });
}

fn choose_group(p: &Session, name: &str) {
    let button = wait_for(&format!("group {name} on the phone"), || {
        p.find_all("[data-testid=phone-groups] button")
            .into_iter()
            .find(|b| p.text(b).contains(name))
    });
    p.click(&button);
    wait_for("the group chosen", || {
        p.find_all("[data-testid=phone-groups] h2")
            .into_iter()
            .find(|h| p.text(h).contains(name))
    });
}

#[test]
fn two_groups_write_on_their_own_boards_and_the_plenary_ranks_both() {
    let (dir, db) = fresh_store();
    let title = prepare_groups(&db);
    let app = App::start(&db);
    let s = &app.session;
    let url = invite_phones(s, &db, &title);

    // The group work starts; its page sets up two groups by table.
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    let names = s.find("[data-testid=groups-names]");
    s.clear(&names);
    s.send_keys(&names, &format!("Tisch 1{ENTER}Tisch 2"));
    s.click(&s.find("[data-testid=groups-create-submit]"));
    wait_for("two groups on the laptop", || {
        (s.find_all("[data-testid=group-progress] tbody tr").len() == 2).then_some(())
    });
    let (main, projector) = open_projector(s);
    s.switch_to(&main);

    let phones = phones_joined(&url, 3);
    let (a, b, c) = (&phones[0].session, &phones[1].session, &phones[2].session);
    choose_group(a, "Tisch 1");
    choose_group(b, "Tisch 2");
    choose_group(c, "Tisch 2");
    p_shot(a, "groups-phone-chosen");
    write_card(a, "Bänke am Marktplatz");
    write_card(b, "Ein Raum für die Jugend");
    write_card(c, "WLAN im Bürgerhaus");
    // Each phone sees its own group's cards only.
    let on_a: Vec<String> = a
        .find_all("section.field li.card .text")
        .iter()
        .map(|e| a.text(e))
        .collect();
    assert_eq!(on_a, ["Bänke am Marktplatz"]);
    wait_for("the groups' progress on the laptop", || {
        (progress(s, "Tisch 1") == Some(("1".into(), "1".into()))
            && progress(s, "Tisch 2") == Some(("2".into(), "2".into())))
        .then_some(())
    });
    s.screenshot(&screenshot_path("groups-laptop-progress"));
    s.switch_to(&projector);
    wait_for("both groups side by side on the projector", || {
        let wall = s
            .find_all("[data-testid=projector-groups]")
            .into_iter()
            .next()?;
        let text = s.text(&wall);
        (text.contains("Tisch 1")
            && text.contains("Bänke am Marktplatz")
            && text.contains("Ein Raum für die Jugend"))
        .then_some(())
    });
    s.screenshot(&screenshot_path("groups-projector"));
    s.switch_to(&main);

    // Phone A writes into Tisch 2's board: refused, nothing lands there.
    let store = store_of(&db);
    let work = &store
        .agenda(&store.list_workshops().unwrap()[0].id)
        .unwrap()[0];
    let groups = store.item_groups(&work.id).unwrap().unwrap();
    let other = &groups.groups[1].board_id;
    let field = store.board_view(other).unwrap().fields[0].field.id.clone();
    let refused = a.execute_async(
        "const [field, done] = arguments;
         const key = Object.keys(localStorage).find(k => k.startsWith('wandzeitung.join.'));
         const token = localStorage.getItem(key);
         fetch('/api/day', { headers: { Authorization: 'Bearer ' + token } })
           .then(r => r.json())
           .then(day => fetch('/api/write', {
             method: 'POST',
             headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
             body: JSON.stringify({ item: day.item, request_id: 'cross-' + Date.now(),
                                    write: { kind: 'add_card', field_id: field,
                                             input: { text: 'Quer hinein', color: 'yellow', author: '' } } }),
           }))
           .then(r => done(r.status));",
        vec![serde_json::json!(field)],
    );
    assert_eq!(
        refused,
        serde_json::json!(404),
        "another group's board is not there"
    );
    let cards_of = |board: &str| -> Vec<String> {
        store_of(&db).board_view(board).unwrap().fields[0]
            .cards
            .iter()
            .map(|c| c.text.clone())
            .collect()
    };
    assert_eq!(
        cards_of(other),
        ["Ein Raum für die Jugend", "WLAN im Bürgerhaus"]
    );

    // Weiter: the plenary gives dots over both groups' cards.
    s.click(&s.find("[data-testid=day-next]"));
    wait_for("the plenary on phone A", || {
        a.find_all("[data-testid=phone-plenary]").into_iter().next()
    });
    let dot_on = |p: &Session, text: &str| {
        let card = wait_for(&format!("{text:?} in the plenary"), || {
            p.find_all(".group-board li.card")
                .into_iter()
                .find(|c| p.text(c).contains(text))
        });
        p.click(&p.find_in(&card, "button.dot"));
    };
    dot_on(a, "WLAN im Bürgerhaus");
    dot_on(b, "WLAN im Bürgerhaus");
    dot_on(c, "Bänke am Marktplatz");
    p_shot(a, "groups-phone-plenary");
    let ranking = wait_for("the ranking across both groups", || {
        let list = s
            .find_all("[data-testid=groups-ranking]")
            .into_iter()
            .next()?;
        let text = s.text(&list);
        (text.contains("WLAN im Bürgerhaus") && text.contains("Bänke am Marktplatz"))
            .then_some(text)
    });
    assert!(
        ranking.find("WLAN").unwrap() < ranking.find("Bänke").unwrap()
            && ranking.contains("Tisch 1")
            && ranking.contains("Tisch 2"),
        "{ranking}"
    );
    s.screenshot(&screenshot_path("groups-laptop-ranking"));

    // The protocol: both groups' boards, and the plenary's ranking.
    s.click(&s.find("[data-testid=day-end]"));
    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll Themenwerkstatt.pdf");
    choose_file("Protokoll speichern", &protocol);
    s.find("[data-testid=info]");
    let text = pdf_text(&protocol);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the protocol:\n{text}"))
    };
    assert!(at("Tisch 1") < at("Bänke am Marktplatz"));
    assert!(at("Tisch 2") < at("Ein Raum für die Jugend"));
    assert!(at("Ein Raum für die Jugend") < at("Ergebnis über alle Gruppen"));
    let result = &text[at("Ergebnis über alle Gruppen")..];
    assert!(
        result.contains("1. WLAN im Bürgerhaus") && result.contains("Tisch 2 · 2 Punkte"),
        "{result}"
    );
    std::fs::copy(
        &protocol,
        screenshot_path("groups-protocol").with_extension("pdf"),
    )
    .unwrap();
}
