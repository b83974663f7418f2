//! The word cloud end to end: the real app under Xvfb and three real phone
//! browsers (Chromium). The cloud is collected face down: three phones send
//! words in different case and punctuation (one in Arabic, one changes its
//! words), the facilitator takes one word off and reveals the cloud, the
//! projector at 1280×720 shows each word once, the most frequent largest,
//! and the protocol has the cloud and its counted words.
// The real app window under Xvfb, driven through WebDriver: Linux only.
#![cfg(target_os = "linux")]

mod support;

use serde_json::json;
use support::app::App;
use support::desktop::choose_file;
use support::flows::{
    fresh_store, invite_phones, open_projector, pdf_text, phones_joined, screenshot_path,
};
use support::webdriver::{wait_for, Session};
use wandzeitung::model::*;
use wandzeitung::Store;

fn prepare(db: &std::path::Path) -> String {
    let store = Store::open(db).unwrap();
    let title = "Zukunft Ortsmitte";
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
            "Ein Wort zum Ortskern",
            Activity::WordCloud {
                question: "Welches Wort fällt Ihnen zu unserem Ortskern ein?".into(),
                hidden: true,
            },
        ),
        ("09:15", "Vortrag", Activity::Listen),
    ] {
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

/// Types `words` into the phone's boxes (replacing what they held) and sends them.
fn send_words(p: &Session, words: &[&str]) {
    let boxes = wait_for("the word boxes", || {
        let b = p.find_all("[data-testid=phone-cloud-word]");
        (!b.is_empty()).then_some(b)
    });
    for (i, b) in boxes.iter().enumerate() {
        p.clear(b);
        if let Some(w) = words.get(i) {
            p.send_keys(b, w);
        }
    }
    p.click(&p.find("[data-testid=phone-cloud-send]"));
    wait_for("the words taken", || {
        p.find_all("[data-testid=phone-cloud-sent]")
            .into_iter()
            .next()
    });
}

/// (key, word, count) of each row on the laptop's list.
fn laptop_words(s: &Session) -> Vec<(String, String, u32)> {
    s.find_all("[data-testid=cloud-words] tbody tr")
        .iter()
        .map(|row| {
            let key = s.execute(
                "return arguments[0].dataset.cloudWord",
                vec![Session::element_arg(row)],
            );
            let cells = s.find_all_in(row, "td");
            (
                key.as_str().unwrap().to_owned(),
                s.text(&s.find_in(&cells[0], "span[dir=auto]")),
                s.text(&cells[1]).parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn three_phones_fill_a_word_cloud_the_facilitator_moderates_and_the_protocol_keeps() {
    let (dir, db) = fresh_store();
    let title = prepare(&db);
    let app = App::start(&db);
    let s = &app.session;
    let url = invite_phones(s, &db, &title);
    let phones = phones_joined(&url, 3);
    let (a, b, c) = (&phones[0].session, &phones[1].session, &phones[2].session);

    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    s.find("[data-testid=cloud]");
    let (main, projector) = open_projector(s);
    s.set_window_size(1280, 720);
    s.switch_to(&main);

    send_words(a, &["Markt", "Quatsch"]);
    // Phone A thinks again: its words are replaced, not added.
    send_words(a, &["Bürger", "Markt", "Quatsch"]);
    send_words(b, &["bürger ", "MARKT!", "und"]);
    send_words(c, &["BÜRGER!", "مجتمع", "Громада"]);
    a.screenshot(&screenshot_path("cloud-phone-sent"));

    // The laptop counts as people read: three spellings, one word.
    let words = wait_for("nine words on the laptop", || {
        let w = laptop_words(s);
        (w.iter().map(|x| x.2).sum::<u32>() == 9).then_some(w)
    });
    assert_eq!(words[0], ("bürger".into(), "Bürger".into(), 3), "{words:?}");
    assert_eq!(words[1], ("markt".into(), "Markt".into(), 2), "{words:?}");
    assert!(words.contains(&("مجتمع".into(), "مجتمع".into(), 1)));
    assert!(s
        .text(&s.find("[data-testid=cloud-counted]"))
        .contains("9 Wörter von 3 Handys"));

    // Face down: the projector shows how many came, not what.
    s.switch_to(&projector);
    let covered = wait_for("the covered cloud on the projector", || {
        s.find_all("[data-testid=projected-cloud-covered]")
            .into_iter()
            .find(|e| s.text(e).contains("9 Wörter"))
    });
    let _ = covered;
    assert!(s.find_all("[data-cloud-word]").is_empty());
    s.switch_to(&main);

    // One word taken off, then the cloud revealed.
    let row = s.find("[data-cloud-word='quatsch'] [data-testid=cloud-hide]");
    s.click(&row);
    wait_for("the word marked hidden", || {
        s.find_all("[data-cloud-word='quatsch'].off")
            .into_iter()
            .next()
    });
    s.click(&s.find("[data-testid=cloud-reveal]"));
    s.find("[data-testid=cloud-cover]");
    s.screenshot(&screenshot_path("cloud-laptop"));

    s.switch_to(&projector);
    let shown = wait_for("the words on the projector", || {
        let keys: Vec<String> = s
            .find_all("[data-testid=projected-cloud] [data-cloud-word]")
            .iter()
            .map(|e| {
                s.execute(
                    "return arguments[0].dataset.cloudWord",
                    vec![Session::element_arg(e)],
                )
                .as_str()
                .unwrap()
                .to_owned()
            })
            .collect();
        (keys.len() == 4).then_some(keys)
    });
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["bürger", "markt", "громада", "مجتمع"],
        "no filler, no hidden word"
    );
    // Each word inside the screen, the most frequent largest, none on another.
    let boxes = s.execute(
        "return [...document.querySelectorAll('[data-cloud-word]')].map(e => {
           const r = e.getBoundingClientRect();
           return { key: e.dataset.cloudWord, text: e.textContent, size: parseFloat(e.style.fontSize),
                    l: r.left, r: r.right, t: r.top, b: r.bottom };
         }).concat([{ key: '', w: innerWidth, h: innerHeight }])",
        vec![],
    );
    let boxes = boxes.as_array().unwrap();
    let (screen, words) = boxes.split_last().unwrap();
    let size = |k: &str| {
        words.iter().find(|w| w["key"] == k).unwrap()["size"]
            .as_f64()
            .unwrap()
    };
    assert!(size("bürger") > size("markt") && size("markt") > size("громада"));
    for w in words {
        assert!(w["l"].as_f64().unwrap() >= 0.0, "{w}");
        assert!(
            w["r"].as_f64().unwrap() <= screen["w"].as_f64().unwrap(),
            "{w}"
        );
        assert!(
            w["b"].as_f64().unwrap() <= screen["h"].as_f64().unwrap(),
            "{w}"
        );
        for o in words {
            if o["key"] == w["key"] {
                continue;
            }
            let apart = w["r"].as_f64() <= o["l"].as_f64()
                || o["r"].as_f64() <= w["l"].as_f64()
                || w["b"].as_f64() <= o["t"].as_f64()
                || o["b"].as_f64() <= w["t"].as_f64();
            assert!(apart, "{w} overlaps {o}");
        }
    }
    assert_eq!(
        words.iter().find(|w| w["key"] == "مجتمع").unwrap()["text"],
        json!("مجتمع")
    );
    s.screenshot(&screenshot_path("cloud-projector-1280"));

    // A new word: no word already there moves.
    let before = words.to_vec();
    s.switch_to(&main);
    send_words(b, &["bürger", "MARKT!", "Spielplatz"]);
    s.switch_to(&projector);
    wait_for("the new word on the projector", || {
        s.find_all("[data-cloud-word='spielplatz']")
            .into_iter()
            .next()
    });
    for w in &before {
        let key = w["key"].as_str().unwrap();
        let now = s.execute(
            "const r = document.querySelector(`[data-cloud-word='${arguments[0]}']`).getBoundingClientRect();
             return [r.left + r.width / 2, r.top + r.height / 2];",
            vec![json!(key)],
        );
        let (l, r, t, bt) = (
            w["l"].as_f64().unwrap(),
            w["r"].as_f64().unwrap(),
            w["t"].as_f64().unwrap(),
            w["b"].as_f64().unwrap(),
        );
        let centre = [(l + r) / 2.0, (t + bt) / 2.0];
        let moved = ((now[0].as_f64().unwrap() - centre[0]).abs())
            .max((now[1].as_f64().unwrap() - centre[1]).abs());
        assert!(moved < 2.0, "{key} moved by {moved} px");
    }
    s.switch_to(&main);

    // The protocol: the cloud as the room saw it, its words counted.
    s.click(&s.find("[data-testid=day-end]"));
    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll Zukunft Ortsmitte.pdf");
    choose_file("Protokoll speichern", &protocol);
    s.find("[data-testid=info]");
    let text = pdf_text(&protocol);
    assert!(text.contains("Wortwolke: Welches Wort"), "{text}");
    assert!(text.contains("3× Bürger"), "{text}");
    assert!(text.contains("1× Spielplatz"), "{text}");
    // Phone B's filler went with the words it changed.
    assert!(!text.contains("Füllwörter"), "{text}");
    assert!(
        !text.contains("Quatsch"),
        "a hidden word leaves the protocol:\n{text}"
    );
}

/// A workshop with a list of four challenges rated face down.
fn prepare_matrix(db: &std::path::Path) -> (String, Vec<(Id, String)>) {
    let store = Store::open(db).unwrap();
    let title = "Prioritäten Ortsmitte";
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: chrono::Local::now().date_naive().to_string(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let list = store
        .create_challenge_list(&w.id, "Herausforderungen")
        .unwrap();
    let challenges = [
        "Bänke am Markt",
        "Jugendraum",
        "WLAN im Rathaus",
        "Neue Buslinie",
    ]
    .iter()
    .map(|t| {
        let c = store
            .add_challenge(
                &list.id,
                &ChallengeInput {
                    title: (*t).into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .value;
        (c.id, c.title)
    })
    .collect();
    store
        .add_agenda_item(
            &w.id,
            &AgendaItemInput {
                start_time: "10:00".into(),
                duration_minutes: 20,
                title: "Was zuerst?".into(),
                who: String::new(),
                activity: Activity::ImpactEffort {
                    list_id: list.id,
                    hidden: true,
                },
            },
        )
        .unwrap();
    // A board clustered earlier in the day, whose cluster is rated too.
    let board = store
        .create_board(&w.id, "Sammlung", &["Was fehlt in der Ortsmitte?"])
        .unwrap();
    let field = &board.fields[0].field.id;
    let card = store
        .add_card(
            field,
            &CardInput {
                text: "Kein Treffpunkt für Jugendliche".into(),
                color: CardColor::Yellow,
                author: String::new(),
            },
        )
        .unwrap()
        .value;
    store
        .create_cluster(field, "Ortsmitte beleben", &[card.id])
        .unwrap();
    (title.into(), challenges)
}

/// Taps `point` on the phone's `scale` row of a challenge, and waits until it shows.
fn tap(p: &Session, challenge: &str, scale: &str, point: u8) {
    let css =
        format!("[data-challenge-id='{challenge}'] [data-scale={scale}][data-point='{point}']");
    let button = wait_for(&format!("{scale} {point} on the phone"), || {
        p.find_all(&css).into_iter().find(|e| {
            p.execute(
                "return !arguments[0].disabled",
                vec![Session::element_arg(e)],
            ) == json!(true)
        })
    });
    p.click(&button);
    wait_for(&format!("{scale} {point} taken"), || {
        p.find_all(&format!("{css}[aria-pressed=true]"))
            .into_iter()
            .next()
    });
}

#[test]
fn three_phones_rate_four_challenges_by_impact_and_effort_and_the_list_sorts_by_it() {
    let (dir, db) = fresh_store();
    let (title, challenges) = prepare_matrix(&db);
    let app = App::start(&db);
    let s = &app.session;
    let url = invite_phones(s, &db, &title);
    let phones = phones_joined(&url, 3);
    let (a, b, c) = (&phones[0].session, &phones[1].session, &phones[2].session);
    s.click(&s.find_all("[data-testid=agenda-start]")[0]);
    s.find("[data-testid=matrix]");
    // The board's cluster joins the rated list: on the laptop and the phones.
    s.click(&s.find("[data-testid=matrix-from-clusters] button[type=submit]"));
    s.find_with_text("[data-testid=matrix-table] td", "Ortsmitte beleben");
    for p in [a, b, c] {
        wait_for("the cluster to rate on the phone", || {
            p.find_all("[data-challenge-id]")
                .into_iter()
                .find(|e| p.text(e).contains("Ortsmitte beleben"))
        });
    }
    let (main, projector) = open_projector(s);
    s.set_window_size(1280, 720);
    s.switch_to(&main);

    // (impact, effort) per phone and challenge; the phones tap them in.
    let sent: [[(u8, u8); 4]; 3] = [
        [(5, 1), (4, 4), (2, 2), (1, 5)],
        [(4, 2), (5, 5), (1, 1), (2, 4)],
        [(5, 2), (3, 5), (2, 1), (1, 5)],
    ];
    for (p, ratings) in [a, b, c].iter().zip(sent) {
        for ((id, _), (impact, effort)) in challenges.iter().zip(ratings) {
            tap(p, id, "impact", impact);
            tap(p, id, "effort", effort);
        }
    }
    a.screenshot(&screenshot_path("matrix-phone"));

    // Face down: the projector says how many rated, not where.
    let raters = wait_for("three raters on the laptop", || {
        s.find_all("[data-testid=matrix-raters]")
            .into_iter()
            .find(|e| s.text(e).contains('3'))
    });
    let _ = raters;
    s.switch_to(&projector);
    wait_for("the covered matrix on the projector", || {
        s.find_all("[data-testid=projector-matrix-covered]")
            .into_iter()
            .next()
    });
    assert!(s.find_all("[data-matrix-challenge]").is_empty());
    s.switch_to(&main);
    s.click(&s.find("[data-testid=matrix-reveal]"));
    s.find("[data-testid=matrix-cover]");
    s.screenshot(&screenshot_path("matrix-laptop"));

    // Each challenge at the means of what the phones sent.
    s.switch_to(&projector);
    let points = wait_for("four challenges on the projector", || {
        let g = s.find_all("[data-testid=projector-matrix] [data-matrix-challenge]");
        (g.len() == 4).then_some(g)
    });
    for (i, (id, title)) in challenges.iter().enumerate() {
        let g = points
            .iter()
            .find(|g| {
                s.execute(
                    "return arguments[0].dataset.matrixChallenge",
                    vec![Session::element_arg(g)],
                ) == json!(id)
            })
            .unwrap();
        let data = |name: &str| {
            s.execute(
                &format!("return Number(arguments[0].dataset.{name})"),
                vec![Session::element_arg(g)],
            )
            .as_f64()
            .unwrap()
        };
        let mean = |k: usize| {
            sent.iter()
                .map(|r| f64::from(if k == 0 { r[i].0 } else { r[i].1 }))
                .sum::<f64>()
                / 3.0
        };
        assert!((data("impact") - mean(0)).abs() < 1e-9, "{title}");
        assert!((data("effort") - mean(1)).abs() < 1e-9, "{title}");
        assert_eq!(data("count"), 3.0, "{title}");
    }
    s.screenshot(&screenshot_path("matrix-projector-1280"));
    s.switch_to(&main);

    // The list keeps the ratings and sorts by the most impact.
    s.click(&s.find("[data-testid=day-end]"));
    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find_with_text(
        "[data-testid=challenge-list-list] .row-title",
        "Herausforderungen",
    ));
    let sort = s.find("[data-testid=challenge-sort]");
    s.execute(
        "arguments[0].value = 'impact'; arguments[0].dispatchEvent(new Event('change'));",
        vec![Session::element_arg(&sort)],
    );
    let order = wait_for("the list sorted by impact", || {
        let order: Vec<String> = s
            .find_all("[data-testid=challenge-text]")
            .iter()
            .map(|e| s.text(e))
            .collect();
        (order.first().map(String::as_str) == Some("Bänke am Markt")).then_some(order)
    });
    assert_eq!(
        order,
        [
            "Bänke am Markt",
            "Jugendraum",
            "WLAN im Rathaus",
            "Neue Buslinie",
            "Ortsmitte beleben"
        ],
        "the cluster nobody rated last"
    );
    assert_eq!(s.find_all("[data-testid=challenge-rated]").len(), 4);
    s.screenshot(&screenshot_path("matrix-list-sorted"));

    // The protocol: the matrix and its table.
    s.click(&s.find("[data-testid=back-to-workshop]"));
    s.click(&s.find("[data-testid=create-protocol]"));
    let protocol = dir.path().join("Protokoll Prioritäten.pdf");
    choose_file("Protokoll speichern", &protocol);
    s.find("[data-testid=info]");
    let text = pdf_text(&protocol);
    for needle in [
        "Wirkung × Aufwand: Herausforderungen",
        "1. Bänke am Markt",
        "4,7 (4,5–5,0)",
        "Schnelle Erfolge",
        "Große Vorhaben",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} not in the protocol:\n{text}"
        );
    }
}
